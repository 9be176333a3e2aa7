package io.linkguard.pipeline;

import io.linkguard.evidence.EvidenceBatch;
import io.linkguard.loganalytics.QueryParameters;

/** Where a run's evidence comes from: {@code LogAnalyticsEvidenceSource::read} in production. */
@FunctionalInterface
public interface EvidenceReader {
    EvidenceBatch read(QueryParameters parameters);
}

package io.linkguard.loganalytics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one evidence query covers. {@code lookback} bounds TimeGenerated (context for the classifier);
 * {@code ingestedSince} selects identities whose conflicts arrived since the last run (minus an overlap
 * for late data); {@code devices} narrows a targeted evaluation; empty lists mean "all".
 */
public record QueryParameters(Duration lookback, Instant ingestedSince, List<String> hubs, List<String> devices,
                              Duration bin, Duration renewalWindow, int timelineEvents) {
}

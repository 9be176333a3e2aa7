package io.linkguard.findings;

import io.linkguard.classification.Classification;
import io.linkguard.evidence.Identity;
import io.linkguard.evidence.TimelineEvent;
import java.util.List;

/** What fleet findings need of one reported identity: its class and its timeline. */
public record ClassifiedIdentity(Identity identity, Classification classification, List<TimelineEvent> timeline) {
}

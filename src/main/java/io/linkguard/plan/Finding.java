package io.linkguard.plan;

import io.linkguard.classification.Verdict;
import io.linkguard.evidence.Identity;
import io.linkguard.evidence.IdentityEvidence;
import io.linkguard.evidence.TimelineEvent;
import java.util.List;

/** One reported identity: its verdict, the evidence behind it, the planned actions and its timeline. */
public record Finding(Identity identity, Verdict verdict, IdentityEvidence evidence, List<Action> actions,
                      List<TimelineEvent> timeline) {
}

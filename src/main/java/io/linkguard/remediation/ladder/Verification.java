package io.linkguard.remediation.ladder;

import io.linkguard.evidence.EventKind;
import io.linkguard.evidence.TimelineEvent;
import io.linkguard.plan.Finding;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Did a back-off calm the identity? Its conflicts per hour since the back-off was sent (from the finding's
 * timeline), against the rate recorded when it was decided. When the timeline no longer reaches back to the
 * back-off (too many events since), the rate cannot have fallen: not improved.
 */
public record Verification(boolean improved, double rateAfter, String explanation) {

    public static Verification of(Finding finding, Instant sent, double rateAtSend, double minDrop, Instant now) {
        long from = sent.toEpochMilli();
        List<TimelineEvent> timeline = finding.timeline();
        int conflicts = 0;
        for (TimelineEvent e : timeline) {
            if (e.kind() == EventKind.CONFLICT && e.timeMillis() >= from) {
                conflicts++;
            }
        }
        double hours = Math.max(Duration.between(sent, now).toSeconds(), 60) / 3600.0;
        double rateAfter = Math.round(conflicts / hours * 100) / 100.0;
        double ceiling = rateAtSend * (1 - minDrop);
        boolean covers = finding.evidence().timelineOmitted() == 0
                || (!timeline.isEmpty() && timeline.get(0).timeMillis() <= from);
        if (!covers) {
            return new Verification(false, rateAfter, String.format(Locale.ROOT,
                    "the timeline is full of events since the back-off (%d conflicts in it): not calmed", conflicts));
        }
        boolean improved = rateAfter <= ceiling;
        return new Verification(improved, rateAfter, String.format(Locale.ROOT,
                "%.2f conflicts/h since the back-off vs %.2f/h before (needs <= %.2f/h to count as calmed)",
                rateAfter, rateAtSend, ceiling));
    }
}

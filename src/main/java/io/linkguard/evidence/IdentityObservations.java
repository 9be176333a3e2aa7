package io.linkguard.evidence;

import java.util.List;

/**
 * What both evidence sources (an exported log file, or the production KQL) deliver per identity:
 * exact counts over the look-back, and the latest events in time order, at most the configured
 * timeline size. {@code timelineOmitted} says how many older events the timeline leaves out.
 */
public record IdentityObservations(
        Identity identity,
        EventCounts counts,
        long firstSeenMillis,
        long lastSeenMillis,
        List<TimelineEvent> timeline,
        long timelineOmitted) {
}

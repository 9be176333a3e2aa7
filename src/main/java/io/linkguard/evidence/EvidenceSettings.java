package io.linkguard.evidence;

import java.time.Duration;

/**
 * Parameters of the evidence contract. Defaults: a conflict up to 120 s after a drop is "after a
 * precursor" (the SDKs retry the first reconnect at once; log timestamps of the two rows can differ by
 * tens of seconds); a 401003 followed by a drop within 60 s is an MQTT SAS renewal; the timeline keeps
 * the latest 256 events of an identity; a recovery (one precursor) followed by 3 or more conflicts is a
 * "storm" (the SDK's immediate retry explains one, a second is tolerated).
 */
public record EvidenceSettings(int timelineEvents, Duration precursorWindow, Duration renewalWindow,
                               Duration burstWindow, int stormConflicts) {

    public static final EvidenceSettings DEFAULTS =
            new EvidenceSettings(256, Duration.ofSeconds(120), Duration.ofSeconds(60), Duration.ofMinutes(10), 3);
}

package io.linkguard.remediation.ladder;

/** What one run does for one identity. */
public enum Step {
    /** Nothing to write. */
    NONE,
    /** Write the tag (first sighting, new observation, verification result); no device-facing action. */
    TAG,
    /** Decide a new back-off and deliver it. */
    BACKOFF,
    /** Deliver the back-off already decided (its commandId is in the tag) that a fault kept from the device. */
    DELIVER_PENDING,
    /** Check the IoT Hub job that carries the identity's back-off. */
    TRACK_JOB,
    /** Open, update or retry the identity's ticket. */
    TICKET,
    /** Quiet long enough: resolve the ticket, clear the desired back-off, mark the tag resolved. */
    RESOLVE
}

package io.linkguard.hub.stub;

/** What a request to the stub hub asked for; throttles, faults and the request log are keyed by it. */
public enum StubOperation {
    TWIN_READ,
    TWIN_UPDATE,
    /** A direct method; throttled in 4 KB units of payload like the real hub. */
    METHOD,
    JOB_CREATE,
    JOB_READ,
    JOB_CANCEL,
    QUERY,
    /** The ARM GET of the hub resource. */
    ARM_READ,
    /** Anything the stub does not implement (answered 404 or 405). */
    UNKNOWN
}

package io.linkguard.hub;

import io.linkguard.remediation.HubLimits;

/** The published IoT Hub throttles the adapter meters against, one token bucket each per hub. */
public enum Meter {
    /** Twin GETs (device and module twins). */
    TWIN_READS,
    /** Twin PATCHes (tags and desired properties). */
    TWIN_UPDATES,
    /** Direct methods, in 4 KB units of payload (a small call is one unit). */
    METHOD_UNITS,
    /** Device operations run by jobs: a job over N devices costs N. */
    JOB_DEVICE_OPS,
    /** IoT Hub queries, one per page fetched: 20/min/unit on Free, S1 and S2, 1000/min/unit on S3. */
    QUERIES;

    /** The published rate for this meter, per second. */
    public double publishedRate(HubLimits limits) {
        return switch (this) {
            case TWIN_READS -> limits.twinReadsPerSecond();
            case TWIN_UPDATES -> limits.twinUpdatesPerSecond();
            case METHOD_UNITS -> limits.methodUnitsPerSecond();
            case JOB_DEVICE_OPS -> limits.jobDeviceOpsPerSecond();
            case QUERIES -> !limits.supportsTwins() ? 0
                    : limits.units() * ("S3".equalsIgnoreCase(limits.sku()) ? 1000 : 20) / 60.0;
        };
    }
}

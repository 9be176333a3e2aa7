package io.linkguard.remediation;

/**
 * A hub's tier and the published throttles (operations per second) that follow from it. Direct methods
 * are metered in 4 KB units; {@code maxActiveJobs} is 1 on Free/S1. Basic tiers have no twins, methods
 * or jobs ({@code supportsTwins} false).
 */
public record HubLimits(String hub, String hostName, String sku, int units, boolean supportsTwins,
                        double twinReadsPerSecond, double twinUpdatesPerSecond, double methodUnitsPerSecond,
                        double jobDeviceOpsPerSecond, int maxActiveJobs) {
}

package io.linkguard.hub;

import io.linkguard.remediation.HubLimits;

/** IoT Hub's Basic tier has no twins, direct methods or jobs: the one check, and the reason given for it. */
final class BasicTier {

    private BasicTier() {
    }

    /** Why twin, method and job calls cannot be made on this hub, or null when they can. */
    static String refusal(HubLimits limits) {
        return limits.supportsTwins() ? null
                : "hub " + limits.hub() + " is on the Basic tier (" + limits.sku() + "): it has no twins, direct methods or jobs";
    }
}

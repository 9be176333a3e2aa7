package io.linkguard.evidence;

import java.util.SortedMap;

/**
 * Fleet-level evidence of one hub: how many identities were active (any Connections row in the look-back)
 * and, per time bin, how many distinct identities dropped, split by signal: closed by a service or
 * platform upgrade (400029/400030), by a hub-side fault (5xx), or lost (404104 that is not an MQTT SAS
 * renewal). An identity can count in more than one signal of one bin. Bins without drops are absent.
 * {@code fromMillis}/{@code toMillis} bound the observed span, for the baseline rate.
 */
public record HubActivity(String hub, long binMillis, long fromMillis, long toMillis, long activeIdentities,
                          SortedMap<Long, Bin> bins) {

    public record Bin(int droppingIdentities, int upgradeIdentities, int serverErrorIdentities,
                      int connectionLossIdentities) {

        /** Identities closed with a platform code (upgrade or 5xx); an identity with both counts in each. */
        public int platformIdentities() {
            return upgradeIdentities + serverErrorIdentities;
        }

        public int identities(FleetSignal signal) {
            return switch (signal) {
                case UPGRADE -> upgradeIdentities;
                case SERVER_ERRORS -> serverErrorIdentities;
                case CONNECTION_LOSS -> connectionLossIdentities;
            };
        }
    }

    /** Number of bins in the observed span, including the empty ones (at least 1). */
    public long spanBins() {
        long first = Math.floorDiv(fromMillis, binMillis);
        long last = Math.floorDiv(toMillis, binMillis);
        return Math.max(1, last - first + 1);
    }

    /** The first bin of the observed span, aligned to {@code binMillis}. */
    public long firstBin() {
        return Math.floorDiv(fromMillis, binMillis) * binMillis;
    }
}

package io.linkguard.evidence;

import java.util.SortedMap;

/**
 * Fleet-level evidence of one hub: per time bin, how many distinct identities dropped (404104, 5xx,
 * 400029/400030) and how many of them with a platform code (5xx, 400029/400030). Bins without drops are
 * absent. {@code fromMillis}/{@code toMillis} bound the observed span, for the baseline rate.
 */
public record HubActivity(String hub, long binMillis, long fromMillis, long toMillis, SortedMap<Long, Bin> bins) {

    public record Bin(int droppingIdentities, int platformIdentities) {
    }

    /** Number of bins in the observed span, including the empty ones (at least 1). */
    public long spanBins() {
        long first = Math.floorDiv(fromMillis, binMillis);
        long last = Math.floorDiv(toMillis, binMillis);
        return Math.max(1, last - first + 1);
    }
}

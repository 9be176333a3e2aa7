package io.linkguard.evidence;

/** A half-open time interval [fromMillis, toMillis). */
public record TimeWindow(long fromMillis, long toMillis) {
    public boolean contains(long millis) {
        return millis >= fromMillis && millis < toMillis;
    }
}

package io.linkguard.remediation.tag;

/** The conflict counts of the identity's latest finding: exact over its look-back, and the rate per hour. */
public record Conflicts(long total, long code409002, long code400027, double perHour) {
}

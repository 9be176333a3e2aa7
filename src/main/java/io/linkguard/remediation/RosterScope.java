package io.linkguard.remediation;

/**
 * How much of a hub's roster a run needs. A scheduled run sees the whole hub's logs, so it also lists the
 * identities whose tag is still active (to resolve those quiet now); a targeted run (an alert, an event,
 * a few identities) sees only those, so it must not resolve the others and does not list them at all.
 */
public enum RosterScope {
    /** The identity count and every identity with an active {@code tags.linkguard}. */
    COUNT_AND_TAGGED,
    /** The identity count alone (the fleet guard's denominator); no tagged identities listed. */
    COUNT_ONLY
}

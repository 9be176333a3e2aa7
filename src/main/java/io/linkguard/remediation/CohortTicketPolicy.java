package io.linkguard.remediation;

import java.util.Arrays;
import java.util.Optional;

/**
 * Whether a cohort that explains most identities of a class on a hub gets one fleet-level ticket, and what
 * becomes of its members' own tickets ({@code LINKGUARD_COHORT_TICKETS}, docs/settings.md).
 */
public enum CohortTicketPolicy {
    /** No cohort tickets: every identity is ticketed on its own, as before cohorts. */
    OFF("off"),
    /** A cohort ticket, and the members' identity tickets as well. */
    ALONGSIDE("alongside"),
    /** A cohort ticket instead of new identity tickets for its members. */
    FOLD("fold");

    private final String label;

    CohortTicketPolicy(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<CohortTicketPolicy> ofLabel(String label) {
        return Arrays.stream(values()).filter(p -> p.label.equals(label)).findFirst();
    }
}

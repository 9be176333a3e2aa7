package io.linkguard.tickets;

/** What a ticket step did, and the state to remember in the twin tag. */
public record TicketOutcome(Kind kind, TicketState state, String detail) {

    public enum Kind {
        OPENED, UPDATED, REOPENED,
        /** Nothing written: the last update is recent and the class did not change. */
        UNCHANGED,
        RESOLVED,
        /** The sink failed (5xx, 429, timeout): remembered, retried by the next run. */
        PENDING,
        /** The sink refused the credentials or configuration: reported once per run, not per device. */
        MISCONFIGURED,
        DISABLED
    }

    public static TicketOutcome disabled(TicketState previous) {
        return new TicketOutcome(Kind.DISABLED, previous, "no ticket sink configured");
    }
}

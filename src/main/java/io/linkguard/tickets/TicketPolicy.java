package io.linkguard.tickets;

import java.time.Duration;
import java.util.Objects;

/**
 * How the orchestrator treats an existing ticket.
 *
 * @param updatePeriod at most one update per key in this period after the ticket's last change, unless the
 *                     class changed
 * @param reopen       what to do when the problem of a closed ticket returns
 * @param reopenWindow under {@link Reopen#REOPEN}, a ticket closed longer ago than this gets a new ticket instead
 * @param failuresBeforePause consecutive transient failures after which a sink is left alone for the rest of the run
 */
public record TicketPolicy(Duration updatePeriod, Reopen reopen, Duration reopenWindow, int failuresBeforePause) {

    public enum Reopen {
        /** Reopen the closed ticket (within the reopen window): its history stays in one place. */
        REOPEN("reopen"),
        /** Always open a new ticket that links the closed one. */
        NEW("new");

        private final String label;

        Reopen(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public static final TicketPolicy DEFAULTS =
            new TicketPolicy(Duration.ofHours(6), Reopen.REOPEN, Duration.ofDays(30), 3);

    public TicketPolicy {
        Objects.requireNonNull(updatePeriod, "updatePeriod");
        Objects.requireNonNull(reopen, "reopen");
        Objects.requireNonNull(reopenWindow, "reopenWindow");
        if (failuresBeforePause < 1) {
            throw new IllegalArgumentException("failuresBeforePause must be at least 1");
        }
    }
}

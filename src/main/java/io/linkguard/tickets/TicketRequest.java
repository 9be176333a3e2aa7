package io.linkguard.tickets;

import io.linkguard.findings.Cohort;
import io.linkguard.plan.Finding;
import java.util.List;

/**
 * One ticket step: for an identity, the finding with its evidence; for a cohort (one fleet-level ticket per hub and
 * cause), the cohort with its members and evidence and no finding. Also what LinkGuard already did about it (one
 * line each, newest last), the run, and the ticket state remembered (in the identity's twin tag, or the run's cohort
 * ticket record; null when there is none).
 */
public record TicketRequest(TicketKey key, Finding finding, List<String> actionsTaken, String runId,
                            TicketState previous, Cohort cohort) {

    public TicketRequest(TicketKey key, Finding finding, List<String> actionsTaken, String runId, TicketState previous) {
        this(key, finding, actionsTaken, runId, previous, null);
    }

    /** The fleet-level ticket of a cohort. */
    public static TicketRequest forCohort(Cohort cohort, List<String> actionsTaken, String runId, TicketState previous) {
        return new TicketRequest(TicketKey.of(cohort), null, actionsTaken, runId, previous, cohort);
    }
}

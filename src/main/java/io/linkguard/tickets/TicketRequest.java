package io.linkguard.tickets;

import io.linkguard.findings.Cohort;
import io.linkguard.plan.Finding;
import java.util.List;

/**
 * One ticket step: for an identity, the finding with its evidence; for a cohort (one fleet-level ticket per hub and
 * cause), the cohort with its members and evidence and no finding. Also what LinkGuard already did about it (one
 * line each, newest last), the run, and the ticket state remembered (in the identity's twin tag, or the run's cohort
 * ticket record; null when there is none). A cohort's ticket also names the {@code overlapping} cohorts it stands
 * for: cohorts of the same hub and class whose members are all among its own (an SDK name and that SDK's one
 * version), which get no ticket of their own.
 */
public record TicketRequest(TicketKey key, Finding finding, List<String> actionsTaken, String runId,
                            TicketState previous, Cohort cohort, List<Cohort> overlapping) {

    public TicketRequest {
        overlapping = overlapping == null ? List.of() : List.copyOf(overlapping);
    }

    public TicketRequest(TicketKey key, Finding finding, List<String> actionsTaken, String runId, TicketState previous,
                         Cohort cohort) {
        this(key, finding, actionsTaken, runId, previous, cohort, List.of());
    }

    public TicketRequest(TicketKey key, Finding finding, List<String> actionsTaken, String runId, TicketState previous) {
        this(key, finding, actionsTaken, runId, previous, null);
    }

    /** The fleet-level ticket of a cohort. */
    public static TicketRequest forCohort(Cohort cohort, List<String> actionsTaken, String runId, TicketState previous) {
        return forCohort(cohort, List.of(), actionsTaken, runId, previous);
    }

    /** The fleet-level ticket of a cohort that also stands for {@code overlapping} cohorts. */
    public static TicketRequest forCohort(Cohort cohort, List<Cohort> overlapping, List<String> actionsTaken,
                                          String runId, TicketState previous) {
        return new TicketRequest(TicketKey.of(cohort), null, actionsTaken, runId, previous, cohort, overlapping);
    }
}

package io.linkguard.remediation;

import io.linkguard.remediation.safety.Mode;
import io.linkguard.evidence.Identity;
import io.linkguard.findings.Cohort;
import io.linkguard.findings.FleetFindings;
import io.linkguard.remediation.report.HubWrite;
import io.linkguard.remediation.safety.RunBudget;
import io.linkguard.tickets.TicketKey;
import io.linkguard.tickets.TicketOutcome;
import io.linkguard.tickets.TicketRequest;
import io.linkguard.tickets.TicketState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One hub's cohort tickets, before its identities run: a cohort of the hub that explains most identities of its
 * class ({@link #MOST}) gets one fleet-level ticket, raised like an identity's (deduplicated by its key, capped by
 * the run's ticket cap, written only in enforce mode); under {@link CohortTicketPolicy#FOLD} its members are
 * marked folded so their ticket step does not open tickets of their own. A cohort ticket whose cohort is gone from
 * a complete plan that computed cohorts is resolved; an incomplete plan resolves nothing.
 */
final class CohortTickets {
    /**
     * "Most identities of the class": a share, so it means the same on a hub of 100 identities and of a million; the
     * detector already demands the cohort be significant and over-represented.
     */
    static final double MOST = 0.5;

    private final RunContext ctx;
    private final CohortTicketRecord record;

    CohortTickets(RunContext ctx, CohortTicketRecord record) {
        this.ctx = ctx;
        this.record = record;
    }

    /** What the hub's cohort tickets came to, one line each, for the run's notes. */
    List<String> run(String hub, FleetFindings findings) {
        List<String> notes = new ArrayList<>();
        if (ctx.settings.cohortTickets() == CohortTicketPolicy.OFF) {
            return notes;
        }
        Map<TicketKey, Cohort> wanted = new LinkedHashMap<>();
        for (Cohort c : findings.cohorts()) {
            if (hub.equals(c.hub()) && c.classShare() > MOST) {
                wanted.putIfAbsent(TicketKey.of(c), c);
            }
        }
        Map<TicketKey, TicketState> open = record.open(hub);
        for (Map.Entry<TicketKey, Cohort> e : wanted.entrySet()) {
            raise(hub, e.getKey(), e.getValue(), open.get(e.getKey()), notes);
        }
        if (!ctx.inputComplete || !findings.cohortsComputed()) {
            if (open.keySet().stream().anyMatch(k -> !wanted.containsKey(k))) {
                notes.add("cohort tickets on " + hub + ": none resolved, the plan is incomplete or computed no cohorts");
            }
            return notes;
        }
        for (Map.Entry<TicketKey, TicketState> e : open.entrySet()) {
            if (!wanted.containsKey(e.getKey())) {
                resolve(hub, e.getKey(), e.getValue(), notes);
            }
        }
        return notes;
    }

    private void raise(String hub, TicketKey key, Cohort cohort, TicketState previous, List<String> notes) {
        if (ctx.settings.cohortTickets() == CohortTicketPolicy.FOLD) {
            for (Identity member : cohort.memberIds()) {
                ctx.foldedInto.putIfAbsent(member, key.value());
            }
        }
        if (ctx.ticketsMisconfigured.get()) {
            notes.add("cohort ticket " + key.value() + ": not raised, the ticket sink is misconfigured");
            return;
        }
        if (!ctx.budget.tryReserve(RunBudget.Kind.TICKETS, 1)) {
            notes.add("cohort ticket " + key.value() + ": capped (" + RunBudget.Kind.TICKETS.setting() + ")");
            return;
        }
        List<HubWrite> writes = new ArrayList<>();
        TicketOutcome o = ctx.effects.raise(TicketRequest.forCohort(cohort, List.of(), ctx.runId, previous), writes);
        settle(hub, key, o, notes, "raise");
    }

    private void resolve(String hub, TicketKey key, TicketState previous, List<String> notes) {
        if (ctx.ticketsMisconfigured.get()) {
            notes.add("cohort ticket " + key.value() + ": not resolved, the ticket sink is misconfigured");
            return;
        }
        if (!ctx.budget.tryReserve(RunBudget.Kind.TICKETS, 1)) {
            notes.add("cohort ticket " + key.value() + ": resolve capped (" + RunBudget.Kind.TICKETS.setting() + ")");
            return;
        }
        List<HubWrite> writes = new ArrayList<>();
        TicketOutcome o = ctx.effects.resolve(new TicketRequest(key, null, List.of(), ctx.runId, previous), writes);
        settle(hub, key, o, notes, "resolve");
    }

    private void settle(String hub, TicketKey key, TicketOutcome o, List<String> notes, String step) {
        switch (o.kind()) {
            case DISABLED -> ctx.budget.release(RunBudget.Kind.TICKETS, 1);
            case MISCONFIGURED -> {
                ctx.ticketsMisconfigured.set(true);
                ctx.budget.release(RunBudget.Kind.TICKETS, 1);
            }
            default -> {
            }
        }
        if (ctx.settings.mode() == Mode.ENFORCE && o.kind() != TicketOutcome.Kind.DISABLED
                && o.kind() != TicketOutcome.Kind.MISCONFIGURED && o.state() != null) {
            record.remember(hub, key, o.state());
        }
        String kind = ctx.settings.mode() == Mode.DRY_RUN ? "would " + step : o.kind().name().toLowerCase(Locale.ROOT);
        notes.add("cohort ticket " + key.value() + ": " + kind + (o.detail() == null ? "" : " (" + o.detail() + ")"));
    }
}

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
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One hub's cohort tickets, once the fleet guard let the hub act and before its identities' tickets: a cohort of the
 * hub that explains most identities of its class ({@link #MOST}) gets one fleet-level ticket, raised like an
 * identity's (deduplicated by its key, capped by the run's ticket cap, written only in enforce mode). A cohort whose
 * members are all in a cohort already chosen (same class) gets none and is named in that one's ticket. Under
 * {@link CohortTicketPolicy#FOLD} the members of a cohort whose ticket is open (or would be, in dry run) are marked
 * folded so their ticket step opens none of their own; a ticket capped, failed or not raised folds nobody. A
 * cohort ticket whose cohort is gone from a complete plan that computed cohorts is resolved; an incomplete plan
 * resolves nothing.
 */
final class CohortTickets {
    /**
     * "Most identities of the class": a share, so it means the same on a hub of 100 identities and of a million; the
     * detector already demands the cohort be significant and over-represented.
     */
    static final double MOST = 0.5;

    /** Outcomes after which the cohort's ticket stands open for its members. */
    private static final Set<TicketOutcome.Kind> STANDS = EnumSet.of(TicketOutcome.Kind.OPENED,
            TicketOutcome.Kind.UPDATED, TicketOutcome.Kind.REOPENED, TicketOutcome.Kind.UNCHANGED);

    private final RunContext ctx;
    private final CohortTicketRecord record;

    CohortTickets(RunContext ctx, CohortTicketRecord record) {
        this.ctx = ctx;
        this.record = record;
    }

    /** A cohort to ticket and the cohorts its ticket stands for. */
    record Chosen(Cohort cohort, List<Cohort> overlapping) {
    }

    /** The hub's cohorts that explain most identities of their class: those worth a ticket. */
    private static List<Cohort> candidates(String hub, FleetFindings findings) {
        return findings.cohorts().stream().filter(c -> hub.equals(c.hub()) && c.classShare() > MOST).toList();
    }

    /**
     * The hub's cohorts worth a ticket: those whose ticket is already open first (so that a ticket stays with its
     * cohort from run to run instead of passing to an equal one when a member comes or goes), then most members
     * (then the highest lift: of two cohorts with the same members the more specific one, e.g. an SDK's version over
     * its name); a cohort whose members all belong to one chosen before is named in that one's ticket instead of
     * getting its own.
     */
    static Map<TicketKey, Chosen> choose(List<Cohort> candidates, Set<TicketKey> openTickets) {
        List<Cohort> ordered = candidates.stream()
                .sorted(Comparator.comparing((Cohort c) -> !openTickets.contains(TicketKey.of(c)))
                        .thenComparing(Comparator.comparingInt(Cohort::members).reversed())
                        .thenComparing(Comparator.comparingDouble(Cohort::lift).reversed())
                        .thenComparing(c -> TicketKey.of(c).value()))
                .toList();
        Map<TicketKey, Chosen> chosen = new LinkedHashMap<>();
        Map<TicketKey, Set<Identity>> membersOf = new LinkedHashMap<>();
        for (Cohort c : ordered) {
            TicketKey key = TicketKey.of(c);
            if (chosen.containsKey(key)) {
                continue;
            }
            TicketKey within = null;
            for (Map.Entry<TicketKey, Chosen> e : chosen.entrySet()) {
                if (e.getValue().cohort().classification() == c.classification()
                        && membersOf.get(e.getKey()).containsAll(c.memberIds())) {
                    within = e.getKey();
                    break;
                }
            }
            if (within != null) {
                chosen.get(within).overlapping().add(c);
            } else {
                chosen.put(key, new Chosen(c, new ArrayList<>()));
                membersOf.put(key, new HashSet<>(c.memberIds()));
            }
        }
        return chosen;
    }

    /** What the hub's cohort tickets came to, one line each, for the run's notes. */
    List<String> run(String hub, FleetFindings findings) {
        List<String> notes = new ArrayList<>();
        if (ctx.settings.cohortTickets() == CohortTicketPolicy.OFF || !findings.cohortsComputed()) {
            // Without cohorts computed (a targeted run, a source without hub populations) there is nothing to raise
            // and nothing may be resolved: the record is not even read.
            return notes;
        }
        Map<TicketKey, TicketState> open;
        try {
            open = record.open(hub);
        } catch (RuntimeException e) {
            notes.add("cohort tickets on " + hub + ": none raised or resolved, their record could not be read ("
                    + Effects.describe(e) + "); the members keep their own tickets");
            return notes;
        }
        List<Cohort> candidates = candidates(hub, findings);
        Map<TicketKey, Chosen> wanted = choose(candidates, open.keySet());
        // A cohort still in the plan keeps its ticket even when another one's ticket now stands for it.
        Set<TicketKey> present = new HashSet<>();
        candidates.forEach(c -> present.add(TicketKey.of(c)));
        for (Map.Entry<TicketKey, Chosen> e : wanted.entrySet()) {
            raise(hub, e.getKey(), e.getValue(), open.get(e.getKey()), notes);
        }
        if (!ctx.inputComplete) {
            if (open.keySet().stream().anyMatch(k -> !present.contains(k))) {
                notes.add("cohort tickets on " + hub + ": none resolved, the plan is incomplete");
            }
            return notes;
        }
        for (Map.Entry<TicketKey, TicketState> e : open.entrySet()) {
            if (!present.contains(e.getKey())) {
                resolve(hub, e.getKey(), e.getValue(), notes);
            }
        }
        return notes;
    }

    private void raise(String hub, TicketKey key, Chosen chosen, TicketState previous, List<String> notes) {
        if (ctx.ticketsMisconfigured.get()) {
            notes.add("cohort ticket " + key.value() + ": not raised, the ticket sink is misconfigured");
            return;
        }
        if (!ctx.budget.tryReserve(RunBudget.Kind.TICKETS, 1)) {
            notes.add("cohort ticket " + key.value() + ": capped (" + RunBudget.Kind.TICKETS.setting()
                    + "); its members keep their own tickets");
            return;
        }
        List<HubWrite> writes = new ArrayList<>();
        TicketOutcome o = ctx.effects.raise(TicketRequest.forCohort(chosen.cohort(), chosen.overlapping(), List.of(),
                ctx.runId, previous), writes);
        settle(hub, key, o, notes, "raise");
        for (Cohort c : chosen.overlapping()) {
            notes.add("cohort " + c.id() + ": no ticket of its own, its members are all in " + key.value());
        }
        if (ctx.settings.cohortTickets() == CohortTicketPolicy.FOLD) {
            if (STANDS.contains(o.kind())) {
                for (Identity member : chosen.cohort().memberIds()) {
                    ctx.foldedInto.putIfAbsent(member, key.value());
                }
            } else if (o.kind() != TicketOutcome.Kind.DISABLED) {
                notes.add("cohort ticket " + key.value() + ": members not folded, the ticket is not open");
            }
        }
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
        String kind = ctx.settings.mode() == Mode.DRY_RUN ? "would " + step : o.kind().name().toLowerCase(Locale.ROOT);
        notes.add("cohort ticket " + key.value() + ": " + kind + (o.detail() == null ? "" : " (" + o.detail() + ")"));
        if (ctx.settings.mode() == Mode.ENFORCE && o.kind() != TicketOutcome.Kind.DISABLED
                && o.kind() != TicketOutcome.Kind.MISCONFIGURED && o.state() != null) {
            try {
                record.remember(hub, key, o.state());
            } catch (RuntimeException e) {
                notes.add("cohort ticket " + key.value() + ": its state was not recorded (" + Effects.describe(e)
                        + "); the next run finds it again by its key");
            }
        }
    }
}

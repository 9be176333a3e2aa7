package io.linkguard.remediation;

import io.linkguard.plan.Finding;
import io.linkguard.plan.Plan;
import io.linkguard.remediation.report.ActionResult;
import io.linkguard.remediation.report.HubResult;
import io.linkguard.remediation.report.IdentityResult;
import io.linkguard.remediation.report.RemediationReport;
import io.linkguard.remediation.safety.Mode;
import io.linkguard.remediation.safety.Usage;
import io.linkguard.remediation.tag.Stage;
import io.linkguard.tickets.TicketPort;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Turns a plan into actions on the hubs named by the run's rosters, per the mode: {@code observe} reports
 * only (no hub call), {@code dry-run} reads and lists every write it would make, {@code enforce} writes.
 * Every identity goes up the escalation ladder ({@link io.linkguard.remediation.ladder.Ladder}) from what its
 * twin tag remembers; suppressions, the fleet guard and the per-run caps are honoured before any action.
 * Findings of hubs without a roster are out of the run's scope and reported as skipped.
 */
public final class Remediator {
    private final RemediationSettings settings;
    private final HubGateway gateway;
    private final TicketPort tickets;
    private final Clock clock;
    private final CohortTicketRecord cohortTickets;

    /** @param gateway the hub; may be null only in observe mode */
    public Remediator(RemediationSettings settings, HubGateway gateway, TicketPort tickets, Clock clock) {
        this(settings, gateway, tickets, clock, CohortTicketRecord.inMemory());
    }

    /** @param cohortTickets the cohort tickets earlier runs left open (one record across the runs of a process) */
    public Remediator(RemediationSettings settings, HubGateway gateway, TicketPort tickets, Clock clock,
                      CohortTicketRecord cohortTickets) {
        this.cohortTickets = Objects.requireNonNull(cohortTickets, "cohortTickets");
        this.settings = Objects.requireNonNull(settings, "settings");
        if (gateway == null && settings.mode() != Mode.OBSERVE) {
            throw new IllegalArgumentException("mode " + settings.mode().label() + " needs a hub gateway");
        }
        this.gateway = gateway;
        this.tickets = tickets == null ? TicketPort.disabled() : tickets;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public RemediationReport run(Plan plan, List<HubRoster> rosters, String runId) {
        return run(plan, rosters, runId, WriterLeases.WriterLease.ALWAYS, Usage.NONE, spent -> { });
    }

    /**
     * One hub's run under its writer lease: no write is sent once {@code lease} is no longer held; the fleet guard
     * and the caps start from what earlier runs spent on the hub within their windows ({@code earlier}), and
     * {@code spent} is told what this run spent (nothing in observe mode).
     */
    public RemediationReport run(Plan plan, HubRoster roster, String runId, WriterLeases.WriterLease lease, Usage earlier,
                                 Consumer<Usage> spent) {
        return run(plan, List.of(roster), runId, lease, earlier, spent);
    }

    private RemediationReport run(Plan plan, List<HubRoster> rosters, String runId, WriterLeases.WriterLease lease,
                                  Usage earlier, Consumer<Usage> spent) {
        Instant started = clock.instant();
        boolean complete = plan.input().incompleteBecause() == null;
        List<String> notes = new ArrayList<>();
        if (!complete) {
            notes.add("input incomplete (" + plan.input().incompleteBecause() + "): nothing is resolved for lack of findings");
        }
        if (settings.mode() == Mode.OBSERVE) {
            return observe(plan, runId, started, complete, notes);
        }
        Map<String, List<Finding>> byHub = plan.findings().stream()
                .collect(Collectors.groupingBy(f -> f.identity().hub(), LinkedHashMap::new, Collectors.toList()));
        Effects effects = new Effects(gateway, tickets, settings.mode() == Mode.DRY_RUN, started, lease);
        RunContext ctx = new RunContext(settings, started, runId, effects, complete, earlier);
        List<HubResult> hubs = new ArrayList<>();
        List<IdentityResult> identities = new ArrayList<>();
        ExecutorService pool = settings.hubConcurrency() > 1 ? Executors.newFixedThreadPool(settings.hubConcurrency(),
                r -> {
                    Thread t = new Thread(r, "linkguard-remediation");
                    t.setDaemon(true);
                    return t;
                }) : null;
        try {
            for (HubRoster roster : rosters) {
                HubRun.Outcome outcome = new HubRun(ctx, roster, byHub.getOrDefault(roster.hub(), List.of()),
                        new Parallel(pool), new CohortTickets(ctx, cohortTickets), plan.fleetFindings()).run();
                notes.addAll(outcome.notes());
                hubs.add(outcome.hub());
                identities.addAll(outcome.identities());
                outcome.jobWrites().forEach(w -> notes.add("job on " + w.target() + " for " + w.devices().size()
                        + " devices: " + w.result()));
                byHub.remove(roster.hub());
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        byHub.values().forEach(findings -> findings.forEach(f -> identities.add(outOfScope(f))));
        spent.accept(ctx.budget.spent(hubs.stream().filter(h -> h.status() == HubResult.Status.ACTED)
                .mapToInt(HubResult::acting).sum()));
        if (effects.refused() > 0) {
            notes.add(effects.refused() + " writes not sent: the hub's writer lease was lost (" + lease.lostBecause()
                    + "); a later run does them");
        }
        if (ctx.ticketsMisconfigured.get()) {
            notes.add("the ticket sink refused its configuration: no tickets this run (see the first failure)");
        }
        identities.sort(Comparator.comparing(IdentityResult::identity));
        return new RemediationReport(runId, settings.mode(), started, clock.instant(), complete, hubs, identities,
                ctx.unreadableTags.get(), notes);
    }

    private RemediationReport observe(Plan plan, String runId, Instant started, boolean complete, List<String> notes) {
        Map<String, int[]> perHub = new LinkedHashMap<>();
        List<IdentityResult> identities = new ArrayList<>();
        for (Finding f : plan.findings()) {
            perHub.computeIfAbsent(f.identity().hub(), h -> new int[1])[0]++;
            String policy = f.actions().isEmpty() ? "none"
                    : f.actions().stream().map(a -> a.label()).collect(Collectors.joining(","));
            identities.add(new IdentityResult(f.identity(), f.verdict().classification().label(), Stage.OBSERVE,
                    Stage.OBSERVE, IdentityResult.Status.OBSERVED, "observe mode: the ladder would start with "
                    + (f.actions().isEmpty() ? "nothing" : f.actions().get(0).label()) + " (policy: " + policy + ")",
                    List.of(new ActionResult("observe", f.verdict().classification().label(), policy)), List.of(), null));
        }
        List<HubResult> hubs = perHub.entrySet().stream().map(e -> new HubResult(e.getKey(), HubResult.Status.OBSERVED,
                "observe mode: no hub call", HubRoster.UNKNOWN, e.getValue()[0], 0, 0)).toList();
        identities.sort(Comparator.comparing(IdentityResult::identity));
        return new RemediationReport(runId, Mode.OBSERVE, started, clock.instant(), complete, hubs, identities, 0, notes);
    }

    private static IdentityResult outOfScope(Finding f) {
        String why = "hub " + f.identity().hub() + " is not part of this run";
        return new IdentityResult(f.identity(), f.verdict().classification().label(), Stage.OBSERVE, Stage.OBSERVE,
                IdentityResult.Status.SKIPPED, why, List.of(new ActionResult("skip", "out-of-scope", why)), List.of(), null);
    }
}

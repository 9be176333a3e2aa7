package io.linkguard.remediation;

import io.linkguard.evidence.Identity;
import io.linkguard.findings.FleetFindings;
import io.linkguard.plan.Finding;
import io.linkguard.remediation.ladder.Step;
import io.linkguard.remediation.report.HubResult;
import io.linkguard.remediation.report.HubWrite;
import io.linkguard.remediation.report.IdentityResult;
import io.linkguard.remediation.safety.RunBudget;
import io.linkguard.remediation.safety.Suppressions;
import io.linkguard.remediation.tag.Stage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One hub's part of a run: the hub's limits, suppressions by pattern, every identity's twin read and
 * decision, the fleet guard over all decisions, then the actions in priority order: interrupted work first
 * (pending back-offs, jobs), the hub's cohort tickets ({@link CohortTickets}), tickets, new back-offs (as jobs above the bulk threshold), resolutions, tag
 * updates. Within each tier the busiest identities come first and take the capped budget: back-offs by the
 * rate they are sent at, the others by their conflicts this run.
 */
final class HubRun {
    /** What one identity's step may reserve of each cap (see BackoffSteps and TicketSteps). */
    private static final Map<RunBudget.Kind, Integer> BACKOFF_NEEDS = Map.of(RunBudget.Kind.BACKOFFS, 1,
            RunBudget.Kind.TAG_WRITES, 2);
    private static final Map<RunBudget.Kind, Integer> TICKET_NEEDS = Map.of(RunBudget.Kind.TICKETS, 1,
            RunBudget.Kind.TAG_WRITES, 1);
    private static final Map<RunBudget.Kind, Integer> TAG_NEEDS = Map.of(RunBudget.Kind.TAG_WRITES, 1);
    private final RunContext ctx;
    private final HubRoster roster;
    private final List<Finding> findings;
    private final Parallel parallel;
    private final CohortTickets cohorts;
    private final FleetFindings fleetFindings;
    private final List<IdentityResult> results = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<HubWrite> hubWrites = new ArrayList<>();

    HubRun(RunContext ctx, HubRoster roster, List<Finding> findings, Parallel parallel, CohortTickets cohorts,
           FleetFindings fleetFindings) {
        this.ctx = ctx;
        this.roster = roster;
        this.findings = findings;
        this.parallel = parallel;
        this.cohorts = cohorts;
        this.fleetFindings = fleetFindings;
    }

    /** @param notes the hub's cohort tickets, one line each */
    record Outcome(HubResult hub, List<IdentityResult> identities, List<HubWrite> jobWrites, List<String> notes) {
    }

    Outcome run() {
        String hub = roster.hub();
        Map<Identity, IdentityRun> runs = new TreeMap<>();
        for (Finding f : findings) {
            runs.put(f.identity(), new IdentityRun(ctx, f.identity(), f));
        }
        for (Identity tagged : roster.tagged()) {
            runs.computeIfAbsent(tagged, i -> new IdentityRun(ctx, i, null));
        }
        Set<Identity> taggedSet = Set.copyOf(roster.tagged());
        for (Finding f : findings) {
            if (f.actions().isEmpty() && !taggedSet.contains(f.identity())) {
                IdentityRun untouched = runs.remove(f.identity());
                results.add(untouched.finish(IdentityRun.Flow.NOTHING, "observe only: policy takes no action for "
                        + f.verdict().classification().label()));
            }
        }
        HubLimits limits;
        try {
            limits = ctx.effects.gateway().limits(hub);
        } catch (RuntimeException e) {
            return skipAll(runs.values(), HubResult.Status.SKIPPED, "hub-unavailable",
                    "the hub's limits could not be read (" + Effects.describe(e) + "): nothing done on " + hub);
        }
        if (!limits.supportsTwins()) {
            return skipAll(runs.values(), HubResult.Status.SKIPPED, "basic-tier",
                    hub + " is on " + limits.sku() + ", which has no twins, methods or jobs");
        }
        Suppressions suppressions = ctx.settings.suppressions();
        List<IdentityRun> active = new ArrayList<>();
        for (IdentityRun run : runs.values()) {
            Optional<String> suppressed = suppressions.byPattern(run.identity);
            if (suppressed.isPresent()) {
                results.add(run.skip("suppressed", suppressed.get()));
            } else {
                active.add(run);
            }
        }
        parallel.each(active, run -> run.guarded(run::prepare));
        List<IdentityRun> decided = active.stream().filter(r -> !r.finished()).toList();
        active.stream().filter(IdentityRun::finished).forEach(r -> results.add(r.result()));

        int acting = (int) decided.stream().filter(HubRun::acts).count();
        Optional<String> guard = ctx.settings.fleetGuard().check(hub, acting, ctx.budget.earlier().acting(),
                roster.identities());
        if (guard.isPresent()) {
            if (ctx.settings.cohortTickets() != CohortTicketPolicy.OFF && fleetFindings.cohorts().stream()
                    .anyMatch(c -> hub.equals(c.hub()))) {
                notes.add("cohort tickets on " + hub + ": none raised or resolved, the fleet guard held the hub");
            }
            return skipAll(decided, HubResult.Status.GUARDED, "fleet-guard", guard.get(), acting);
        }
        inCapOrder(mostConflictsFirst(tier(decided, EnumSet.of(Step.TRACK_JOB, Step.DELIVER_PENDING))), BACKOFF_NEEDS);
        notes.addAll(cohorts.run(hub, fleetFindings));
        inCapOrder(mostConflictsFirst(tier(decided, EnumSet.of(Step.TICKET))), TICKET_NEEDS);
        backoffs(limits, tier(decided, EnumSet.of(Step.BACKOFF)));
        inCapOrder(mostConflictsFirst(tier(decided, EnumSet.of(Step.RESOLVE))), TICKET_NEEDS);
        inCapOrder(mostConflictsFirst(tier(decided, EnumSet.of(Step.TAG, Step.NONE))), TAG_NEEDS);
        decided.forEach(r -> results.add(r.execute()));
        return new Outcome(hubResult(HubResult.Status.ACTED, null, acting), sorted(), List.copyOf(hubWrites),
                List.copyOf(notes));
    }

    private void backoffs(HubLimits limits, List<IdentityRun> newBackoffs) {
        List<IdentityRun> busiestFirst = newBackoffs.stream().sorted(Comparator
                .comparingDouble((IdentityRun r) -> -r.decision.target().backoff().rateAtSend())
                .thenComparing(r -> r.identity)).toList();
        List<IdentityRun> devices = busiestFirst.stream().filter(r -> !r.identity.isModule()).toList();
        if (devices.size() > ctx.settings.bulkThreshold()) {
            hubWrites.addAll(BulkBackoff.run(ctx, limits, devices, parallel));
            parallel.each(busiestFirst.stream().filter(r -> r.identity.isModule()).toList(), IdentityRun::execute);
        } else {
            inCapOrder(busiestFirst, BACKOFF_NEEDS);
        }
    }

    /**
     * The identities with the most conflicts this run first (those without a finding have none), ties by
     * identity: the order in which the ticket and tag-write caps are handed out.
     */
    static List<IdentityRun> mostConflictsFirst(List<IdentityRun> runs) {
        return runs.stream().sorted(Comparator.comparingLong((IdentityRun r) -> -conflicts(r))
                .thenComparing(r -> r.identity)).toList();
    }

    private static long conflicts(IdentityRun run) {
        return run.finding == null ? 0 : run.finding.evidence().conflicts();
    }

    /**
     * Runs a tier in its priority order so that the first identities take the capped budget: as many as what is
     * left of every cap the tier's step draws on can still cover run (in parallel) before the next ones start,
     * so a faster thread cannot hand a quieter identity the budget of a busier one. Once a cap is used up the
     * rest run together (each is capped, and still gets its observation tag).
     */
    private void inCapOrder(List<IdentityRun> inPriority, Map<RunBudget.Kind, Integer> perIdentity) {
        int from = 0;
        while (from < inPriority.size()) {
            int covered = Integer.MAX_VALUE;
            for (Map.Entry<RunBudget.Kind, Integer> need : perIdentity.entrySet()) {
                int left = Math.max(0, ctx.budget.cap(need.getKey()) - ctx.budget.used(need.getKey()));
                covered = Math.min(covered, left / need.getValue());
            }
            int to = covered == 0 ? inPriority.size() : (int) Math.min(inPriority.size(), (long) from + covered);
            parallel.each(inPriority.subList(from, to), IdentityRun::execute);
            from = to;
        }
    }

    /** Would this identity be backed off or ticketed (what the fleet guard weighs)? */
    private static boolean acts(IdentityRun run) {
        Step step = run.decision.step();
        return step == Step.BACKOFF || step == Step.DELIVER_PENDING
                || step == Step.TICKET && run.stageBefore != Stage.TICKET;
    }

    private static List<IdentityRun> tier(List<IdentityRun> runs, Set<Step> steps) {
        return runs.stream().filter(r -> !r.finished() && steps.contains(r.decision.step())).toList();
    }

    private Outcome skipAll(Collection<IdentityRun> runs, HubResult.Status status, String outcome, String why) {
        return skipAll(runs, status, outcome, why, 0);
    }

    private Outcome skipAll(Collection<IdentityRun> runs, HubResult.Status status, String outcome, String why,
                            int acting) {
        for (IdentityRun run : runs) {
            results.add(run.skip(outcome, why));
        }
        return new Outcome(hubResult(status, why, acting), sorted(), List.copyOf(hubWrites), List.copyOf(notes));
    }

    private HubResult hubResult(HubResult.Status status, String reason, int acting) {
        return new HubResult(roster.hub(), status, reason, roster.identities(), findings.size(), roster.tagged().size(),
                acting);
    }

    private List<IdentityResult> sorted() {
        return results.stream().sorted(Comparator.comparing(IdentityResult::identity)).toList();
    }
}

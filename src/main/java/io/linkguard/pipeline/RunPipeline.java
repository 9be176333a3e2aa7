package io.linkguard.pipeline;

import io.linkguard.classification.Classification;
import io.linkguard.evidence.EvidenceBatch;
import io.linkguard.evidence.HubNames;
import io.linkguard.evidence.Identity;
import io.linkguard.evidence.IdentityIds;
import io.linkguard.findings.Cohort;
import io.linkguard.loganalytics.QueryParameters;
import io.linkguard.plan.Analyzer;
import io.linkguard.plan.Finding;
import io.linkguard.plan.Plan;
import io.linkguard.plan.PlanSummary;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The one run every front door uses: evidence for a window or a set of identities, classification, the
 * plan handed to the {@link PlanExecutor}, and the run written to the ledger.
 *
 * <ul>
 *   <li>Scheduled runs hold the {@value #SCHEDULED_LEASE} lease: a run that starts while another is still
 *       going records itself as skipped and does nothing. The window continues from the ledger's watermark,
 *       which only a complete run advances.</li>
 *   <li>When the executor writes, each identity it is given is leased first (per hub and device): a timer run
 *       and a targeted evaluation touching the same identity at the same moment act on it once; the one that
 *       lost reports the identity's actions as {@link ActionOutcome#DEFERRED}.</li>
 * </ul>
 */
public final class RunPipeline {
    public static final String SCHEDULED_LEASE = "scheduled-run";
    private static final Plan NO_PLAN = new Plan(null, List.of(), List.of());

    private final EvidenceReader evidence;
    private final Analyzer analyzer;
    private final PlanExecutor executor;
    private final RunLedger ledger;
    private final LeaseStore leases;
    private final Clock clock;
    private final PipelineSettings settings;

    public RunPipeline(EvidenceReader evidence, PlanExecutor executor, RunLedger ledger, LeaseStore leases, Clock clock,
                       PipelineSettings settings) {
        this.evidence = evidence;
        this.analyzer = new Analyzer(settings.analysis());
        this.executor = executor;
        this.ledger = ledger;
        this.leases = leases;
        this.clock = clock;
        this.settings = settings;
    }

    /** The result of a run: its ledger record, the plan it made (null when it made none) and the hubs it covered. */
    public record RunResult(RunRecord record, Plan plan, List<String> hubs) {
    }

    /** An incremental run over what was ingested since the last completed one. */
    public RunResult runScheduled(RunTrigger trigger, String invocationId) {
        Instant started = now();
        RunContext run = new RunContext(RunIds.next(started), trigger, RunKind.SCHEDULED, invocationId, started);
        Optional<LeaseStore.Holder> holder = leases.tryAcquire(SCHEDULED_LEASE, run.runId(), started, settings.leaseDuration());
        if (holder.isPresent()) {
            RunRecord skipped = record(run, RunStatus.SKIPPED, null, 0, null, ExecutionSummary.empty(),
                    List.of("run " + holder.get().owner() + " is still going (lease until " + holder.get().until() + ")"), null);
            ledger.record(skipped);
            return new RunResult(skipped, null, List.of());
        }
        try {
            IngestionWindow window = IngestionWindow.next(ledger.watermark(), started, settings.overlap(), settings.maxCatchUp());
            List<String> notes = new ArrayList<>();
            if (!window.notCovered().isZero()) {
                notes.add("last completed run ended at " + window.previousWatermark() + ": conflicts ingested in the "
                        + window.notCovered().toMinutes() + " min before " + window.from()
                        + " are beyond LINKGUARD_MAX_CATCH_UP_HOURS and were not selected");
            }
            QueryParameters query = QueryParameters.of(settings.analysis(), settings.lookback(), window.from(),
                    settings.hubs(), List.of());
            RunResult result = analyzeAndExecute(run, query, null, window, 0, notes, settings.hubs());
            if (result.record().status() == RunStatus.COMPLETED) {
                ledger.advanceWatermark(window.to(), run.runId());
            }
            return result;
        } finally {
            leases.release(SCHEDULED_LEASE, run.runId());
        }
    }

    /**
     * A run over the named identities (each evaluated with its device's other identities, as the query
     * selects by device). Identities of hubs LinkGuard does not watch, or with ids that cannot be real, are
     * left out and noted.
     */
    public RunResult runTargeted(RunTrigger trigger, String invocationId, Collection<Identity> identities) {
        return runTargeted(request(trigger, invocationId, identities, ""));
    }

    /** A new request for a targeted evaluation, with its run id, to be {@link #queued} and later run. */
    public EvaluationRequest request(RunTrigger trigger, String invocationId, Collection<Identity> identities, String origin) {
        Instant now = now();
        return new EvaluationRequest(RunIds.next(now), trigger, invocationId, now, List.copyOf(identities), origin);
    }

    /**
     * Records that a trigger accepted {@code request} and queued it ({@link RunStatus#QUEUED}); the worker's run
     * has the same run id and start, so its row replaces this one.
     */
    public RunRecord queued(EvaluationRequest request) {
        List<String> notes = new ArrayList<>();
        if (!request.origin().isEmpty()) {
            notes.add("requested by " + request.origin());
        }
        RunRecord queued = record(request.context(), RunStatus.QUEUED, null, request.identities().size(), null,
                ExecutionSummary.empty(), notes, null);
        ledger.record(queued);
        return queued;
    }

    /** Records a request the worker gave up on (the queue's poison queue) as failed, with why. */
    public RunRecord abandoned(EvaluationRequest request, String why) {
        RunRecord failed = record(request.context(), RunStatus.FAILED, null, request.identities().size(), null,
                ExecutionSummary.empty(), List.of("requested by " + request.origin()), why);
        ledger.record(failed);
        return failed;
    }

    /** Runs a queued request under its own run id (see {@link #runTargeted(RunTrigger, String, Collection)}). */
    public RunResult runTargeted(EvaluationRequest request) {
        RunContext run = request.context();
        Collection<Identity> identities = request.identities();
        Set<String> devices = new LinkedHashSet<>();
        Set<String> hubs = new LinkedHashSet<>();
        Set<String> targets = new LinkedHashSet<>();
        int rejected = 0;
        for (Identity identity : identities) {
            if (!settings.hubs().contains(identity.hub()) || !HubNames.isValid(identity.hub())
                    || !IdentityIds.isValid(identity.deviceId())) {
                rejected++;
                continue;
            }
            hubs.add(identity.hub());
            devices.add(identity.deviceId());
            targets.add(leaseName(identity));
        }
        List<String> notes = new ArrayList<>();
        if (!request.origin().isEmpty()) {
            notes.add("requested by " + request.origin());
        }
        if (rejected > 0) {
            notes.add(rejected + " identities left out (hub not watched or id not valid)");
        }
        if (targets.isEmpty()) {
            RunRecord empty = record(run, RunStatus.COMPLETED, null, 0, null, ExecutionSummary.empty(), notes, null);
            ledger.record(empty);
            return new RunResult(empty, null, List.of());
        }
        QueryParameters query = QueryParameters.of(settings.analysis(), settings.lookback(),
                now().minus(settings.lookback()), List.copyOf(hubs), List.copyOf(devices));
        return analyzeAndExecute(run, query, targets, null, targets.size(), notes, List.copyOf(hubs));
    }

    private RunResult analyzeAndExecute(RunContext run, QueryParameters query, Set<String> targets, IngestionWindow window,
                                        int targetCount, List<String> notes, List<String> hubs) {
        try {
            EvidenceBatch batch = evidence.read(query);
            Plan plan = analyzer.analyze(batch);
            if (targets != null) {
                // A targeted read sees a few identities: its cohorts say nothing of the hub, so none is handed on
                // (no cohort ticket is raised or resolved by a targeted run).
                plan = new Plan(plan.input(), plan.fleetEvents(),
                        plan.findings().stream().filter(f -> targets.contains(leaseName(f.identity()))).toList());
            }
            ExecutionSummary execution = execute(plan, run);
            if (targets != null && deferrable(plan, execution)) {
                List<String> deferredNotes = new ArrayList<>(notes);
                deferredNotes.addAll(execution.unfinished());
                deferredNotes.add("deferred: nothing done, the evaluation is run again when the queue delivers it again");
                RunRecord deferred = record(run, RunStatus.QUEUED, window, targetCount, plan, execution, deferredNotes, null);
                ledger.record(deferred);
                throw new RunDeferredException(deferred, String.join("; ", execution.unfinished()));
            }
            String incomplete = batch.input().incompleteBecause();
            if (incomplete != null) {
                notes.add("evidence incomplete: " + incomplete);
            }
            if (!execution.unfinished().isEmpty()) {
                notes.addAll(execution.unfinished());
                incomplete = incomplete == null ? execution.unfinished().get(0) : incomplete;
            }
            RunRecord done = record(run, incomplete == null ? RunStatus.COMPLETED : RunStatus.INCOMPLETE, window, targetCount,
                    plan, execution, notes, null);
            ledger.record(done);
            return new RunResult(done, plan, hubs);
        } catch (RunDeferredException e) {
            throw e;
        } catch (RuntimeException e) {
            RunRecord failed = record(run, RunStatus.FAILED, window, targetCount, null, ExecutionSummary.empty(), notes,
                    e.getClass().getSimpleName() + ": " + e.getMessage());
            try {
                ledger.record(failed);
            } catch (RuntimeException ledgerDown) {
                e.addSuppressed(ledgerDown);
            }
            throw new RunFailedException(failed, e);
        }
    }

    /**
     * A targeted run is run again later, rather than recorded as incomplete, when every hub it has findings on was
     * busy (so nothing was done and running it again repeats nothing). A run that acted on some hubs and found
     * others busy is recorded as incomplete: running it again would repeat what it did.
     */
    private static boolean deferrable(Plan plan, ExecutionSummary execution) {
        if (execution.busyHubs().isEmpty()) {
            return false;
        }
        Set<String> visited = new LinkedHashSet<>();
        plan.findings().forEach(f -> visited.add(f.identity().hub()));
        return execution.busyHubs().containsAll(visited);
    }

    /** Hands the plan to the executor; when it writes, only with the identities this run could lease. */
    private ExecutionSummary execute(Plan plan, RunContext run) {
        if (!executor.writes()) {
            return executor.execute(plan, run);
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (Finding f : plan.findings()) {
            if (!f.actions().isEmpty()) {
                wanted.add(leaseName(f.identity()));
            }
        }
        Set<String> leased = wanted.isEmpty() ? Set.of()
                : leases.acquireAll(wanted, run.runId(), now(), settings.leaseDuration());
        List<Finding> mine = new ArrayList<>();
        ExecutionSummary.Builder deferred = new ExecutionSummary.Builder();
        for (Finding f : plan.findings()) {
            if (f.actions().isEmpty() || leased.contains(leaseName(f.identity()))) {
                mine.add(f);
            } else {
                f.actions().forEach(a -> deferred.add(a, ActionOutcome.DEFERRED, 1));
            }
        }
        try {
            return executor.execute(new Plan(plan.input(), plan.fleetEvents(), mine, plan.fleetFindings()), run).plus(deferred.build());
        } finally {
            if (!leased.isEmpty()) {
                leases.releaseAll(leased, run.runId());
            }
        }
    }

    /** Millisecond precision: KQL datetime literals and Table timestamps hold no more. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** One lease per hub and device: the unit a targeted query selects and the hub's twin and method APIs address. */
    static String leaseName(Identity identity) {
        return "identity:" + identity.hub() + ":" + identity.deviceId();
    }

    private RunRecord record(RunContext run, RunStatus status, IngestionWindow window, int targets, Plan plan,
                             ExecutionSummary execution, List<String> notes, String error) {
        Map<Classification, Integer> byClass = PlanSummary.of(plan == null ? NO_PLAN : plan).byClassification();
        Map<String, Long> skipped = plan == null || plan.input() == null ? Map.of() : new TreeMap<>(plan.input().skipped());
        List<Cohort> cohorts = plan == null || plan.fleetFindings() == null ? List.of() : plan.fleetFindings().cohorts();
        return new RunRecord(run.runId(), run.trigger(), run.kind(), executor.mode(), run.invocationId(), run.startedAt(), now(),
                status, window, targets, byClass, execution, skipped, List.copyOf(notes), error, cohorts.size(),
                cohorts.stream().limit(RunRecord.MAX_COHORTS).map(Cohort::summary).toList());
    }
}

package io.linkguard.remediation;

import io.linkguard.evidence.Identity;
import io.linkguard.remediation.IdentityRun.Flow;
import io.linkguard.remediation.IdentityRun.TagWrite;
import io.linkguard.remediation.backoff.BackoffInstruction;
import io.linkguard.remediation.backoff.CommandIds;
import io.linkguard.remediation.backoff.JobChunks;
import io.linkguard.remediation.ladder.Step;
import io.linkguard.remediation.report.ActionResult;
import io.linkguard.remediation.report.HubWrite;
import io.linkguard.remediation.safety.RunBudget;
import io.linkguard.remediation.tag.BackoffState;
import io.linkguard.remediation.tag.LastAction;
import io.linkguard.remediation.tag.LinkGuardTag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * New back-offs for many devices of one hub: IoT Hub jobs instead of one method call each. Devices are
 * chunked to the 8 KB query-condition limit, one commandId per chunk; each device's tag records the
 * chunk's instruction as pending before its job is scheduled and the job id after, and later runs check the
 * job ({@link BackoffSteps#trackJob}). No more jobs than the hub allows at once (one on Free/S1, counting the
 * jobs earlier runs left running): the rest wait for a later run.
 */
final class BulkBackoff {
    static final String JOB_REASON = "many connections opened while the previous one was still open (409002/400027); "
            + "see this identity's twin tag linkguard.reason";

    private BulkBackoff() {
    }

    static List<HubWrite> run(RunContext ctx, HubLimits limits, List<IdentityRun> runs, Parallel parallel) {
        List<HubWrite> jobWrites = new ArrayList<>();
        List<IdentityRun> eligible = new ArrayList<>();
        for (IdentityRun run : runs) {
            if (run.reserve(RunBudget.Kind.BACKOFFS, 1, RunBudget.Kind.TAG_WRITES, 2)) {
                eligible.add(run);
            } else {
                parallel.each(List.of(run), IdentityRun::execute);
            }
        }
        long running = ctx.jobs.entrySet().stream().filter(e -> e.getKey().startsWith(limits.hub() + "/"))
                .map(e -> e.getValue().status())
                .filter(s -> s == JobResult.Status.QUEUED || s == JobResult.Status.RUNNING).count();
        int free = (int) Math.max(0, limits.maxActiveJobs() - running);
        List<List<Identity>> chunks = JobChunks.split(eligible.stream().map(r -> r.identity).toList(),
                JobChunks.QUERY_CONDITION_LIMIT_BYTES);
        int offset = 0;
        for (int chunkNumber = 0; chunkNumber < chunks.size(); chunkNumber++) {
            List<IdentityRun> chunkRuns = eligible.subList(offset, offset + chunks.get(chunkNumber).size());
            offset += chunkRuns.size();
            if (chunkNumber >= free) {
                String why = "waits for a job slot: " + running + " job(s) running, at most " + limits.maxActiveJobs()
                        + " active on " + limits.sku();
                parallel.each(chunkRuns, run -> run.guarded(() -> defer(run, why)));
                continue;
            }
            String commandId = CommandIds.of(ctx.now, limits.hub() + "/job/" + chunkNumber);
            ConcurrentLinkedQueue<IdentityRun> joined = new ConcurrentLinkedQueue<>();
            parallel.each(chunkRuns, run -> run.guarded(() -> {
                if (join(run, commandId)) {
                    joined.add(run);
                }
            }));
            if (joined.isEmpty()) {
                continue;
            }
            List<IdentityRun> members = joined.stream().sorted((a, b) -> a.identity.compareTo(b.identity)).toList();
            Instant until = ctx.now.plus(ctx.settings.ladder().hold());
            BackoffInstruction instruction = new BackoffInstruction(commandId, "faulty-reconnect", JOB_REASON, until);
            JobResult job = ctx.effects.scheduleMethodJob(limits.hub(), members.stream().map(r -> r.identity).toList(),
                    MethodCall.backoff(instruction, ctx.settings.backoff()), jobWrites);
            boolean accepted = job.jobId() != null && !job.jobId().isBlank() && (job.status() == JobResult.Status.QUEUED
                    || job.status() == JobResult.Status.RUNNING || job.status() == JobResult.Status.COMPLETED);
            if (accepted) {
                ctx.jobs.put(limits.hub() + "/" + job.jobId(), job);
            }
            parallel.each(members, run -> run.guarded(() -> recordJob(run, commandId, job, accepted)));
        }
        return jobWrites;
    }

    /** Records the chunk's instruction as the device's pending back-off; false when the device left the bulk path. */
    private static boolean join(IdentityRun run, String commandId) {
        for (int attempt = 1; attempt <= IdentityRun.MAX_ATTEMPTS; attempt++) {
            if (run.decision.step() != Step.BACKOFF) {
                run.execute();
                return false;
            }
            LinkGuardTag target = run.decision.target();
            TagWrite w = run.writeTag(target.withBackoff(target.backoff().withCommand(commandId, BackoffState.Via.JOB)));
            switch (w) {
                case WRITTEN, UNCHANGED -> {
                    run.use(RunBudget.Kind.BACKOFFS);
                    return true;
                }
                case CONFLICT -> {
                    if (!run.reread()) {
                        return false;
                    }
                }
                default -> {
                    run.actions.add(new ActionResult("backoff", "failed", "not recorded, so not sent: " + run.lastFailure));
                    run.finish(Flow.FAILED, run.decision.why());
                    return false;
                }
            }
        }
        run.finish(Flow.FAILED, "the twin changed under every write (412 " + IdentityRun.MAX_ATTEMPTS + " times)");
        return false;
    }

    private static void recordJob(IdentityRun run, String commandId, JobResult job, boolean accepted) {
        for (int attempt = 1; attempt <= IdentityRun.MAX_ATTEMPTS; attempt++) {
            LinkGuardTag tag = run.twin.tag();
            BackoffState b = tag == null ? null : tag.backoff();
            if (b == null || !commandId.equals(b.commandId())) {
                run.finish(Flow.FAILED, "the tag changed while job " + job.jobId() + " was scheduled; a later run reconciles");
                return;
            }
            LinkGuardTag finalTag = accepted
                    ? tag.withBackoff(b.withDelivery(BackoffState.State.SCHEDULED, BackoffState.Via.JOB, run.ctx.now, false,
                    job.jobId())).withAction(new LastAction("backoff", run.ctx.now, "scheduled in job " + job.jobId()))
                    : tag.withBackoff(b.withFailedAttempt(BackoffState.Via.JOB, "job not accepted: "
                    + job.status().name().toLowerCase() + (job.detail() == null ? "" : " " + job.detail())));
            TagWrite w = run.writeTag(finalTag);
            if (w == TagWrite.CONFLICT) {
                if (!run.reread()) {
                    return;
                }
                continue;
            }
            if (w == TagWrite.FAILED || w == TagWrite.CAPPED) {
                run.actions.add(new ActionResult("backoff", run.outcome("scheduled-job"), "job " + job.jobId()
                        + " scheduled but not recorded: a later run re-sends the same commandId"));
                run.finish(Flow.FAILED, run.decision.why());
                return;
            }
            if (accepted) {
                run.actions.add(new ActionResult("backoff", run.outcome("scheduled-job"), job.jobId()));
                run.finish(Flow.DONE, run.decision.why());
            } else {
                run.actions.add(new ActionResult("backoff", "pending", "job not accepted (" + job.status().name()
                        .toLowerCase() + "): a later run sends " + commandId));
                run.finish(Flow.FAILED, run.decision.why());
            }
            return;
        }
        run.finish(Flow.FAILED, "the twin changed under every write (412 " + IdentityRun.MAX_ATTEMPTS + " times)");
    }

    private static void defer(IdentityRun run, String why) {
        run.unreserve(RunBudget.Kind.BACKOFFS, 1);
        run.actions.add(new ActionResult("backoff", "deferred", why));
        Flow f = run.tagStep(run.observationOnly(), "tag");
        run.finish(f == Flow.FAILED ? Flow.FAILED : Flow.SKIPPED, why);
    }
}

package io.linkguard.remediation;

import io.linkguard.remediation.IdentityRun.Flow;
import io.linkguard.remediation.IdentityRun.TagWrite;
import io.linkguard.remediation.backoff.BackoffInstruction;
import io.linkguard.remediation.backoff.BackoffSettings;
import io.linkguard.remediation.report.ActionResult;
import io.linkguard.remediation.safety.RunBudget;
import io.linkguard.remediation.tag.BackoffState;
import io.linkguard.remediation.tag.LastAction;
import io.linkguard.remediation.tag.LinkGuardTag;
import io.linkguard.remediation.tag.TagCodec;
import java.util.Map;

/**
 * The back-off steps of one identity. Order of writes: the instruction is recorded in the tag as
 * {@code pending} (with its commandId) before it is sent; then the method; on 404/504 the desired
 * property; then the tag records how it went. A fault between two writes leaves {@code pending}, and a later
 * run re-sends the same commandId, which a device treats as the instruction it already has.
 */
final class BackoffSteps {

    private BackoffSteps() {
    }

    /** BACKOFF and DELIVER_PENDING, per device (the bulk path is {@link BulkBackoff}). */
    static Flow backoff(IdentityRun run) {
        if (!run.reserve(RunBudget.Kind.BACKOFFS, 1, RunBudget.Kind.TAG_WRITES, 2)) {
            return run.capped("backoff", RunBudget.Kind.BACKOFFS);
        }
        LinkGuardTag target = run.decision.target();
        switch (run.writeTag(target)) {
            case CONFLICT:
                return Flow.CONFLICT;
            case FAILED, CAPPED:
                run.actions.add(new ActionResult("backoff", "failed", "not recorded, so not sent: " + run.lastFailure));
                return Flow.FAILED;
            default:
                break;
        }
        run.use(RunBudget.Kind.BACKOFFS);
        return deliver(run, target);
    }

    private static Flow deliver(IdentityRun run, LinkGuardTag target) {
        BackoffSettings settings = run.ctx.settings.backoff();
        BackoffState b = target.backoff();
        BackoffInstruction instruction = new BackoffInstruction(b.commandId(), target.classification(), target.reason(),
                b.until());
        if (run.methodResult == null) {
            run.methodResult = run.ctx.effects.invokeMethod(run.identity, MethodCall.backoff(instruction, settings), run.writes);
        }
        MethodResult m = run.methodResult;
        LinkGuardTag finalTag;
        String outcome;
        boolean failed = false;
        switch (m.outcome()) {
            case ANSWERED -> {
                boolean accepted = instruction.acceptedBy(m.status(), m.payload());
                if (run.ctx.effects.dryRun()) {
                    run.ctx.effects.patchDesired(run.identity, run.twin.etag, instruction.desiredPatch(settings),
                            "only if the method answers 404 (not online) or 504 (no answer)", run.writes);
                }
                finalTag = delivered(target, b.withDelivery(accepted ? BackoffState.State.SENT : BackoffState.State.REJECTED,
                        BackoffState.Via.METHOD, run.ctx.now, accepted, null), run,
                        accepted ? "acknowledged by method" : "rejected by the device (status " + m.status() + ")");
                outcome = accepted ? "acknowledged-method" : "rejected";
            }
            case NOT_REACHABLE, TIMED_OUT -> {
                String why = m.outcome() == MethodResult.Outcome.NOT_REACHABLE ? "not reachable" : "no answer in time";
                WriteResult.Status desired = sendDesired(run, instruction);
                if (desired == WriteResult.Status.PRECONDITION_FAILED) {
                    return Flow.CONFLICT;
                }
                if (desired == WriteResult.Status.WRITTEN) {
                    finalTag = delivered(target, b.withDelivery(BackoffState.State.SENT, BackoffState.Via.DESIRED,
                            run.ctx.now, false, null), run, "sent by desired property (method: " + why + ")");
                    outcome = "sent-desired";
                } else {
                    finalTag = target.withBackoff(b.withFailedAttempt(BackoffState.Via.DESIRED,
                            "method " + why + ", desired property not written"));
                    outcome = "pending";
                    failed = true;
                }
            }
            default -> {
                finalTag = target.withBackoff(b.withFailedAttempt(BackoffState.Via.METHOD, "method "
                        + m.outcome().name().toLowerCase() + (m.detail() == null ? "" : ": " + m.detail())));
                outcome = "pending";
                failed = true;
            }
        }
        return record(run, finalTag, outcome, failed, m.detail());
    }

    /** The instruction as the desired property, written at most once in this run; WRITTEN when it already was. */
    private static WriteResult.Status sendDesired(IdentityRun run, BackoffInstruction instruction) {
        if (run.desiredWritten) {
            return WriteResult.Status.WRITTEN;
        }
        Map<String, Object> patch = instruction.desiredPatch(run.ctx.settings.backoff());
        WriteResult w = run.ctx.effects.patchDesired(run.identity, run.twin.etag, patch, null, run.writes);
        if (w.status() == WriteResult.Status.WRITTEN) {
            run.twin.desiredWritten(w.newEtag(), patch);
            run.desiredWritten = true;
        }
        return w.status();
    }

    private static LinkGuardTag delivered(LinkGuardTag target, BackoffState b, IdentityRun run, String how) {
        return target.withBackoff(b).withAction(new LastAction("backoff", run.ctx.now, how));
    }

    /** Records the delivery's outcome in the tag. */
    static Flow record(IdentityRun run, LinkGuardTag finalTag, String outcome, boolean failed, String detail) {
        TagWrite w = run.writeTag(finalTag);
        if (w == TagWrite.CONFLICT) {
            return Flow.CONFLICT;
        }
        if (w == TagWrite.FAILED || w == TagWrite.CAPPED) {
            run.lastFailure = outcome + " but not recorded (" + run.lastFailure
                    + "): a later run sends the same commandId again";
            run.actions.add(new ActionResult("backoff", run.outcome(outcome), run.lastFailure));
            return Flow.FAILED;
        }
        run.actions.add(new ActionResult("backoff", failed ? outcome : run.outcome(outcome), detail));
        if (failed) {
            run.lastFailure = "back-off not delivered (" + detail + "): kept pending, a later run retries";
        }
        return failed ? Flow.FAILED : Flow.DONE;
    }

    /** TRACK_JOB: a job carries the identity's back-off; record its completion, or fall back to the desired property. */
    static Flow trackJob(IdentityRun run) {
        LinkGuardTag target = run.decision.target();
        BackoffState b = target.backoff();
        JobResult job = run.ctx.jobStatus(run.identity.hub(), b.jobId());
        switch (job.status()) {
            case COMPLETED -> {
                if (job.failed() == 0) {
                    LinkGuardTag done = target.withBackoff(b.withDelivery(BackoffState.State.SENT, BackoffState.Via.JOB,
                            b.sent(), false, b.jobId())).withAction(new LastAction("backoff", run.ctx.now, "job completed"));
                    return record(run, done, "sent-job", false, "job " + b.jobId() + " completed");
                }
                return desiredAfterJob(run, target, b, "job " + b.jobId() + ": " + job.failed() + " of "
                        + (job.succeeded() + job.failed()) + " devices not reached");
            }
            case FAILED -> {
                return desiredAfterJob(run, target, b, "job " + b.jobId() + " failed" + (job.detail() == null ? ""
                        : " (" + job.detail() + ")"));
            }
            default -> {
                Flow observed = run.tagStep(target, "tag");
                run.actions.add(new ActionResult("backoff", "job-" + job.status().name().toLowerCase().replace('_', '-'),
                        b.jobId()));
                return observed == Flow.DONE ? Flow.DONE : observed;
            }
        }
    }

    private static Flow desiredAfterJob(IdentityRun run, LinkGuardTag target, BackoffState b, String why) {
        if (!run.ctx.now.isBefore(b.until())) {
            LinkGuardTag expired = target.withBackoff(b.withDelivery(BackoffState.State.SENT, BackoffState.Via.JOB,
                    b.sent(), false, b.jobId()).withFailedAttempt(BackoffState.Via.JOB, why + "; held until "
                    + TagCodec.format(b.until()) + ", too late for the desired property"));
            return record(run, expired, "job-expired", false, why);
        }
        BackoffInstruction instruction = new BackoffInstruction(b.commandId(), target.classification(), target.reason(),
                b.until());
        WriteResult.Status desired = sendDesired(run, instruction);
        if (desired == WriteResult.Status.PRECONDITION_FAILED) {
            return Flow.CONFLICT;
        }
        if (desired != WriteResult.Status.WRITTEN) {
            run.actions.add(new ActionResult("backoff", "failed", why + "; desired property not written ("
                    + desired.name().toLowerCase() + ")"));
            run.lastFailure = "a later run retries the desired property";
            return Flow.FAILED;
        }
        LinkGuardTag done = target.withBackoff(b.withDelivery(BackoffState.State.SENT, BackoffState.Via.DESIRED,
                run.ctx.now, false, b.jobId())).withAction(new LastAction("backoff", run.ctx.now,
                "sent by desired property after the job"));
        return record(run, done, "sent-desired", false, why);
    }
}

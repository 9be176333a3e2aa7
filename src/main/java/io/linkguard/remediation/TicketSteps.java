package io.linkguard.remediation;

import io.linkguard.classification.Classification;
import io.linkguard.remediation.IdentityRun.Flow;
import io.linkguard.remediation.IdentityRun.TagWrite;
import io.linkguard.remediation.backoff.BackoffInstruction;
import io.linkguard.remediation.report.ActionResult;
import io.linkguard.remediation.safety.RunBudget;
import io.linkguard.remediation.tag.BackoffState;
import io.linkguard.remediation.tag.LastAction;
import io.linkguard.remediation.tag.LinkGuardTag;
import io.linkguard.remediation.tag.TagCodec;
import io.linkguard.tickets.TicketKey;
import io.linkguard.tickets.TicketOutcome;
import io.linkguard.tickets.TicketRequest;
import io.linkguard.tickets.TicketState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ticket step and the resolve step. A ticket is raised first and remembered in the tag after: the sink
 * deduplicates by key, so a run that dies in between only makes the next run's raise an update. Resolving
 * waits for the ticket and the desired property to be cleared before the tag says resolved, so nothing is
 * left open behind a resolved tag.
 */
final class TicketSteps {

    private TicketSteps() {
    }

    static Flow raise(IdentityRun run) {
        LinkGuardTag target = run.decision.target();
        String cohortKey = run.ctx.foldedInto.get(run.identity);
        if (cohortKey != null && (target.ticket() == null || target.ticket().status() == TicketState.Status.RESOLVED)) {
            return folded(run, target, cohortKey);
        }
        if (run.ctx.ticketsMisconfigured.get() && run.ticketOutcome == null) {
            run.actions.add(new ActionResult("ticket", "misconfigured", "the ticket sink refused its configuration "
                    + "earlier in this run (reported once)"));
            run.lastFailure = "no ticket raised: the sink is misconfigured";
            Flow f = run.tagStep(run.observationOnly(), "tag");
            return f == Flow.CONFLICT ? f : Flow.FAILED;
        }
        if (!run.reserve(RunBudget.Kind.TICKETS, 1, RunBudget.Kind.TAG_WRITES, 1)) {
            return run.capped("ticket", RunBudget.Kind.TICKETS);
        }
        Classification classification = Classification.ofLabel(target.classification());
        // The previous class's ticket goes along too: the port resolves it with a link to the new one.
        TicketState previous = target.ticket();
        if (run.ticketOutcome == null) {
            TicketRequest request = new TicketRequest(TicketKey.of(run.identity, classification), run.finding,
                    actionsTaken(target), run.ctx.runId, previous);
            run.ticketOutcome = run.ctx.effects.raise(request, run.writes);
            run.use(RunBudget.Kind.TICKETS);
        }
        TicketOutcome o = run.ticketOutcome;
        String kind = o.kind().name().toLowerCase(Locale.ROOT);
        LinkGuardTag finalTag;
        boolean failed = false;
        switch (o.kind()) {
            case OPENED, UPDATED, REOPENED, RESOLVED -> finalTag = target.withTicket(o.state())
                    .withAction(new LastAction("ticket", run.ctx.now, kind + reference(o.state())));
            case UNCHANGED -> finalTag = target.withTicket(o.state() != null ? o.state() : target.ticket());
            case PENDING -> {
                finalTag = target.withTicket(o.state() != null && o.state().status() == TicketState.Status.PENDING
                        ? o.state() : new TicketState(previous == null ? null : previous.sink(),
                        previous == null ? null : previous.reference(), previous == null ? null : previous.url(),
                        TicketState.Status.PENDING, run.ctx.now, classification.label()));
                failed = true;
            }
            case MISCONFIGURED -> {
                run.ctx.ticketsMisconfigured.set(true);
                finalTag = target;
                failed = true;
            }
            default -> {
                run.unreserve(RunBudget.Kind.TICKETS, 1);
                boolean entering = run.twin.tag() == null || run.twin.tag().stage() != target.stage();
                finalTag = entering ? target.withAction(new LastAction("ticket", run.ctx.now,
                        "escalated; no ticket sink: review by tag")) : target;
            }
        }
        TagWrite w = run.writeTag(finalTag);
        if (w == TagWrite.CONFLICT) {
            return Flow.CONFLICT;
        }
        run.actions.add(new ActionResult("ticket", failed ? kind : run.outcome(kind), o.detail()));
        if (w == TagWrite.FAILED || w == TagWrite.CAPPED) {
            return Flow.FAILED;
        }
        if (failed) {
            run.lastFailure = "ticket " + kind + (o.detail() == null ? "" : " (" + o.detail() + ")") + ": a later run retries";
            return Flow.FAILED;
        }
        return w == TagWrite.WRITTEN || o.kind() != TicketOutcome.Kind.UNCHANGED && o.kind() != TicketOutcome.Kind.DISABLED
                ? Flow.DONE : Flow.NOTHING;
    }

    /**
     * A member of a cohort with its own ticket (LINKGUARD_COHORT_TICKETS=fold) and no open ticket of its own: the tag
     * records the escalation, the cohort's ticket stands for it. One it already has stays its own until resolved.
     */
    private static Flow folded(IdentityRun run, LinkGuardTag target, String cohortKey) {
        boolean entering = run.twin.tag() == null || run.twin.tag().stage() != target.stage();
        LinkGuardTag finalTag = entering ? target.withAction(new LastAction("ticket", run.ctx.now,
                "folded into its cohort's ticket")) : target;
        Flow f = run.tagStep(finalTag, "tag");
        if (f != Flow.CONFLICT) {
            run.actions.add(new ActionResult("ticket", "folded", "into the cohort ticket " + cohortKey));
        }
        return f;
    }

    static Flow resolve(IdentityRun run) {
        LinkGuardTag target = run.decision.target();
        TicketState ticket = target.ticket();
        if (ticket != null && ticket.status() != TicketState.Status.RESOLVED) {
            if (run.ticketOutcome == null) {
                if (run.ctx.ticketsMisconfigured.get()) {
                    run.actions.add(new ActionResult("resolve", "failed", "ticket sink misconfigured (reported once)"));
                    return Flow.FAILED;
                }
                if (!run.reserve(RunBudget.Kind.TICKETS, 1)) {
                    run.actions.add(new ActionResult("resolve", "capped", run.capNote(RunBudget.Kind.TICKETS)));
                    return Flow.SKIPPED;
                }
                Classification classification = Classification.ofLabel(
                        ticket.classification() != null ? ticket.classification() : target.classification());
                TicketRequest request = new TicketRequest(TicketKey.of(run.identity, classification), run.finding,
                        actionsTaken(target), run.ctx.runId, ticket);
                run.ticketOutcome = run.ctx.effects.resolve(request, run.writes);
                run.use(RunBudget.Kind.TICKETS);
            }
            TicketOutcome o = run.ticketOutcome;
            switch (o.kind()) {
                case RESOLVED, UNCHANGED -> target = target.withTicket(o.state() != null ? o.state()
                        : new TicketState(ticket.sink(), ticket.reference(), ticket.url(), TicketState.Status.RESOLVED,
                        run.ctx.now, ticket.classification()));
                case DISABLED -> run.unreserve(RunBudget.Kind.TICKETS, 1);
                default -> {
                    if (o.kind() == TicketOutcome.Kind.MISCONFIGURED) {
                        run.ctx.ticketsMisconfigured.set(true);
                    }
                    run.actions.add(new ActionResult("resolve", "failed", "ticket " + o.kind().name().toLowerCase(Locale.ROOT)
                            + (o.detail() == null ? "" : ": " + o.detail())));
                    run.lastFailure = "not resolved until its ticket is: a later run retries";
                    return Flow.FAILED;
                }
            }
        }
        if (run.twin.desiredBackoffPresent() && !run.desiredWritten) {
            WriteResult w = run.ctx.effects.patchDesired(run.identity, run.twin.etag,
                    BackoffInstruction.clearDesiredPatch(), null, run.writes);
            if (w.status() == WriteResult.Status.PRECONDITION_FAILED) {
                return Flow.CONFLICT;
            }
            if (w.status() != WriteResult.Status.WRITTEN) {
                run.actions.add(new ActionResult("resolve", "failed", "desired back-off not cleared ("
                        + w.status().name().toLowerCase(Locale.ROOT) + ")"));
                run.lastFailure = "a later run retries";
                return Flow.FAILED;
            }
            run.twin.desiredWritten(w.newEtag(), BackoffInstruction.clearDesiredPatch());
            run.desiredWritten = true;
        }
        if (!run.reserve(RunBudget.Kind.TAG_WRITES, 1)) {
            run.actions.add(new ActionResult("resolve", "capped", run.capNote(RunBudget.Kind.TAG_WRITES)));
            return Flow.SKIPPED;
        }
        TagWrite w = run.writeTag(target);
        return switch (w) {
            case CONFLICT -> Flow.CONFLICT;
            case WRITTEN, UNCHANGED -> {
                run.actions.add(new ActionResult("resolve", run.outcome("resolved"), run.decision.why()));
                yield Flow.DONE;
            }
            default -> {
                run.actions.add(new ActionResult("resolve", "failed", run.lastFailure));
                yield Flow.FAILED;
            }
        };
    }

    /** What LinkGuard already did, one line each, oldest first: the ticket's history section. */
    static List<String> actionsTaken(LinkGuardTag tag) {
        List<String> lines = new ArrayList<>();
        if (tag.since() != null) {
            lines.add("conflicts since " + TagCodec.format(tag.since()) + ", classified " + tag.classification());
        }
        BackoffState b = tag.backoff();
        if (b != null) {
            String via = b.via() == null ? "" : " via " + b.via().label();
            lines.add("back-off " + b.commandId() + " " + b.state().label() + via
                    + (b.sent() == null ? "" : " at " + TagCodec.format(b.sent()))
                    + (b.acknowledged() ? ", acknowledged by the device" : "")
                    + ", holds until " + TagCodec.format(b.until()));
            if (b.verdict() != null) {
                lines.add(String.format(Locale.ROOT, "verified %s: %s (%.2f conflicts/h since, %.2f/h before)",
                        b.verifiedAt() == null ? "" : TagCodec.format(b.verifiedAt()), b.verdict().label(),
                        b.rateAfter() == null ? 0 : b.rateAfter(), b.rateAtSend()));
            }
        }
        return lines;
    }

    private static String reference(TicketState state) {
        return state == null || state.reference() == null ? "" : " " + state.reference();
    }
}

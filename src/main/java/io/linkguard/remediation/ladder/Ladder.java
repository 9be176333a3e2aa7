package io.linkguard.remediation.ladder;

import io.linkguard.evidence.IdentityEvidence;
import io.linkguard.plan.Action;
import io.linkguard.plan.Finding;
import io.linkguard.remediation.tag.BackoffState;
import io.linkguard.remediation.tag.Conflicts;
import io.linkguard.remediation.tag.LastAction;
import io.linkguard.remediation.tag.LinkGuardTag;
import io.linkguard.remediation.tag.Stage;
import io.linkguard.remediation.tag.TagCodec;
import io.linkguard.tickets.TicketState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The escalation ladder, one identity at a time: observe, tag, back-off, ticket, and resolve after quiet.
 * Pure: it reads the identity's finding of this run (null when none) and its tag, and says what to do.
 * <ul>
 *   <li>Work a fault interrupted comes first: a pending back-off is re-sent with its own commandId, a job
 *       is checked.</li>
 *   <li>{@code shared-identity}: straight to a ticket (a back-off cannot split two clients).</li>
 *   <li>{@code faulty-reconnect}: tagged; backed off once it is still faulty {@code confirm} later; one
 *       back-off per episode; from {@code verifyAfter} on, a rate that did not fall by {@code minDrop}
 *       escalates to a ticket.</li>
 *   <li>Classes whose policy allows only a tag ({@code transient}, optionally {@code platform-event}) are
 *       tagged; classes with no action are observed only.</li>
 *   <li>No actionable finding for {@code quiet} since the last conflict: resolved (not on incomplete input).</li>
 * </ul>
 * Cooldowns keep any identity from being commanded every run: one back-off per episode, tickets updated at
 * most every {@code ticketRefresh}.
 */
public final class Ladder {
    private final LadderSettings settings;

    public Ladder(LadderSettings settings) {
        this.settings = settings;
    }

    /**
     * @param finding      this run's finding for the identity, or null
     * @param tag          the identity's readable tag, or null
     * @param newCommandId supplies a commandId when a new back-off is decided
     */
    public Decision decide(Finding finding, LinkGuardTag tag, RunInfo run, Supplier<String> newCommandId) {
        Instant now = run.now();
        List<Action> actions = finding == null ? List.of() : finding.actions();
        if (actions.isEmpty()) {
            return withoutFinding(finding, tag, run);
        }
        LinkGuardTag observed = observe(tag, finding, now);
        BackoffState backoff = observed.backoff();
        if (backoff != null && backoff.state() == BackoffState.State.PENDING) {
            return claimedElsewhere(observed, run).orElseGet(() -> pending(observed, now, newCommandId));
        }
        if (backoff != null && backoff.state() == BackoffState.State.SCHEDULED) {
            return new Decision(Step.TRACK_JOB, observed, "back-off " + backoff.commandId() + " is in job " + backoff.jobId());
        }
        if (actions.contains(Action.TICKET)) {
            return ticket(observed, now, "a back-off cannot split clients sharing one identity: a human must");
        }
        if (!actions.contains(Action.BACKOFF)) {
            return tagOnly(tag, observed);
        }
        return switch (observed.stage()) {
            case TICKET -> ticket(observed, now, "escalated earlier");
            case BACKOFF -> verify(observed, finding, now);
            default -> confirmThenBackOff(observed, now, newCommandId);
        };
    }

    private Decision withoutFinding(Finding finding, LinkGuardTag tag, RunInfo run) {
        Instant now = run.now();
        String observedOnly = finding == null ? "no finding this run"
                : "observe only: policy takes no action for " + finding.verdict().classification().label();
        if (tag == null || !tag.stage().active()) {
            return new Decision(Step.NONE, tag, observedOnly
                    + (tag == null ? "" : "; resolved " + format(tag.resolvedAt())));
        }
        Instant lastSeen = tag.lastSeen() != null ? tag.lastSeen() : tag.stageAt();
        Instant resolveAt = lastSeen.plus(settings.quiet());
        if (!run.inputComplete()) {
            return new Decision(Step.NONE, tag, observedOnly + "; input incomplete, so quiet is not resolved");
        }
        if (!now.isBefore(resolveAt)) {
            LinkGuardTag resolved = tag.withStage(Stage.RESOLVED, now).withResolvedAt(now)
                    .withAction(new LastAction("resolve", now, "resolved"));
            return new Decision(Step.RESOLVE, resolved, "quiet since " + format(lastSeen) + " ("
                    + hours(settings.quiet()) + " h or more)");
        }
        BackoffState backoff = tag.backoff();
        if (backoff != null && backoff.state() == BackoffState.State.SCHEDULED) {
            return new Decision(Step.TRACK_JOB, tag, observedOnly + "; back-off in job " + backoff.jobId());
        }
        if (backoff != null && backoff.state() == BackoffState.State.PENDING && now.isBefore(backoff.until())) {
            return claimedElsewhere(tag, run).orElseGet(() -> new Decision(Step.DELIVER_PENDING, tag, observedOnly
                    + "; back-off " + backoff.commandId() + " not delivered yet"));
        }
        return new Decision(Step.NONE, tag, observedOnly + "; quiet since " + format(lastSeen) + ", resolves at "
                + format(resolveAt));
    }

    /** The tag updated with this run's finding; a tag that is absent or resolved starts a new episode. */
    public static LinkGuardTag observe(LinkGuardTag tag, Finding finding, Instant now) {
        IdentityEvidence ev = finding.evidence();
        Instant lastConflict = ev.lastConflict() != null ? ev.lastConflict() : ev.lastSeen();
        Instant firstConflict = ev.firstConflict() != null ? ev.firstConflict() : ev.firstSeen();
        String classification = finding.verdict().classification().label();
        String reason = finding.verdict().reasons().isEmpty() ? classification : finding.verdict().reasons().get(0);
        Conflicts conflicts = new Conflicts(ev.conflicts(), ev.conflicts409002(), ev.conflicts400027(), ev.conflictsPerHour());
        if (tag == null || !tag.stage().active()) {
            return new LinkGuardTag(Stage.TAG, now, classification, finding.verdict().confidence(), firstConflict,
                    lastConflict, conflicts, reason, tag == null ? null : tag.runId(),
                    new LastAction("tag", now, "tagged " + classification), null,
                    tag == null ? null : tag.ticket(), tag == null ? null : tag.resolvedAt());
        }
        Instant lastSeen = tag.lastSeen() == null || lastConflict.isAfter(tag.lastSeen()) ? lastConflict : tag.lastSeen();
        return new LinkGuardTag(tag.stage(), tag.stageAt(), classification, finding.verdict().confidence(), tag.since(),
                lastSeen, conflicts, reason, tag.runId(), tag.action(), tag.backoff(), tag.ticket(), tag.resolvedAt());
    }

    /**
     * A back-off another run decided moments ago is that run's to deliver (a timer run and a targeted run
     * touching the same identity act once); after the claim it is anyone's.
     */
    private Optional<Decision> claimedElsewhere(LinkGuardTag tag, RunInfo run) {
        BackoffState backoff = tag.backoff();
        boolean otherRun = tag.runId() != null && !tag.runId().equals(run.runId());
        Instant claimEnds = tag.stageAt().plus(settings.claim());
        if (otherRun && backoff.attempts() == 0 && run.now().isBefore(claimEnds)) {
            return Optional.of(new Decision(Step.NONE, tag, "run " + tag.runId() + " is delivering back-off "
                    + backoff.commandId() + "; it is anyone's to deliver from " + format(claimEnds)));
        }
        return Optional.empty();
    }

    private Decision pending(LinkGuardTag observed, Instant now, Supplier<String> newCommandId) {
        BackoffState backoff = observed.backoff();
        if (now.isBefore(backoff.until())) {
            return new Decision(Step.DELIVER_PENDING, observed, "back-off " + backoff.commandId()
                    + " was decided but not delivered (" + (backoff.lastError() == null ? "interrupted" : backoff.lastError()) + ")");
        }
        return newBackoff(observed, now, newCommandId, "back-off " + backoff.commandId()
                + " expired undelivered: a new instruction");
    }

    private Decision tagOnly(LinkGuardTag before, LinkGuardTag observed) {
        boolean fresh = before == null || !before.stage().active();
        return new Decision(Step.TAG, observed, fresh ? "tag for review: " + observed.classification()
                : "observation updated (stage " + observed.stage().label() + " kept)");
    }

    private Decision confirmThenBackOff(LinkGuardTag observed, Instant now, Supplier<String> newCommandId) {
        Instant backoffAt = observed.stageAt().plus(settings.confirm());
        if (now.isBefore(backoffAt)) {
            return new Decision(Step.TAG, observed, "faulty-reconnect: back-off at " + format(backoffAt)
                    + " if it is still faulty then");
        }
        return newBackoff(observed, now, newCommandId, "faulty-reconnect since " + format(observed.since()));
    }

    private Decision newBackoff(LinkGuardTag observed, Instant now, Supplier<String> newCommandId, String why) {
        BackoffState pending = BackoffState.pending(newCommandId.get(), now.plus(settings.hold()),
                observed.conflicts().perHour());
        LinkGuardTag target = observed.withStage(Stage.BACKOFF, now).withBackoff(pending)
                .withAction(new LastAction("backoff", now, "pending"));
        return new Decision(Step.BACKOFF, target, why);
    }

    private Decision verify(LinkGuardTag observed, Finding finding, Instant now) {
        BackoffState backoff = observed.backoff();
        if (backoff == null) {
            return new Decision(Step.TAG, observed.withStage(Stage.TAG, now), "stage back-off without a back-off: back to tag");
        }
        Instant judgeAt = backoff.sent().plus(settings.verifyAfter());
        if (now.isBefore(judgeAt)) {
            return new Decision(Step.TAG, observed, "back-off " + backoff.commandId() + " sent " + format(backoff.sent())
                    + "; judged from " + format(judgeAt));
        }
        Verification v = Verification.of(finding, backoff.sent(), backoff.rateAtSend(), settings.minDrop(), now);
        if (!v.improved()) {
            LinkGuardTag escalated = observed.withBackoff(backoff.withVerification(BackoffState.Verdict.NOT_IMPROVED,
                    v.rateAfter(), now));
            return ticket(escalated, now, "back-off did not calm it: " + v.explanation());
        }
        if (backoff.verdict() == BackoffState.Verdict.IMPROVED) {
            return new Decision(Step.TAG, observed, "calmer since the back-off: " + v.explanation());
        }
        return new Decision(Step.TAG, observed.withBackoff(backoff.withVerification(BackoffState.Verdict.IMPROVED,
                v.rateAfter(), now)), "calmer since the back-off: " + v.explanation());
    }

    private Decision ticket(LinkGuardTag observed, Instant now, String why) {
        boolean entering = observed.stage() != Stage.TICKET;
        LinkGuardTag target = entering ? observed.withStage(Stage.TICKET, now) : observed;
        TicketState ticket = observed.ticket();
        boolean due = entering || ticket == null || ticket.status() != TicketState.Status.OPEN
                || !observed.classification().equals(ticket.classification()) || ticket.lastUpdate() == null
                || !now.isBefore(ticket.lastUpdate().plus(settings.ticketRefresh()));
        if (!due) {
            return new Decision(Step.TAG, target, "ticket " + ticket.reference() + " open; next update from "
                    + format(ticket.lastUpdate().plus(settings.ticketRefresh())));
        }
        return new Decision(Step.TICKET, target, why);
    }

    private static String format(Instant t) {
        return t == null ? "-" : TagCodec.format(t);
    }

    private static long hours(Duration d) {
        return d.toHours();
    }
}

package io.linkguard.remediation.tag;

import io.linkguard.tickets.TicketState;
import java.time.Instant;

/**
 * LinkGuard's own twin tag, {@code tags.linkguard}: the operator's review surface and the ladder's memory.
 * Its JSON form ({@link TagCodec}) is documented in docs/remediation.md.
 *
 * @param stage          the ladder rung reached in the current episode
 * @param stageAt        when that rung was reached
 * @param classification the latest class that called for an action (a label, e.g. {@code faulty-reconnect})
 * @param since          the first conflict of the current episode
 * @param lastSeen       the latest conflict seen; quiet time counts from here
 * @param reason         a short human reason (the classifier's first reason)
 * @param runId          the run that last changed the tag
 * @param backoff        the back-off of the current episode, or null
 * @param ticket         the ticket remembered for the identity, or null
 * @param resolvedAt     when the identity was last marked resolved, or null
 */
public record LinkGuardTag(Stage stage, Instant stageAt, String classification, double confidence, Instant since,
                           Instant lastSeen, Conflicts conflicts, String reason, String runId, LastAction action,
                           BackoffState backoff, TicketState ticket, Instant resolvedAt) {

    public static final int SCHEMA_VERSION = 1;

    public LinkGuardTag withStage(Stage newStage, Instant at) {
        return new LinkGuardTag(newStage, at, classification, confidence, since, lastSeen, conflicts, reason, runId,
                action, backoff, ticket, resolvedAt);
    }

    public LinkGuardTag withRunId(String newRunId) {
        return new LinkGuardTag(stage, stageAt, classification, confidence, since, lastSeen, conflicts, reason, newRunId,
                action, backoff, ticket, resolvedAt);
    }

    public LinkGuardTag withAction(LastAction newAction) {
        return new LinkGuardTag(stage, stageAt, classification, confidence, since, lastSeen, conflicts, reason, runId,
                newAction, backoff, ticket, resolvedAt);
    }

    public LinkGuardTag withBackoff(BackoffState newBackoff) {
        return new LinkGuardTag(stage, stageAt, classification, confidence, since, lastSeen, conflicts, reason, runId,
                action, newBackoff, ticket, resolvedAt);
    }

    public LinkGuardTag withTicket(TicketState newTicket) {
        return new LinkGuardTag(stage, stageAt, classification, confidence, since, lastSeen, conflicts, reason, runId,
                action, backoff, newTicket, resolvedAt);
    }

    public LinkGuardTag withResolvedAt(Instant at) {
        return new LinkGuardTag(stage, stageAt, classification, confidence, since, lastSeen, conflicts, reason, runId,
                action, backoff, ticket, at);
    }
}

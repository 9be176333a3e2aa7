package io.linkguard.tickets;

import io.linkguard.plan.Finding;
import java.util.List;

/**
 * One identity's ticket step: the finding with its evidence, what LinkGuard already did about it (one
 * line each, newest last), the run, and the ticket state remembered in the identity's twin tag (null
 * when there is none).
 */
public record TicketRequest(TicketKey key, Finding finding, List<String> actionsTaken, String runId,
                            TicketState previous) {
}

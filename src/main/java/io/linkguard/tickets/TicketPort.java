package io.linkguard.tickets;

/**
 * Where remediation's ticket step goes. The ticket adapters (ServiceNow, Azure DevOps, GitHub, webhook)
 * sit behind it; it never throws for a sink's failure: the outcome says PENDING and a later run retries.
 */
public interface TicketPort {

    /** Opens a ticket for the request's dedupe key, or updates (or reopens) the one already there. */
    TicketOutcome raise(TicketRequest request);

    /** Resolves the key's open ticket, if any. */
    TicketOutcome resolve(TicketRequest request);

    /** A port for deployments without a ticket sink: every call says DISABLED. */
    static TicketPort disabled() {
        return new TicketPort() {
            @Override
            public TicketOutcome raise(TicketRequest request) {
                return TicketOutcome.disabled(request.previous());
            }

            @Override
            public TicketOutcome resolve(TicketRequest request) {
                return TicketOutcome.disabled(request.previous());
            }
        };
    }
}

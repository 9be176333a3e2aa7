package io.linkguard.tickets;

import io.linkguard.classification.Classification;
import io.linkguard.evidence.Identity;

/** The dedupe key of a ticket: one per (hub, identity, class). */
public record TicketKey(String value) {

    public static TicketKey of(Identity identity, Classification classification) {
        return new TicketKey("linkguard:" + identity.hub() + ":" + identity.deviceId()
                + (identity.isModule() ? ":" + identity.moduleId() : "") + ":" + classification.label());
    }
}

package io.linkguard.plan;

/** What LinkGuard may do about an identity. The label is part of the JSON contract. */
public enum Action {
    /** Write the linkguard tag on the identity's twin (no effect on the device). */
    TAG("tag"),
    /** Send the back-off direct method (or desired property) to the device. */
    BACKOFF("backoff"),
    /** Open or update a ticket for a human. */
    TICKET("ticket");

    private final String label;

    Action(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

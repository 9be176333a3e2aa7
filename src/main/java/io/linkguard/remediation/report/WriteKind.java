package io.linkguard.remediation.report;

/** The kinds of change LinkGuard makes outside itself. */
public enum WriteKind {
    TAG_PATCH("tag-patch"),
    DESIRED_PATCH("desired-patch"),
    METHOD("method"),
    METHOD_JOB("method-job"),
    TICKET_RAISE("ticket-raise"),
    TICKET_RESOLVE("ticket-resolve");

    private final String label;

    WriteKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

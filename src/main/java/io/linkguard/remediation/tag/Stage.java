package io.linkguard.remediation.tag;

import java.util.Optional;

/**
 * The rungs of the escalation ladder, lowest first. {@code observe} is the implicit rung of an identity
 * without a tag; the others are written in {@code tags.linkguard.stage}.
 */
public enum Stage {
    OBSERVE("observe"),
    TAG("tag"),
    BACKOFF("backoff"),
    TICKET("ticket"),
    RESOLVED("resolved");

    private final String label;

    Stage(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean active() {
        return this == TAG || this == BACKOFF || this == TICKET;
    }

    public static Optional<Stage> ofLabel(String label) {
        for (Stage s : values()) {
            if (s.label.equals(label)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}

package io.linkguard.remediation.safety;

import java.util.Optional;

/** How far a run goes. A new deployment is not {@code enforce} until someone says so. */
public enum Mode {
    /** Classify and report only: no hub call at all, not even a read. */
    OBSERVE("observe"),
    /** Read the twins, decide, and list every write with its exact patch; write nothing. */
    DRY_RUN("dry-run"),
    /** Decide and write. */
    ENFORCE("enforce");

    private final String label;

    Mode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<Mode> ofLabel(String label) {
        for (Mode m : values()) {
            if (m.label.equalsIgnoreCase(label)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}

package io.linkguard.pipeline;

/** What became of one planned action in a run. The label is used in the ledger, logs and metrics. */
public enum ActionOutcome {
    /** Carried out on the hub or ticket system. */
    DONE("done"),
    /** Observe mode (or a dry run): only reported. */
    PLANNED("planned"),
    /** Tried and failed; a later run tries again. */
    FAILED("failed"),
    /** Not attempted: a cap, a cool-down or a precondition said no. */
    SKIPPED("skipped"),
    /** Not attempted: another run held the identity's lease at that moment. */
    DEFERRED("deferred");

    private final String label;

    ActionOutcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

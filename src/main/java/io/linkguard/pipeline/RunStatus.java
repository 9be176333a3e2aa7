package io.linkguard.pipeline;

/** How a run ended. The label is used in the ledger, logs and metrics. */
public enum RunStatus {
    /** Evidence complete, plan handed to the executor. */
    COMPLETED("completed"),
    /** The evidence was partial (a query hit a limit): the window is not advanced, the next run covers it again. */
    INCOMPLETE("incomplete"),
    /** An error stopped the run; the window is not advanced. */
    FAILED("failed"),
    /** Another scheduled run held the lease: this one did nothing. */
    SKIPPED("skipped"),
    /** Accepted by a trigger and queued for the worker, which replaces this row with the run's outcome. */
    QUEUED("queued");

    private final String label;

    RunStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

package io.linkguard.pipeline;

/** Which front door started a run. The label is used in the ledger, logs and metrics (docs/telemetry.md). */
public enum RunTrigger {
    TIMER("timer"), EVENT_GRID("eventgrid"), ALERT("alert");

    private final String label;

    RunTrigger(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

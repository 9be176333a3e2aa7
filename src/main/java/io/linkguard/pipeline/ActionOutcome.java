package io.linkguard.pipeline;

import java.util.Locale;

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

    /** A remediation report's outcome label ({@code written}, {@code would-opened}, {@code capped}...) as a pipeline outcome. */
    public static ActionOutcome ofReported(String label, boolean dryRun) {
        String l = label == null ? "" : label.toLowerCase(Locale.ROOT);
        if (l.equals("deferred")) {
            return DEFERRED;
        }
        if (l.startsWith("fail") || l.equals("error") || l.equals("conflict") || l.equals("pending")
                || l.equals("misconfigured") || l.equals("throttled")) {
            return FAILED;
        }
        if (l.startsWith("cap") || l.startsWith("skip") || l.equals("suppressed") || l.equals("guarded")) {
            return SKIPPED;
        }
        return dryRun || l.startsWith("would-") ? PLANNED : DONE;
    }
}

package io.linkguard.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The audit trail of runs, and the watermark scheduled runs continue from (Table Storage in Azure). */
public interface RunLedger {

    /** Where the last completed scheduled run ended; empty before the first one. */
    Optional<Instant> watermark();

    /** Moves the watermark to {@code until}, never backwards (a slow older run cannot rewind a newer one). */
    void advanceWatermark(Instant until, String runId);

    void record(RunRecord run);

    /** The newest runs first, at most {@code max}. */
    List<RunRecord> recent(int max);
}

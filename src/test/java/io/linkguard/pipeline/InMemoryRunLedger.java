package io.linkguard.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

final class InMemoryRunLedger implements RunLedger {
    final List<RunRecord> runs = new ArrayList<>();
    Instant watermark;

    @Override
    public synchronized Optional<Instant> watermark() {
        return Optional.ofNullable(watermark);
    }

    @Override
    public synchronized void advanceWatermark(Instant until, String runId) {
        if (watermark == null || until.isAfter(watermark)) {
            watermark = until;
        }
    }

    @Override
    public synchronized void record(RunRecord run) {
        runs.add(run);
    }

    @Override
    public synchronized List<RunRecord> recent(int max) {
        List<RunRecord> newest = new ArrayList<>(runs);
        java.util.Collections.reverse(newest);
        return newest.subList(0, Math.min(max, newest.size()));
    }
}

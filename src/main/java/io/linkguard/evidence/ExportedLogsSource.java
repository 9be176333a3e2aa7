package io.linkguard.evidence;

import io.linkguard.logs.LogFileReader;
import io.linkguard.logs.ReadSummary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The offline evidence source: an exported log file (az CLI JSON, query API JSON or portal CSV, maybe gzipped). */
public final class ExportedLogsSource {
    private final EvidenceSettings settings;
    private final Duration fleetBin;

    public ExportedLogsSource(EvidenceSettings settings, Duration fleetBin) {
        this.settings = settings;
        this.fleetBin = fleetBin;
    }

    public EvidenceBatch read(Path file) throws IOException {
        Reading reading = new Reading();
        ReadSummary summary = LogFileReader.read(file, ConnectionRowParser.COLUMNS, reading::accept);
        return reading.finish(file.toString(), summary);
    }

    public EvidenceBatch read(InputStream in, String name) throws IOException {
        Reading reading = new Reading();
        ReadSummary summary = LogFileReader.read(in, ConnectionRowParser.COLUMNS, reading::accept);
        return reading.finish(name, summary);
    }

    private final class Reading {
        final SkipCounts skipped = new SkipCounts();
        ConnectionRowParser parser = new ConnectionRowParser(skipped);
        final ObservationCollector collector = new ObservationCollector(settings.timelineEvents());
        // Rows wait in the parser, and their events here, in groups (see ConnectionRowParser.offer and
        // ObservationCollector.addAll): bounded, not per row.
        final ConnectionEvent[] events = new ConnectionEvent[ConnectionRowParser.GROUP];
        final int[] numbers = new int[ConnectionRowParser.GROUP];
        long used;

        void accept(io.linkguard.logs.RawRow row) {
            if (parser.offer(row) && parser.full()) {
                collectWaiting();
            }
        }

        void collectWaiting() {
            int count = parser.resolve(events, numbers);
            used += count;
            collector.addAll(events, numbers, count);
            Arrays.fill(events, 0, count, null);
        }

        EvidenceBatch finish(String name, ReadSummary summary) {
            collectWaiting();
            parser = null; // its identity table (some 80 MB at a million identities) is not needed by the pass below
            Map<String, Long> skippedByLabel = new LinkedHashMap<>(skipped.byLabel());
            summary.skipped().forEach((label, n) -> skippedByLabel.merge(label, n, Long::sum));
            long found = summary.rowsFound();
            InputSummary input = new InputSummary(name + " (" + summary.format() + ")", found, used,
                    skippedByLabel, List.copyOf(summary.warnings()), incompleteBecause(summary, found));
            ObservationCollector.Collected c = collector.finish(fleetBin.toMillis(), settings.renewalWindow().toMillis());
            return new EvidenceBatch(input, c.identities(), c.hubs(), c.populations());
        }

        /**
         * Why this input may not be all the evidence: the reader's reason, else "no usable row" (an empty window
         * is no proof that every identity is quiet, so nothing may be resolved on it).
         */
        private String incompleteBecause(ReadSummary summary, long found) {
            if (summary.stoppedBecause() != null) {
                return summary.stoppedBecause();
            }
            if (used == 0) {
                return found == 0 ? "the input holds no rows" : "none of the " + found + " rows could be used ("
                        + skippedSummary() + ")";
            }
            return null;
        }

        private String skippedSummary() {
            StringBuilder sb = new StringBuilder();
            skipped.byLabel().forEach((label, n) -> sb.append(sb.length() == 0 ? "" : ", ").append(label).append(' ').append(n));
            return sb.length() == 0 ? "see input.skipped" : sb.toString();
        }
    }
}

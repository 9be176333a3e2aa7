package io.linkguard.evidence;

import io.linkguard.logs.LogFileReader;
import io.linkguard.logs.ReadSummary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
        final ConnectionRowParser parser = new ConnectionRowParser(skipped);
        final ObservationCollector collector = new ObservationCollector(settings.timelineEvents());
        long rows;
        long used;

        void accept(io.linkguard.logs.RawRow row) {
            rows++;
            ConnectionEvent event = parser.parse(row);
            if (event != null) {
                used++;
                collector.add(event);
            }
        }

        EvidenceBatch finish(String name, ReadSummary summary) {
            InputSummary input = new InputSummary(name + " (" + summary.format() + ")", rows, used,
                    skipped.byLabel(), List.copyOf(summary.warnings()), summary.stoppedBecause());
            return new EvidenceBatch(input, collector.conflictingIdentities(), collector.hubActivity(fleetBin.toMillis(), settings.renewalWindow().toMillis()),
                    collector.hubPopulations());
        }
    }
}

package io.linkguard.logs;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * The file reading as it was before the speed work, for equivalence tests: every column, on the calling
 * thread, through the legacy CSV and JSON readers. Complete (not truncated) inputs only.
 */
public final class LegacyLogReading {
    private LegacyLogReading() {
    }

    public static ReadSummary read(byte[] data, Consumer<RawRow> sink) throws IOException {
        boolean gzip = data.length > 1 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b;
        InputStream raw = new ByteArrayInputStream(data);
        BufferedInputStream in = new BufferedInputStream(gzip ? new GZIPInputStream(raw) : raw, LogFileReader.BUFFER);
        Warnings warnings = new Warnings();
        LogFileReader.Detected d = LogFileReader.detect(in);
        if (d.format == null) {
            return new ReadSummary(LogFormat.PORTAL_CSV, 0, warnings.toList(), null);
        }
        return switch (d.format) {
            case PORTAL_CSV -> new LegacyCsvLogReader(in, d.charset, sink, warnings).run();
            default -> new LegacyJsonLogReader(d.format, in, d.charset, gzip, d.skipped, sink, warnings).run();
        };
    }
}

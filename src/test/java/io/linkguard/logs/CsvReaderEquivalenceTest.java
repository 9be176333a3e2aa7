package io.linkguard.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The byte-level CSV reader against the char-level reader it replaced ({@link LegacyCsvLogReader}, kept as the
 * reference): on random CSV with every quoting construct, line ending, malformed UTF-8, wrong field counts,
 * text after closing quotes, unterminated quotes and fields longer than the read buffer, both deliver the same
 * rows, cells, warnings and stop reason, with all columns and with a column selection.
 */
class CsvReaderEquivalenceTest {
    private static final String[] NAMES = {"TenantId", "TimeGenerated [UTC]", "Category", "properties_s", "Level",
            "", "Category", " Resource ", "\uFEFFOdd"};

    record Read(ReadSummary summary, List<RawRow> rows) {
    }

    static Read legacy(byte[] data) throws IOException {
        List<RawRow> rows = new ArrayList<>();
        BufferedInputStream in = new BufferedInputStream(new ByteArrayInputStream(data), LogFileReader.BUFFER);
        LogFileReader.Detected d = LogFileReader.detect(in);
        assertThat(d.format).isIn(LogFormat.PORTAL_CSV, null);
        if (d.format == null) {
            return new Read(new ReadSummary(LogFormat.PORTAL_CSV, 0, List.of(), null), rows);
        }
        ReadSummary s = new LegacyCsvLogReader(in, d.charset, rows::add, new Warnings()).run();
        return new Read(s, rows);
    }

    static Read current(byte[] data, ColumnSelection columns) throws IOException {
        List<RawRow> rows = new ArrayList<>();
        ReadSummary s = LogFileReader.read(new ByteArrayInputStream(data), columns, rows::add);
        return new Read(s, rows);
    }

    static void assertSame(byte[] data, ColumnSelection columns, Set<String> names) throws IOException {
        Read legacy = legacy(data);
        Read actual = current(data, columns);
        if (actual.summary().format() == LogFormat.UNRECOGNISED) { // empty or blank: the legacy reader said 0 rows
            assertThat(legacy.rows()).isEmpty();
            assertThat(actual.rows()).isEmpty();
            return;
        }
        // One rule is new: a last record with fewer fields than the header and no line break after it was cut short
        // by the end of the input; it is counted, not delivered, and the read is incomplete. The legacy reader
        // delivered it with a field-count warning.
        String stopped = actual.summary().stoppedBecause();
        boolean cutLast = stopped != null && stopped.startsWith("the input ends inside row");
        Read expected = legacy;
        if (cutLast) {
            List<RawRow> kept = legacy.rows().subList(0, legacy.rows().size() - 1);
            RawRow cut = legacy.rows().get(legacy.rows().size() - 1);
            assertThat(stopped).contains("row " + cut.position() + " ");
            assertThat(legacy.summary().stoppedBecause()).isNull();
            assertThat(actual.summary().skipped()).containsEntry("cut-row", 1L);
            List<String> warnings = legacy.summary().warnings().stream()
                    .filter(w -> !w.startsWith("row " + cut.position() + " ")).toList();
            expected = new Read(new ReadSummary(LogFormat.PORTAL_CSV, kept.size(), Map.of("cut-row", 1L), warnings,
                    stopped), kept);
        } else if (legacy.summary().stoppedBecause() != null && legacy.summary().stoppedBecause().startsWith("unterminated")) {
            expected = new Read(new ReadSummary(LogFormat.PORTAL_CSV, legacy.summary().rows(), Map.of("cut-row", 1L),
                    legacy.summary().warnings(), legacy.summary().stoppedBecause()), legacy.rows());
        }
        if (actual.summary().warnings().size() <= Warnings.CAP) {
            assertThat(actual.summary()).isEqualTo(expected.summary());
        } else { // the count of warnings left out differs by the one the cut row no longer has
            assertThat(actual.summary().rows()).isEqualTo(expected.summary().rows());
            assertThat(actual.summary().stoppedBecause()).isEqualTo(expected.summary().stoppedBecause());
        }
        assertThat(actual.rows()).hasSameSizeAs(expected.rows());
        for (int i = 0; i < expected.rows().size(); i++) {
            RawRow e = expected.rows().get(i);
            RawRow a = actual.rows().get(i);
            assertThat(a.position()).isEqualTo(e.position());
            for (String name : names) {
                assertThat(a.get(name)).as("row %d column '%s'", i, name)
                        .isEqualTo(columns.includes(name) ? e.get(name) : null);
            }
        }
    }

    /** Random CSV bytes: quoted and unquoted fields, all line endings, non-ASCII and broken UTF-8. */
    static byte[] randomCsv(Random rnd, boolean validUtf8, boolean allowDamage) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (rnd.nextBoolean()) {
            out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        int columns = 1 + rnd.nextInt(NAMES.length);
        for (int c = 0; c < columns; c++) {
            out.writeBytes(((c > 0 ? "," : "") + csvField(NAMES[c], rnd.nextInt(4) == 0)).getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(lineEnd(rnd));
        int rows = rnd.nextInt(60);
        for (int r = 0; r < rows; r++) {
            if (rnd.nextInt(15) == 0) {
                out.writeBytes(lineEnd(rnd)); // blank line
                continue;
            }
            int fields = rnd.nextInt(8) == 0 ? 1 + rnd.nextInt(columns + 2) : columns;
            for (int f = 0; f < fields; f++) {
                if (f > 0) {
                    out.write(',');
                }
                boolean quoted = rnd.nextInt(3) == 0;
                byte[] text = randomText(rnd, quoted, validUtf8, rnd.nextInt(200) == 0 ? 70_000 : rnd.nextInt(40));
                if (quoted) {
                    out.write('"');
                    out.writeBytes(text);
                    out.write('"');
                    if (allowDamage && rnd.nextInt(40) == 0) {
                        out.writeBytes("x\"y".getBytes(StandardCharsets.UTF_8)); // text after the closing quote
                    }
                } else {
                    out.writeBytes(text);
                }
            }
            if (r < rows - 1 || rnd.nextBoolean()) {
                out.writeBytes(lineEnd(rnd));
            }
        }
        if (allowDamage && rnd.nextInt(6) == 0) {
            out.writeBytes("\"never closed,\n".getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static byte[] lineEnd(Random rnd) {
        return switch (rnd.nextInt(3)) {
            case 0 -> new byte[] {'\n'};
            case 1 -> new byte[] {'\r', '\n'};
            default -> new byte[] {'\r'};
        };
    }

    private static String csvField(String s, boolean quote) {
        return quote || s.contains(",") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    private static final String[] PIECES = {"a", "Z", "0", " ", "{", ":", "ä", "€", "\uD83D\uDE00", "deviceId", "\t"};
    private static final byte[][] BROKEN = {{(byte) 0xC3}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xFF},
            {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0x80}};

    private static byte[] randomText(Random rnd, boolean quoted, boolean validUtf8, int pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < pieces; i++) {
            int k = rnd.nextInt(PIECES.length + (quoted ? 5 : 0) + (validUtf8 ? 0 : 2));
            if (k < PIECES.length) {
                out.writeBytes(PIECES[k].getBytes(StandardCharsets.UTF_8));
            } else if (k >= PIECES.length + (quoted ? 5 : 0)) {
                out.writeBytes(BROKEN[rnd.nextInt(BROKEN.length)]);
            } else {
                out.writeBytes(new String[] {"\"\"", ",", "\n", "\r\n", "\r"}[k - PIECES.length]
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    private static Set<String> probeNames() {
        Set<String> names = new LinkedHashSet<>();
        for (String n : NAMES) {
            names.add(Columns.normalise(n));
        }
        names.add("Absent");
        return names;
    }

    @Test
    void randomCsvReadsAsTheLegacyReaderDid() throws IOException {
        Random rnd = new Random(20261126);
        Set<String> names = probeNames();
        ColumnSelection some = ColumnSelection.of("TimeGenerated", "properties_s", "Resource", "Absent");
        for (int i = 0; i < 150; i++) {
            byte[] data = randomCsv(rnd, i % 2 == 0, i % 3 != 0);
            assertSame(data, ColumnSelection.all(), names);
            assertSame(data, some, names);
        }
    }

    @Test
    void utf16CsvReadsAsTheLegacyReaderDid() throws IOException {
        Random rnd = new Random(7);
        Set<String> names = probeNames();
        for (int i = 0; i < 30; i++) {
            String text = new String(randomCsv(rnd, true, i % 2 == 0), StandardCharsets.UTF_8);
            boolean little = rnd.nextBoolean();
            byte[] data = ("\uFEFF" + text.replace("\uFEFF", "")).getBytes(
                    little ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE);
            assertSame(data, ColumnSelection.all(), names);
            assertSame(data, ColumnSelection.of("Category", "Odd"), names);
        }
    }

    /** The legacy reader behind the gzip path as LogFileReader had it: prefetching decompression. */
    static ReadSummary legacyGzip(byte[] gz) throws IOException {
        BufferedInputStream raw = new BufferedInputStream(new ByteArrayInputStream(gz), LogFileReader.BUFFER);
        PrefetchInputStream prefetch = new PrefetchInputStream(GzipMembers.open(raw, new Warnings()));
        try {
            BufferedInputStream data = new BufferedInputStream(prefetch, LogFileReader.BUFFER);
            LogFileReader.Detected d = LogFileReader.detect(data);
            return new LegacyCsvLogReader(data, d.charset, row -> { }, new Warnings()).run();
        } finally {
            prefetch.close();
        }
    }

    @Test
    void truncatedGzipKeepsTheSameRowsAsTheLegacyReader() throws IOException {
        StringBuilder csv = new StringBuilder("n,props_s\n");
        Random rnd = new Random(7);
        for (int i = 1; i <= 60_000; i++) {
            csv.append(i).append(",\"{\"\"v\"\":").append(rnd.nextLong()).append("}\"\n");
        }
        byte[] gz = LogFileReaderTest.gzip(csv.toString().getBytes(StandardCharsets.UTF_8));
        for (int k = 1; k < 8; k++) {
            byte[] cut = java.util.Arrays.copyOf(gz, gz.length * k / 8);
            ReadSummary expected = legacyGzip(cut);
            ReadSummary actual = current(cut, ColumnSelection.all()).summary();
            assertThat(actual).as("cut %d/8", k).isEqualTo(expected);
            assertThat(actual.rows()).isPositive();
            assertThat(actual.stoppedBecause()).contains("gzip data is truncated");
        }
    }

    @Test
    void recordsLongerThanTheLimitStopTheReadWithoutGrowingTheHeapFurther() throws IOException {
        // An unterminated quote early in a large export: the reader stops at the record limit.
        byte[] prefix = "a,b\n1,2\n3,\"".getBytes(StandardCharsets.UTF_8);
        byte[] data = new byte[prefix.length + CsvRecords.MAX_RECORD_BYTES + 10];
        System.arraycopy(prefix, 0, data, 0, prefix.length);
        java.util.Arrays.fill(data, prefix.length, data.length, (byte) 'x');
        Read r = current(data, ColumnSelection.all());
        assertThat(r.rows()).hasSize(1);
        assertThat(r.summary().stoppedBecause()).contains("line 3").contains("row 2").contains("longer than 64 MiB");
    }
}

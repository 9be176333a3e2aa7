package io.linkguard.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The az CLI fast path against the reference: a file read ({@link AzJsonRows} first, Jackson from the start when it
 * gives up) must give exactly what a stream read gives (Jackson's {@link JsonLogReader} alone): the same rows with
 * the same cells and positions, and the same summary (row count, skips, warnings, stop reason).
 */
class AzJsonRowsTest {
    private static final ColumnSelection PLAN_LIKE = ColumnSelection.of("TimeGenerated", "Category", "properties_s",
            "Level", "ResultType", "Count", "Flag");
    private static final String[] KEYS = {"TenantId", "TimeGenerated", "Category", "properties_s", "Level",
        "ResultType", "Count", "Flag", "TableName", "_ResourceId"};
    private static final String[] STRINGS = {"", "Connections", "2026-11-20T08:00:00.0400000Z", "Error",
        "{\\\"deviceId\\\":\\\"a-dev-1\\\",\\\"authType\\\":\\\"{\\\\\\\"scope\\\\\\\":\\\\\\\"device\\\\\\\"}\\\"}",
        "tab\\there", "slash\\/ and \\\\ and \\b\\f\\n\\r", "\\u00e9t\\u00C9 \\ud83d\\ude00 \\udc00 alone", "caf\u00e9 \u20ac \ud83d\ude00",
        "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Devices/IotHubs/hub-1"};
    private static final String[] SCALARS = {"0", "-1.5e3", "12", "3.25", "1E+2", "-0", "true", "false", "null"};
    private static final byte[] INTERESTING = " \n\t{}[],:\"\\u0e-.+aZ\u0000\u001f".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] HIGH = {(byte) 0x80, (byte) 0xbf, (byte) 0xc0, (byte) 0xc3, (byte) 0xe0,
        (byte) 0xed, (byte) 0xf0, (byte) 0xf4, (byte) 0xf5, (byte) 0xff};

    record Result(ReadSummary summary, List<String> rows) {
    }

    private static Result viaFile(Path file, ColumnSelection columns) throws IOException {
        List<String> rows = new ArrayList<>();
        ReadSummary s = LogFileReader.read(file, columns, row -> rows.add(row.toString() + cells(row)));
        return new Result(s, rows);
    }

    private static Result viaStream(byte[] data, ColumnSelection columns) throws IOException {
        List<String> rows = new ArrayList<>();
        ReadSummary s = LogFileReader.read(new ByteArrayInputStream(data), columns,
                row -> rows.add(row.toString() + cells(row)));
        return new Result(s, rows);
    }

    private static String cells(RawRow row) {
        StringBuilder sb = new StringBuilder();
        for (String k : KEYS) {
            sb.append(' ').append(k).append('=').append(row.get(k));
        }
        return sb.toString();
    }

    static String document(Random r, int objects) {
        boolean pretty = r.nextBoolean();
        String nl = pretty ? "\n  " : "";
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < objects; i++) {
            sb.append(i == 0 ? "" : ",").append(nl).append('{');
            int fields = 3 + r.nextInt(KEYS.length);
            for (int f = 0; f < fields; f++) {
                String key = KEYS[r.nextInt(4) == 0 ? r.nextInt(KEYS.length) : f % KEYS.length];
                sb.append(f == 0 ? "" : ",").append(nl).append(pretty ? "  " : "").append('"').append(key)
                        .append(pretty ? "\": " : "\":");
                if (r.nextInt(4) == 0) {
                    sb.append(SCALARS[r.nextInt(SCALARS.length)]);
                } else {
                    sb.append('"').append(STRINGS[r.nextInt(STRINGS.length)]).append('"');
                }
            }
            sb.append(nl).append('}');
        }
        return sb.append(pretty ? "\n]\n" : "]").toString();
    }

    static byte[] mutate(Random r, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int edits = 1 + r.nextInt(3);
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < edits; i++) {
            at.add(r.nextInt(data.length + 1));
        }
        for (int i = 0; i <= data.length; i++) {
            for (int a : at) {
                if (a == i) {
                    switch (r.nextInt(5)) {
                        case 0 -> out.write(INTERESTING[r.nextInt(INTERESTING.length)]);
                        case 1 -> out.write(HIGH[r.nextInt(HIGH.length)]);
                        case 2 -> i++; // drop a byte
                        case 3 -> out.writeBytes("{\"Category\":{\"nested\":[1,2]}}".getBytes(StandardCharsets.UTF_8));
                        default -> {
                            return out.toByteArray(); // truncated here
                        }
                    }
                }
            }
            if (i < data.length) {
                out.write(data[i]);
            }
        }
        return out.toByteArray();
    }

    @Test
    void theUsualShapeIsReadByTheFastPathAlone() throws IOException, AzJsonRows.Unusual {
        byte[] doc = document(new Random(1), 300).getBytes(StandardCharsets.UTF_8);
        List<RawRow> rows = new ArrayList<>();
        long n = new AzJsonRows(new ByteArrayInputStream(doc), PLAN_LIKE, rows::add).run();
        assertThat(n).isEqualTo(300);
        assertThat(rows).hasSize(300);
        assertThat(rows.get(0).position()).isEqualTo(1);
        assertThat(rows.get(299).position()).isEqualTo(300);
    }

    @Test
    void aNestedValueStopsTheFastPathAfterTheRowsBeforeIt() throws IOException {
        String doc = "[{\"Category\":\"a\"},{\"Category\":\"b\"},{\"Category\":{\"x\":1}},{\"Category\":\"d\"}]";
        List<RawRow> rows = new ArrayList<>();
        try {
            new AzJsonRows(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)), PLAN_LIKE, rows::add).run();
            throw new AssertionError("expected the fast path to give up");
        } catch (AzJsonRows.Unusual e) {
            assertThat(e.delivered()).isEqualTo(2);
        }
        assertThat(rows).extracting(row -> row.get("Category")).containsExactly("a", "b");
    }

    @Test
    void fileReadsEqualTheReferenceOnRandomAndMutatedDocuments(@TempDir Path dir) throws IOException {
        Random r = new Random(20261207);
        Path file = dir.resolve("rows.json");
        int fast = 0;
        int fellBack = 0;
        int fellBackAfterRows = 0;
        for (int i = 0; i < 2000; i++) {
            byte[] data = document(r, 1 + r.nextInt(12)).getBytes(StandardCharsets.UTF_8);
            if (i % 4 != 0) {
                data = mutate(r, data);
            }
            if (i % 5 == 0) {
                data = LogFileReaderTest.gzip(data);
            }
            Files.write(file, data);
            ColumnSelection columns = i % 3 == 0 ? ColumnSelection.all() : PLAN_LIKE;
            Result expected = viaStream(data, columns);
            Result actual = viaFile(file, columns);
            assertThat(actual.summary()).as("document %d: %s", i, new String(data, StandardCharsets.ISO_8859_1))
                    .isEqualTo(expected.summary());
            assertThat(actual.rows()).as("document %d: %s", i, new String(data, StandardCharsets.ISO_8859_1))
                    .isEqualTo(expected.rows());
            if (i % 5 != 0) { // not gzipped: the bytes are the document's
                try {
                    new AzJsonRows(new ByteArrayInputStream(skipToArray(data)), columns, row -> { }).run();
                    fast++;
                } catch (AzJsonRows.Unusual e) {
                    fellBack++;
                    fellBackAfterRows += e.delivered() > 0 ? 1 : 0;
                }
            }
        }
        assertThat(fast).as("documents the fast path read alone").isGreaterThan(400);
        assertThat(fellBack).as("documents left to the reference").isGreaterThan(400);
        assertThat(fellBackAfterRows).as("... after the fast path had delivered rows").isGreaterThan(200);
    }

    private static byte[] skipToArray(byte[] data) {
        int i = 0;
        while (i < data.length && data[i] != '[') {
            i++;
        }
        return java.util.Arrays.copyOfRange(data, i, data.length);
    }
}

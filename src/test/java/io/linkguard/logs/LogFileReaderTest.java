package io.linkguard.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogFileReaderTest {

    /** Rows and summary of one read. */
    record Result(ReadSummary summary, List<RawRow> rows) {
        RawRow row(int i) {
            return rows.get(i);
        }
    }

    static Result read(byte[] data) throws IOException {
        List<RawRow> rows = new ArrayList<>();
        ReadSummary s = LogFileReader.read(new ByteArrayInputStream(data), rows::add);
        assertThat(s.rows()).isEqualTo(rows.size());
        return new Result(s, rows);
    }

    static Result read(String text, boolean gzip) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return read(gzip ? gzip(bytes) : bytes);
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = LogFileReaderTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static final String PROPS_1 = "{\"deviceId\":\"dev-1\",\"protocol\":\"Amqp\",\"authType\":"
            + "\"{\\\"scope\\\":\\\"device\\\",\\\"type\\\":\\\"sas\\\"}\",\"maskedIpAddress\":\"203.0.113.XXX\","
            + "\"statusCode\":\"409\"}";

    // ---- portal CSV ----------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void portalCsvExportWithBomCrlfSuffixesAndQuotedJson(boolean gzip) throws IOException {
        byte[] data = resource("portal-export.csv");
        Result r = read(gzip ? gzip(data) : data);

        assertThat(r.summary().format()).isEqualTo(LogFormat.PORTAL_CSV);
        assertThat(r.summary().stoppedBecause()).isNull();
        assertThat(r.summary().warnings()).isEmpty();
        assertThat(r.rows()).hasSize(2);
        RawRow first = r.row(0);
        assertThat(first.position()).isEqualTo(1);
        assertThat(first.get("TenantId")).isEqualTo("9f1c2d3e-0000-4000-8000-000000000001"); // BOM stripped
        assertThat(first.get("TimeGenerated")).isEqualTo("11/26/2026, 4:17:45.123 PM"); // " [UTC]" stripped
        assertThat(first.get("TimeGenerated [UTC]")).isNull();
        assertThat(first.get("OperationName")).isEqualTo("deviceConnect");
        assertThat(first.get("ResultType")).isEqualTo("409002");
        assertThat(first.get("ResultDescription"))
                .isEqualTo("LinkCreationConflict: a link \"amqps://hub/devices/dev-1\" already exists");
        assertThat(first.get("properties_s")).isEqualTo(PROPS_1);
        assertThat(first.get("Type")).isEqualTo("AzureDiagnostics"); // last column: no CR left over

        RawRow second = r.row(1);
        assertThat(second.position()).isEqualTo(2);
        assertThat(second.get("ResultType")).isNull(); // empty cell
        assertThat(second.get("Level")).isEqualTo("Informational");
        assertThat(second.get("properties_s"))
                .isEqualTo("{\"deviceId\":\"Gerät-ü,\"quoted\"\"\r\nmulti-line\",\"protocol\":\"Mqtt\"}");
        assertThat(second.get("Type")).isEqualTo("AzureDiagnostics");
    }

    @Test
    void csvQuotingEdgeCases() throws IOException {
        String csv = "a [Local Time],\"b\",c\n"
                + "\"x,y\",\"say \"\"hi\"\"\",\"\"\n"     // comma inside, doubled quotes, empty quoted
                + "plain,\"line1\nline2\r\nline3\",\"\"\"\"\n" // LF and CRLF inside quotes; a lone quote
                + "\"\",,\r\n"                               // empty fields, CRLF
                + "u\"nquoted\",b2,c2\n";                    // quote inside unquoted field
        Result r = read(csv, false);
        assertThat(r.summary().stoppedBecause()).isNull();
        assertThat(r.summary().warnings()).isEmpty();
        assertThat(r.rows()).hasSize(4);
        assertThat(r.row(0).get("a")).isEqualTo("x,y");
        assertThat(r.row(0).get("b")).isEqualTo("say \"hi\"");
        assertThat(r.row(0).get("c")).isNull();
        assertThat(r.row(1).get("b")).isEqualTo("line1\nline2\r\nline3");
        assertThat(r.row(1).get("c")).isEqualTo("\"");
        assertThat(r.row(2).get("a")).isNull();
        assertThat(r.row(2).get("c")).isNull();
        assertThat(r.row(3).get("a")).isEqualTo("u\"nquoted\"");
        assertThat(r.row(3).get("c")).isEqualTo("c2");
        assertThat(r.rows()).extracting(RawRow::position).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void csvLoneCrLineEndingsTrailingNewlinesAndBlankLines() throws IOException {
        Result r = read("a,b\r1,2\r\r\n\n3,4\n\n\n", false);
        assertThat(r.rows()).hasSize(2);
        assertThat(r.row(1).get("a")).isEqualTo("3");
        assertThat(r.row(1).get("b")).isEqualTo("4");
        assertThat(r.summary().warnings()).isEmpty();
    }

    @Test
    void csvHeaderOnlyIsZeroRows() throws IOException {
        Result r = read("TimeGenerated [UTC],OperationName\r\n", false);
        assertThat(r.rows()).isEmpty();
        assertThat(r.summary().format()).isEqualTo(LogFormat.PORTAL_CSV);
        assertThat(r.summary().stoppedBecause()).isNull();
    }

    @Test
    void csvTextAfterClosingQuoteIsKeptWithWarning() throws IOException {
        Result r = read("a,b\n\"x\"y,z\n", false);
        assertThat(r.row(0).get("a")).isEqualTo("xy");
        assertThat(r.row(0).get("b")).isEqualTo("z");
        assertThat(r.summary().warnings()).hasSize(1);
    }

    @Test
    void csvWrongFieldCountIsDeliveredWithCappedWarnings() throws IOException {
        StringBuilder sb = new StringBuilder("a,b,c\n");
        sb.append("1,2\n");       // too few
        sb.append("1,2,3,4,5\n"); // too many
        for (int i = 0; i < 30; i++) {
            sb.append("x\n");
        }
        sb.append("ok1,ok2,ok3\n");
        Result r = read(sb.toString(), false);
        assertThat(r.rows()).hasSize(33);
        assertThat(r.row(0).get("b")).isEqualTo("2");
        assertThat(r.row(0).get("c")).isNull();
        assertThat(r.row(1).get("c")).isEqualTo("3");
        assertThat(r.row(32).get("c")).isEqualTo("ok3");
        List<String> w = r.summary().warnings();
        assertThat(w).hasSize(Warnings.CAP + 1);
        assertThat(w.get(0)).contains("row 1").contains("line 2").contains("expected 3 fields, found 2");
        assertThat(w.get(1)).contains("row 2").contains("found 5");
        assertThat(w.get(Warnings.CAP)).contains("12 more").contains("32 in all");
        assertThat(r.summary().stoppedBecause()).isNull();
    }

    @Test
    void csvUnterminatedQuoteKeepsEarlierRows() throws IOException {
        Result r = read("a,b\n1,2\n3,4\n5,\"never closed\n6,7\n", false);
        assertThat(r.rows()).hasSize(2);
        assertThat(r.row(1).get("b")).isEqualTo("4");
        assertThat(r.summary().stoppedBecause()).contains("unterminated").contains("line 4").contains("row 3");
    }

    @Test
    void csvFieldsSpanningBufferBoundariesAreExact() throws IOException {
        // Random quoted/unquoted fields of many lengths so that every construct straddles a 64 KiB refill.
        Random rnd = new Random(42);
        List<String[]> expected = new ArrayList<>();
        StringBuilder csv = new StringBuilder("id,props,tail\r\n");
        String alphabet = "abcxyzäö€\"\",\n\r{}: ";
        for (int i = 0; i < 4000; i++) {
            int len = rnd.nextInt(i % 50 == 0 ? 70_000 : 300);
            StringBuilder v = new StringBuilder();
            for (int k = 0; k < len; k++) {
                v.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            String props = v.toString();
            String tail = "t" + rnd.nextInt(1000);
            expected.add(new String[] {String.valueOf(i), props, tail});
            csv.append(i).append(",\"").append(props.replace("\"", "\"\"")).append("\",").append(tail)
                    .append(rnd.nextBoolean() ? "\r\n" : "\n");
        }
        for (boolean gz : new boolean[] {false, true}) {
            Result r = read(csv.toString(), gz);
            assertThat(r.summary().stoppedBecause()).isNull();
            assertThat(r.summary().warnings()).isEmpty();
            assertThat(r.rows()).hasSize(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                String[] e = expected.get(i);
                RawRow row = r.row(i);
                assertThat(row.get("id")).isEqualTo(e[0]);
                assertThat(row.get("props")).as("row %d", i).isEqualTo(e[1].isEmpty() ? null : e[1]);
                assertThat(row.get("tail")).isEqualTo(e[2]);
            }
        }
    }

    // ---- az CLI JSON ---------------------------------------------------------------------------------------

    private static final String AZ_CLI = "[\n"
            + "  {\n"
            + "    \"OperationName\": \"deviceConnect\",\n"
            + "    \"ResultType\": \"409002\",\n"
            + "    \"TableName\": \"PrimaryResult\",\n"
            + "    \"TimeGenerated\": \"2026-11-26T16:17:45.1234567Z\",\n"
            + "    \"properties_s\": " + quoteJson(PROPS_1) + "\n"
            + "  },\n"
            + "  {\n"
            + "    \"TableName\": \"PrimaryResult\",\n"
            + "    \"TimeGenerated\": \"2026-11-26T16:17:46Z\",\n"
            + "    \"properties_s\": \"{\\\"deviceId\\\":\\\"Gerät \\\\\\\"7\\\\\\\" \\u00fc\\\"}\",\n"
            + "    \"DurationMs\": 12.50,\n"
            + "    \"IsRetry\": true,\n"
            + "    \"ResultType\": null,\n"
            + "    \"Extra\": {\"a\": [1, \"b\"]}\n"
            + "  }\n"
            + "]\n";

    static String quoteJson(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void azCliJsonWithDifferingKeys(boolean gzip) throws IOException {
        Result r = read(AZ_CLI, gzip);
        assertThat(r.summary().format()).isEqualTo(LogFormat.AZ_CLI_JSON);
        assertThat(r.summary().stoppedBecause()).isNull();
        assertThat(r.summary().warnings()).isEmpty();
        assertThat(r.rows()).hasSize(2);

        RawRow a = r.row(0);
        assertThat(a.position()).isEqualTo(1);
        assertThat(a.get("OperationName")).isEqualTo("deviceConnect");
        assertThat(a.get("ResultType")).isEqualTo("409002");
        assertThat(a.get("TimeGenerated")).isEqualTo("2026-11-26T16:17:45.1234567Z");
        assertThat(a.get("properties_s")).isEqualTo(PROPS_1);
        assertThat(a.get("TableName")).isNull();
        assertThat(a.get("DurationMs")).isNull(); // column first seen in a later row

        RawRow b = r.row(1);
        assertThat(b.position()).isEqualTo(2);
        assertThat(b.get("OperationName")).isNull(); // absent in this object
        assertThat(b.get("ResultType")).isNull();
        assertThat(b.get("TimeGenerated")).isEqualTo("2026-11-26T16:17:46Z");
        assertThat(b.get("properties_s")).isEqualTo("{\"deviceId\":\"Gerät \\\"7\\\" ü\"}");
        assertThat(b.get("DurationMs")).isEqualTo("12.50");
        assertThat(b.get("IsRetry")).isEqualTo("true");
        assertThat(b.get("Extra")).isEqualTo("{\"a\":[1,\"b\"]}");
    }

    @Test
    void azCliEmptyArrayAndNonObjectElements() throws IOException {
        assertThat(read("[]", false).rows()).isEmpty();
        Result r = read("[{\"a\":\"1\"}, 42, null, {\"a\":\"2\"}]", false);
        assertThat(r.rows()).extracting(x -> x.get("a")).containsExactly("1", "2");
        assertThat(r.rows()).extracting(RawRow::position).containsExactly(1L, 4L);
        assertThat(r.summary().warnings()).hasSize(2);
    }

    @Test
    void brokenJsonMidFileKeepsEarlierRows() throws IOException {
        String json = "[\n{\"a\":\"1\"},\n{\"a\":\"2\"},\n{\"a\": \"3\" \"b\": 4},\n{\"a\":\"5\"}\n]";
        Result r = read(json, false);
        assertThat(r.rows()).extracting(x -> x.get("a")).containsExactly("1", "2");
        assertThat(r.summary().stoppedBecause()).startsWith("malformed JSON at line 4")
                .contains("byte offset").contains("after 2 rows");
    }

    @Test
    void truncatedJsonKeepsEarlierRows() throws IOException {
        String json = "[{\"a\":\"1\"},{\"a\":\"2\"},{\"a\":\"tru";
        Result r = read(json, true);
        assertThat(r.rows()).hasSize(2);
        assertThat(r.summary().stoppedBecause()).contains("malformed JSON").contains("after 2 rows");
    }

    // ---- Query API JSON ------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void queryApiWithDynamicValuesAndPartialError(boolean gzip) throws IOException {
        byte[] data = resource("query-api-partial.json");
        Result r = read(gzip ? gzip(data) : data);
        assertThat(r.summary().format()).isEqualTo(LogFormat.QUERY_API_JSON);
        // The rows stand, but a partial result is never complete: a limit cut it short.
        assertThat(r.summary().stoppedBecause()).startsWith("the query service reported an error, so its result may be partial")
                .contains("E_QUERY_RESULT_SET_TOO_LARGE");
        assertThat(r.rows()).hasSize(2);

        RawRow a = r.row(0);
        assertThat(a.get("TimeGenerated")).isEqualTo("2026-11-26T16:17:45.1234567Z");
        assertThat(a.get("OperationName")).isEqualTo("deviceConnect");
        assertThat(a.get("DurationMs")).isEqualTo("12");
        assertThat(a.get("properties_s")).isEqualTo("{\"deviceId\":\"dev-1\",\"protocol\":\"Amqp\"}");
        assertThat(a.get("props")).isEqualTo("{\"deviceId\":\"dev-1\",\"n\":1.50,\"tags\":[\"a\",null,true]}");
        assertThat(a.get("IsRetry")).isEqualTo("false");

        RawRow b = r.row(1);
        assertThat(b.position()).isEqualTo(2);
        assertThat(b.get("ResultType")).isNull();
        assertThat(b.get("DurationMs")).isNull();
        assertThat(b.get("properties_s")).isEqualTo("{\"deviceId\":\"d\\\"q\\u00fc\"}"); // escapes inside the string kept
        assertThat(b.get("props")).isEqualTo("[1,2.0e3,{\"x\":\"y\"}]");
        assertThat(b.get("_ResourceId")).endsWith("/iothubs/hub-1");

        assertThat(r.summary().warnings()).hasSize(1);
        assertThat(r.summary().warnings().get(0)).startsWith("partial result")
                .contains("PartialError").contains("E_QUERY_RESULT_SET_TOO_LARGE");
    }

    @Test
    void queryApiReadsEveryTableAndToleratesShortRows() throws IOException {
        String json = "{\"statistics\":{\"query\":{\"executionTime\":0.1}},\"tables\":["
                + "{\"name\":\"PrimaryResult\",\"columns\":[{\"name\":\"A\",\"type\":\"string\"},"
                + "{\"name\":\"B\",\"type\":\"long\"}],\"rows\":[[\"x\",1],[\"y\"],[\"z\",3,\"extra\"]]},"
                + "{\"name\":\"Other\",\"columns\":[{\"name\":\"A\",\"type\":\"string\"}],\"rows\":[[\"more\"]]}"
                + "]}";
        Result r = read(json, false);
        assertThat(r.rows()).extracting(x -> x.get("A")).containsExactly("x", "y", "z", "more");
        assertThat(r.rows()).extracting(RawRow::position).containsExactly(1L, 2L, 3L, 4L);
        assertThat(r.row(1).get("B")).isNull();
        assertThat(r.row(2).get("B")).isEqualTo("3");
        assertThat(r.row(3).get("B")).isNull();
        assertThat(r.summary().complete()).isTrue();
        assertThat(r.summary().warnings()).hasSize(3)
                .anySatisfy(w -> assertThat(w).contains("read table 'Other'"));
    }

    @Test
    void queryApiEmptyFirstTableDoesNotHideTheRowsOfTheNext() throws IOException {
        String json = "{\"tables\":[{\"name\":\"Empty\",\"columns\":[],\"rows\":[]},"
                + "{\"name\":\"PrimaryResult\",\"columns\":[{\"name\":\"A\"}],\"rows\":[[\"1\"],[\"2\"]]}]}";
        Result r = read(json, false);
        assertThat(r.rows()).extracting(x -> x.get("A")).containsExactly("1", "2");
        assertThat(r.summary().complete()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void queryApiRowsBeforeColumnsAreReadOnceTheColumnsArrive(boolean gzip) throws IOException {
        StringBuilder rowsJson = new StringBuilder();
        for (int i = 1; i <= 5000; i++) {
            rowsJson.append(i == 1 ? "" : ",").append("[\"").append(i).append("\",{\"k\":").append(i).append("}]");
        }
        String json = "{\"tables\":[{\"rows\":[" + rowsJson + "],\"name\":\"PrimaryResult\",\"columns\":"
                + "[{\"name\":\"A\",\"type\":\"string\"},{\"name\":\"P\",\"type\":\"dynamic\"}]}]}";
        Result r = read(json, gzip);
        assertThat(r.rows()).hasSize(5000);
        assertThat(r.row(0).get("A")).isEqualTo("1");
        assertThat(r.row(4999).get("P")).isEqualTo("{\"k\":5000}");
        assertThat(r.row(4999).position()).isEqualTo(5000);
        assertThat(r.summary().complete()).isTrue();
    }

    @Test
    void queryApiRowsWithoutAnyColumnsAreCountedAndTheReadIsIncomplete() throws IOException {
        Result r = read("{\"tables\":[{\"name\":\"PrimaryResult\",\"rows\":[[\"1\"],[\"2\"],[\"3\"]]}]}", false);
        assertThat(r.rows()).isEmpty();
        assertThat(r.summary().skipped()).containsEntry("rows-without-columns", 3L);
        assertThat(r.summary().rowsFound()).isEqualTo(3);
        assertThat(r.summary().stoppedBecause()).contains("tables[0] has 3 rows but no columns");
    }

    @Test
    void queryApiErrorOnlyIsZeroRowsAndIncomplete() throws IOException {
        Result r = read("{\"error\":{\"code\":\"BadArgumentError\",\"message\":\"The request had some invalid"
                + " properties\"}}", false);
        assertThat(r.rows()).isEmpty();
        assertThat(r.summary().stoppedBecause()).contains("BadArgumentError");
        assertThat(r.summary().warnings()).anySatisfy(w -> assertThat(w).contains("BadArgumentError"));
    }

    @Test
    void queryApiColumnsWithoutNameOrRepeatedAreNotReadAndWarnedOnce() throws IOException {
        String json = "{\"tables\":[{\"name\":\"PrimaryResult\",\"columns\":[{\"name\":\"A\"},{\"type\":\"string\"},"
                + "{\"name\":\"A\"},{\"name\":\"B\"}],\"rows\":[[\"1\",\"x\",\"2\",\"3\"]]}]}";
        Result r = read(json, false);
        assertThat(r.row(0).get("A")).isEqualTo("1");
        assertThat(r.row(0).get("B")).isEqualTo("3");
        assertThat(r.summary().warnings()).containsExactly("tables[0] column 2 has no name",
                "column 3 repeats column name 'A'; the first one is used");

        List<RawRow> rows = new ArrayList<>();
        LogFileReader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), ColumnSelection.of("B"),
                rows::add);
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.get("A")).isNull();
            assertThat(row.get("B")).isEqualTo("3");
        });
    }

    @Test
    void queryApiTruncatedMidRow() throws IOException {
        String json = "{\"tables\":[{\"name\":\"PrimaryResult\",\"columns\":[{\"name\":\"A\",\"type\":\"string\"}],"
                + "\"rows\":[[\"1\"],[\"2\"],[\"3";
        Result r = read(json, false);
        assertThat(r.rows()).extracting(x -> x.get("A")).containsExactly("1", "2");
        assertThat(r.summary().stoppedBecause()).contains("malformed JSON").contains("line 1");
    }

    // ---- detection, encodings, empty input -----------------------------------------------------------------

    @Test
    void detectionSkipsBomAndWhitespace() throws IOException {
        assertThat(read("\uFEFF \r\n\t[{\"a\":\"1\"}]", false).summary().format())
                .isEqualTo(LogFormat.AZ_CLI_JSON);
        assertThat(read("\uFEFF\n {\"tables\":[]}", true).summary().format())
                .isEqualTo(LogFormat.QUERY_API_JSON);
        Result csv = read("\n\nA,B\n1,2\n", true);
        assertThat(csv.summary().format()).isEqualTo(LogFormat.PORTAL_CSV);
        assertThat(csv.row(0).get("B")).isEqualTo("2");
        // A ".json" name or a '[' in a CSV cell does not matter: only the first significant byte does.
        assertThat(read("A,B\n[x],{y}\n", false).row(0).get("A")).isEqualTo("[x]");
    }

    @Test
    void utf16WithBomAsWrittenByWindowsPowerShell() throws IOException {
        String json = "\uFEFF[\r\n  {\"deviceId\": \"Gerät-1\", \"TableName\": \"PrimaryResult\"}\r\n]\r\n";
        Result r = read(json.getBytes(StandardCharsets.UTF_16LE));
        assertThat(r.summary().format()).isEqualTo(LogFormat.AZ_CLI_JSON);
        assertThat(r.row(0).get("deviceId")).isEqualTo("Gerät-1");

        Result csv = read(("\uFEFFA [UTC],B\r\n\"ä,ö\",2\r\n").getBytes(StandardCharsets.UTF_16BE));
        assertThat(csv.row(0).get("A")).isEqualTo("ä,ö");
    }

    @Test
    void emptyInputsAreZeroRowsAndNeverComplete() throws IOException {
        for (byte[] data : List.of(new byte[0], "  \r\n".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, gzip(new byte[0]))) {
            Result r = read(data);
            assertThat(r.rows()).isEmpty();
            assertThat(r.summary().format()).isEqualTo(LogFormat.UNRECOGNISED);
            assertThat(r.summary().stoppedBecause()).contains("the input is empty");
            assertThat(r.summary().complete()).isFalse();
        }
    }

    @Test
    void truncatedGzipKeepsEarlierRows() throws IOException {
        StringBuilder sb = new StringBuilder("n,props_s\n");
        Random rnd = new Random(7);
        for (int i = 1; i <= 20_000; i++) {
            sb.append(i).append(",\"{\"\"v\"\":").append(rnd.nextLong()).append("}\"\n");
        }
        byte[] gz = gzip(sb.toString().getBytes(StandardCharsets.UTF_8));
        for (int cut : new int[] {gz.length / 2, gz.length - 4, 11}) {
            Result r = read(Arrays.copyOf(gz, cut));
            assertThat(r.summary().stoppedBecause()).as("cut %d", cut).contains("gzip");
            for (int i = 0; i < r.rows().size(); i++) {
                assertThat(r.row(i).get("n")).isEqualTo(String.valueOf(i + 1));
            }
            if (cut == gz.length / 2) {
                assertThat(r.rows().size()).isGreaterThan(1000);
                assertThat(r.summary().stoppedBecause()).contains("compressed byte offset");
            }
        }
        // Header cut short: no rows, no exception.
        Result header = read(new byte[] {0x1f, (byte) 0x8b, 8});
        assertThat(header.rows()).isEmpty();
        assertThat(header.summary().stoppedBecause()).contains("gzip header");
    }

    @Test
    void corruptGzipDataIsReported() throws IOException {
        byte[] gz = gzip("a,b\n1,2\n".repeat(10_000).getBytes(StandardCharsets.UTF_8));
        for (int i = 40; i < 60; i++) {
            gz[i] ^= 0x5a;
        }
        Result r = read(gz);
        assertThat(r.summary().stoppedBecause()).containsAnyOf("gzip data of member 1 is corrupt",
                "gzip member 1 fails its CRC-32/length check");
    }

    // ---- resource logs: storage archive and Event Hubs -------------------------------------------------------

    /** A Connections record as IoT Hub's monitoring reference shows it (properties is a JSON string). */
    private static String record(int i, String code) {
        return "{\"time\":\"2026-11-20T08:00:" + String.format("%02d", i % 60) + ".0000000Z\",\"resourceId\":\"/SUBSCRIPTIONS/S/"
                + "RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.DEVICES/IOTHUBS/HUB-A\",\"operationName\":\"deviceDisconnect\","
                + "\"category\":\"Connections\",\"level\":\"Error\",\"resultType\":\"" + code + "\",\"resultDescription\":"
                + "\"LinkCreationConflict\",\"properties\":\"{\\\"deviceId\\\":\\\"dev-" + i + "\\\",\\\"protocol\\\":"
                + "\\\"Amqp\\\"}\",\"location\":\"westeurope\"}";
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void storageArchiveJsonLinesAreRowsWithAzureDiagnosticsColumns(boolean gzip) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            lines.append(record(i, "409002")).append(i % 2 == 0 ? "\r\n" : "\n");
        }
        Result r = read(lines.toString(), gzip);
        assertThat(r.summary().format()).isEqualTo(LogFormat.STORAGE_ARCHIVE_JSON);
        assertThat(r.summary().complete()).isTrue();
        assertThat(r.summary().warnings()).isEmpty();
        assertThat(r.rows()).hasSize(30);
        RawRow row = r.row(29);
        assertThat(row.position()).isEqualTo(30);
        assertThat(row.get("TimeGenerated")).isEqualTo("2026-11-20T08:00:29.0000000Z");
        assertThat(row.get("_ResourceId")).endsWith("/IOTHUBS/HUB-A");
        assertThat(row.get("OperationName")).isEqualTo("deviceDisconnect");
        assertThat(row.get("Category")).isEqualTo("Connections");
        assertThat(row.get("Level")).isEqualTo("Error");
        assertThat(row.get("ResultType")).isEqualTo("409002");
        assertThat(row.get("ResultDescription")).isEqualTo("LinkCreationConflict");
        assertThat(row.get("properties_s")).isEqualTo("{\"deviceId\":\"dev-29\",\"protocol\":\"Amqp\"}");
        // The same record with properties as an object (some pipelines re-serialise it) reads the same.
        Result object = read("{\"time\":\"2026-11-20T08:00:00Z\",\"category\":\"Connections\",\"properties\":{\"deviceId\":\"d\"}}", false);
        assertThat(object.row(0).get("properties_s")).isEqualTo("{\"deviceId\":\"d\"}");
    }

    @Test
    void eventHubsBatchesOfRecordsOneEventPerLine() throws IOException {
        StringBuilder events = new StringBuilder();
        for (int e = 0; e < 3; e++) {
            events.append("{\"records\":[");
            for (int i = 0; i < 10; i++) {
                events.append(i == 0 ? "" : ",").append(record(e * 10 + i, "400027"));
            }
            events.append("]}\n");
        }
        Result r = read(events.toString(), true);
        assertThat(r.summary().format()).isEqualTo(LogFormat.EVENT_HUBS_JSON);
        assertThat(r.summary().complete()).isTrue();
        assertThat(r.rows()).hasSize(30);
        assertThat(r.rows()).extracting(x -> x.get("ResultType")).containsOnly("400027");
        assertThat(r.rows()).extracting(RawRow::position).doesNotHaveDuplicates();
    }

    @Test
    void objectsThatAreNotRecordsAreCountedNotDelivered() throws IOException {
        Result r = read("{\"value\":[1,2]}\n" + record(1, "409002") + "\n7\n{}\n", false);
        assertThat(r.rows()).hasSize(1);
        assertThat(r.summary().skipped()).containsEntry("not-a-row", 3L);
        assertThat(r.summary().rowsFound()).isEqualTo(4);
    }

    @Test
    void anUnrecognisedJsonDocumentYieldsNoRowsAndSaysSo() throws IOException {
        Result r = read("{\"value\":[{\"id\":1}],\"nextLink\":null}", false);
        assertThat(r.rows()).isEmpty();
        assertThat(r.summary().skipped()).containsEntry("not-a-row", 1L);
        assertThat(r.summary().warnings()).singleElement().asString().contains("not a resource-log record");
    }

    // ---- appended documents, gzip members, truncation ------------------------------------------------------

    @Test
    void appendedAzCliOutputsAreAllRead() throws IOException {
        for (String joint : new String[] {"", "\n", "\r\n  "}) {
            Result r = read("[{\"a\":\"1\"},{\"a\":\"2\"}]" + joint + "[{\"a\":\"3\"}]", false);
            assertThat(r.rows()).extracting(x -> x.get("a")).containsExactly("1", "2", "3");
            assertThat(r.rows()).extracting(RawRow::position).containsExactly(1L, 2L, 3L);
            assertThat(r.summary().complete()).isTrue();
            assertThat(r.summary().warnings()).singleElement().asString().contains("another JSON document follows");
        }
        // Text after the document that is not JSON: the rows before it stand, the read is incomplete.
        Result junk = read("[{\"a\":\"1\"}]\nERROR: (AuthorizationFailed)\n", false);
        assertThat(junk.rows()).hasSize(1);
        assertThat(junk.summary().stoppedBecause()).contains("malformed JSON at line 2");
    }

    @Test
    void everyGzipMemberIsReadAndDataAfterTheStreamIsReported() throws IOException {
        byte[] first = gzip("A,B\n1,x\n2,y\n".getBytes(StandardCharsets.UTF_8));
        byte[] second = gzip("3,z\n".getBytes(StandardCharsets.UTF_8));
        Result both = read(concat(first, second));
        assertThat(both.rows()).extracting(x -> x.get("A")).containsExactly("1", "2", "3");
        assertThat(both.summary().complete()).isTrue();

        Result garbage = read(concat(first, "not gzip at all".getBytes(StandardCharsets.UTF_8)));
        assertThat(garbage.rows()).hasSize(2);
        assertThat(garbage.summary().stoppedBecause()).contains("is not gzip");

        Result padded = read(concat(first, new byte[512]));
        assertThat(padded.rows()).hasSize(2);
        assertThat(padded.summary().complete()).isTrue();
        assertThat(padded.summary().warnings()).singleElement().asString().contains("512 zero bytes");
    }

    @Test
    void aTruncatedSmallGzipKeepsTheRowsDecodedBeforeTheCut() throws IOException {
        StringBuilder csv = new StringBuilder("n,text\n");
        Random rnd = new Random(3);
        for (int i = 1; i <= 261; i++) {
            csv.append(i).append(",r").append(Long.toHexString(rnd.nextLong())).append('\n');
        }
        byte[] gz = gzip(csv.toString().getBytes(StandardCharsets.UTF_8));
        Result r = read(Arrays.copyOf(gz, gz.length - 12)); // the trailer and the last deflate bytes are gone
        assertThat(r.summary().stoppedBecause()).contains("gzip");
        assertThat(r.rows().size()).isGreaterThan(200); // was 0: the partial prefetch chunk was thrown away
        for (int i = 0; i < r.rows().size(); i++) {
            assertThat(r.row(i).get("n")).isEqualTo(String.valueOf(i + 1));
        }
    }

    @Test
    void aCsvRowCutByTheEndOfTheInputIsCountedNotUsed() throws IOException {
        String header = "TimeGenerated,Resource,OperationName,ResultType\n";
        Result r = read(header + "2026-11-20T08:00:00Z,HUB-A,deviceConnect,\n2026-11-20T08:00:01Z,hub-", false);
        assertThat(r.rows()).hasSize(1);
        assertThat(r.summary().skipped()).containsEntry("cut-row", 1L);
        assertThat(r.summary().stoppedBecause()).contains("the input ends inside row 2 (line 3, 2 of 4 fields)");
        // Cut inside the last field, the row has every field and names another hub: still not used.
        Result lastField = read(header + "2026-11-20T08:00:00Z,HUB-A,deviceConnect,\n2026-11-20T08:00:01Z,HUB-B-5,"
                + "deviceDisconnect,4090", false);
        assertThat(lastField.rows()).hasSize(1);
        assertThat(lastField.summary().skipped()).containsEntry("cut-row", 1L);
        assertThat(lastField.summary().complete()).isFalse();
        // With its line break, the same last row is whole.
        assertThat(read(header + "2026-11-20T08:00:00Z,HUB-A,deviceConnect,\r\n", false).summary().complete()).isTrue();
    }

    @Test
    void nonObjectArrayElementsAreCountedAsSkippedRows() throws IOException {
        Result r = read("[{\"a\":\"1\"}, 42, null, [1], {\"a\":\"2\"}]", false);
        assertThat(r.rows()).hasSize(2);
        assertThat(r.summary().skipped()).containsEntry("not-a-row", 3L);
        assertThat(r.summary().rowsFound()).isEqualTo(5);
    }

    @Test
    void aNamedPipeReadsLikeAFile(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("logs.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        byte[] data = gzip("A,B\n1,2\n3,4\n".getBytes(StandardCharsets.UTF_8));
        Thread writer = new Thread(() -> {
            try {
                Files.write(fifo, data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        writer.start();
        List<RawRow> rows = new ArrayList<>();
        ReadSummary s = LogFileReader.read(fifo, rows::add);
        writer.join(10_000);
        assertThat(rows).extracting(x -> x.get("B")).containsExactly("2", "4");
        assertThat(s.complete()).isTrue();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    // ---- files and errors ----------------------------------------------------------------------------------

    @Test
    void readsFilesAndReportsMissingOnesWithThePath(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("export.json"); // actually gzipped CSV: the name is irrelevant
        Files.write(file, gzip(resource("portal-export.csv")));
        List<RawRow> rows = new ArrayList<>();
        ReadSummary s = LogFileReader.read(file, rows::add);
        assertThat(s.format()).isEqualTo(LogFormat.PORTAL_CSV);
        assertThat(rows).hasSize(2);

        Path missing = dir.resolve("nope.csv");
        assertThatThrownBy(() -> LogFileReader.read(missing, rows::add))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void sinkExceptionsPropagate() {
        assertThatThrownBy(() -> LogFileReader.read(new ByteArrayInputStream("a\n1\n".getBytes()), row -> {
            throw new UncheckedIOException(new IOException("downstream full"));
        })).isInstanceOf(UncheckedIOException.class).hasMessageContaining("downstream full");
    }

    // ---- large generated streams ---------------------------------------------------------------------------

    /** Generates text lazily: never holds more than one row in memory. */
    static final class GeneratedStream extends InputStream {
        private final int rows;
        private final java.util.function.IntFunction<String> row;
        private final String head;
        private final String tail;
        private int next = -1;
        private byte[] chunk = new byte[0];
        private int at;

        GeneratedStream(String head, int rows, java.util.function.IntFunction<String> row, String tail) {
            this.head = head;
            this.rows = rows;
            this.row = row;
            this.tail = tail;
        }

        private boolean advance() {
            while (at >= chunk.length) {
                if (next > rows) {
                    return false;
                }
                String s = next < 0 ? head : next == rows ? tail : row.apply(next);
                next = next < 0 ? 0 : next + 1;
                chunk = s.getBytes(StandardCharsets.UTF_8);
                at = 0;
            }
            return true;
        }

        @Override
        public int read() {
            return advance() ? chunk[at++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            int n = 0;
            while (n < len && advance()) {
                int k = Math.min(len - n, chunk.length - at);
                System.arraycopy(chunk, at, b, off + n, k);
                at += k;
                n += k;
            }
            return n == 0 ? -1 : n;
        }
    }

    static final int LARGE = 300_000;

    static String props(int i) {
        return "{\"deviceId\":\"dev-" + i + "\",\"protocol\":\"Amqp\",\"authType\":\"{\\\"scope\\\":\\\"device\\\"}\","
                + "\"maskedIpAddress\":\"203.0.113.XXX\",\"statusCode\":\"409\"}";
    }

    /** Checks every row without keeping any. */
    static final class Checker implements java.util.function.Consumer<RawRow> {
        long count;

        @Override
        public void accept(RawRow r) {
            count++;
            if (r.position() != count) {
                throw new AssertionError("position " + r.position() + " != " + count);
            }
            int i = (int) count - 1;
            if (!("dev-" + i).equals(r.get("deviceId")) || !props(i).equals(r.get("properties_s"))) {
                throw new AssertionError("row " + count + " wrong: " + r);
            }
        }
    }

    @Test
    void largeGeneratedCsvStream() throws IOException {
        Checker c = new Checker();
        ReadSummary s = LogFileReader.read(new GeneratedStream(
                "\uFEFFTimeGenerated [UTC],deviceId,properties_s,Level\r\n", LARGE,
                i -> "2026-11-26T16:17:45.123Z,dev-" + i + ",\"" + props(i).replace("\"", "\"\"") + "\",Error\r\n",
                ""), c);
        assertThat(s.rows()).isEqualTo(LARGE);
        assertThat(c.count).isEqualTo(LARGE);
        assertThat(s.stoppedBecause()).isNull();
        assertThat(s.warnings()).isEmpty();
    }

    @Test
    void largeGeneratedAzCliStream() throws IOException {
        Checker c = new Checker();
        ReadSummary s = LogFileReader.read(new GeneratedStream("[\n", LARGE,
                i -> (i == 0 ? "" : ",\n") + "{\"TimeGenerated\":\"2026-11-26T16:17:45.123Z\",\"deviceId\":\"dev-" + i
                        + "\",\"properties_s\":" + quoteJson(props(i)) + ",\"TableName\":\"PrimaryResult\"}",
                "\n]\n"), c);
        assertThat(s.rows()).isEqualTo(LARGE);
        assertThat(c.count).isEqualTo(LARGE);
        assertThat(s.stoppedBecause()).isNull();
    }

    @Test
    void largeGeneratedQueryApiStream() throws IOException {
        Checker c = new Checker();
        ReadSummary s = LogFileReader.read(new GeneratedStream(
                "{\"tables\":[{\"name\":\"PrimaryResult\",\"columns\":[{\"name\":\"TimeGenerated\",\"type\":\"datetime\"},"
                        + "{\"name\":\"deviceId\",\"type\":\"string\"},{\"name\":\"properties_s\",\"type\":\"string\"}],"
                        + "\"rows\":[", LARGE,
                i -> (i == 0 ? "" : ",") + "[\"2026-11-26T16:17:45.123Z\",\"dev-" + i + "\"," + quoteJson(props(i)) + "]",
                "]}]}"), c);
        assertThat(s.rows()).isEqualTo(LARGE);
        assertThat(c.count).isEqualTo(LARGE);
        assertThat(s.stoppedBecause()).isNull();
    }
}

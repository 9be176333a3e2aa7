package io.linkguard.logs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Streaming reader for the JSON exports, on Jackson's {@link JsonParser}: the whole document is never
 * materialised; only one row (and a query API {@code error} object) is held at a time. The input is a sequence
 * of JSON documents (one, or several appended, or one per line), each recognised by its shape:
 * <ul>
 *   <li>an array: az CLI rows ({@link LogFormat#AZ_CLI_JSON});</li>
 *   <li>an object whose first field is {@code tables}, {@code error}, {@code statistics} or {@code render}: a
 *       query API response ({@link LogFormat#QUERY_API_JSON}), every table of it read;</li>
 *   <li>an object whose first field is {@code records}: an Event Hubs batch of resource-log records
 *       ({@link LogFormat#EVENT_HUBS_JSON});</li>
 *   <li>any other object: one resource-log record, as a storage account archive holds one per line
 *       ({@link LogFormat#STORAGE_ARCHIVE_JSON}).</li>
 * </ul>
 * Resource-log field names become AzureDiagnostics column names ({@link ResourceLogColumns}), so one row parser
 * serves every format.
 *
 * <p>Jackson's streaming JsonParser underneath; hand-written is only the walk over the export shapes. Not for
 * speed: HandWrittenPieces reads 577,128 rows/s against 549,408 for Jackson databind with a Map per object
 * (1.05x, within the noise). Kept because databind neither skips the unselected cells without building them
 * nor keeps the rows read before a break in the JSON (docs/benchmarks.md, "Hand-written pieces").
 */
final class JsonLogReader {
    static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    /** az CLI adds this to every object; it is not a column. */
    private static final String AZ_TABLE_NAME_KEY = "TableName";
    private static final Set<String> QUERY_API_FIELDS = Set.of("tables", "error", "statistics", "render");

    private final InputStream in;
    private final Charset charset;
    private final boolean gzip;
    private final long skippedBytes;
    private final ColumnSelection selection;
    private final Consumer<RawRow> sink;
    private final Warnings warnings;
    private final ReadSkips skips = new ReadSkips();
    private final List<String> missing = new ArrayList<>(); // why rows the input claims may be absent
    private LogFormat format;
    private long rows;
    private long position;

    // Columns of flat row objects (az CLI rows and resource-log records), grown as new names appear.
    private Map<String, Integer> objectIndex = Collections.emptyMap();
    private int objectColumns;
    private String[] scratch = new String[32];
    private RecentCells[] recent = newRecent(32);

    JsonLogReader(InputStream in, Charset charset, boolean gzip, long skippedBytes, ColumnSelection selection,
                  Consumer<RawRow> sink, Warnings warnings) {
        this.in = in;
        this.charset = charset;
        this.gzip = gzip;
        this.skippedBytes = skippedBytes;
        this.selection = selection;
        this.sink = sink;
        this.warnings = warnings;
    }

    ReadSummary run() throws IOException {
        JsonParser p = charset == StandardCharsets.UTF_8
                ? FACTORY.createParser(in)
                : FACTORY.createParser(new InputStreamReader(in, charset));
        String stopped = null;
        try (p) {
            long documents = 0;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                documents++;
                LogFormat kind = document(p, t);
                if (format == null) {
                    format = kind;
                } else if (documents == 2 && kind != LogFormat.STORAGE_ARCHIVE_JSON) {
                    warnings.add("another JSON document follows the first " + where(p.currentLocation())
                            + " (outputs appended?); every document is read");
                }
            }
        } catch (JsonProcessingException e) {
            stopped = "malformed JSON " + where(e.getLocation() != null ? e.getLocation() : p.currentLocation())
                    + " after " + rows + " rows: " + e.getOriginalMessage();
        } catch (CorruptInputException e) {
            stopped = e.getMessage() + "; stopped " + where(p.currentLocation()) + " after " + rows + " rows";
        }
        if (!missing.isEmpty()) {
            stopped = stopped == null ? String.join("; ", missing) : stopped + "; " + String.join("; ", missing);
        }
        return new ReadSummary(format == null ? LogFormat.UNRECOGNISED : format, rows, skips.counts(),
                warnings.toList(), stopped);
    }

    private String where(JsonLocation loc) {
        StringBuilder sb = new StringBuilder("at line ").append(loc.getLineNr())
                .append(", column ").append(loc.getColumnNr());
        long offset = loc.getByteOffset();
        if (offset >= 0) {
            sb.append(" (").append(gzip ? "uncompressed " : "").append("byte offset ")
                    .append(offset + skippedBytes).append(')');
        } else if (loc.getCharOffset() >= 0) {
            sb.append(" (char offset ").append(loc.getCharOffset()).append(')');
        }
        return sb.toString();
    }

    /** Reads one top-level JSON value; returns what kind of document it was. */
    private LogFormat document(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.START_ARRAY) {
            readRowArray(p);
            return LogFormat.AZ_CLI_JSON;
        }
        if (t != JsonToken.START_OBJECT) {
            notARow(p, "a top-level " + t + " " + where(p.currentLocation()) + " is not a log document");
            return LogFormat.UNRECOGNISED;
        }
        String first = p.nextFieldName();
        if (first == null) {
            notARow(p, "an empty JSON object " + where(p.currentLocation()) + " is not a log document");
            return LogFormat.UNRECOGNISED;
        }
        if (QUERY_API_FIELDS.contains(first)) {
            readQueryApi(p, first);
            return LogFormat.QUERY_API_JSON;
        }
        if ("records".equals(first)) {
            readRecords(p, first);
            return LogFormat.EVENT_HUBS_JSON;
        }
        readRowObject(p, first, true);
        return LogFormat.STORAGE_ARCHIVE_JSON;
    }

    /** Counts and warns about a value that is not a row, and skips it. */
    private void notARow(JsonParser p, String what) throws IOException {
        position++;
        skips.add(ReadSkips.NOT_A_ROW);
        warnings.add(what + "; skipped");
        p.skipChildren();
    }

    // ---- flat row objects: az CLI [ {col: value, ...}, ... ] and resource-log records ----------------------

    private void readRowArray(JsonParser p) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                notARow(p, "array element " + where(p.currentLocation()) + " is " + t + ", not a row object");
                continue;
            }
            readRowObject(p, p.nextFieldName(), false);
        }
    }

    /** An Event Hubs event body: {@code {"records":[...]}}; other fields are not rows. */
    private void readRecords(JsonParser p, String first) throws IOException {
        String name = first;
        do {
            JsonToken vt = p.nextToken();
            if (!"records".equals(name)) {
                p.skipChildren();
            } else if (vt != JsonToken.START_ARRAY) {
                notARow(p, "\"records\" " + where(p.currentLocation()) + " is " + vt + ", not an array");
            } else {
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (t != JsonToken.START_OBJECT) {
                        notARow(p, "record " + where(p.currentLocation()) + " is " + t + ", not a record object");
                        continue;
                    }
                    readRowObject(p, p.nextFieldName(), true);
                }
            }
        } while ((name = p.nextFieldName()) != null);
    }

    /**
     * Reads the object whose first field name was just read ({@code first}, null for an empty object) as a row.
     * A resource-log record without any of the fields every record has is counted as not a row.
     */
    private void readRowObject(JsonParser p, String first, boolean resourceLog) throws IOException {
        JsonLocation start = resourceLog ? p.currentLocation() : null; // only a record's warning names it
        Arrays.fill(scratch, 0, objectColumns, null);
        boolean looksLikeRecord = false;
        for (String field = first; field != null; field = p.nextFieldName()) {
            JsonToken vt = p.nextToken();
            String name = field;
            if (resourceLog) {
                name = ResourceLogColumns.columnOf(field);
                looksLikeRecord |= ResourceLogColumns.isRecordField(field);
            } else if (AZ_TABLE_NAME_KEY.equals(name)) {
                p.skipChildren();
                continue;
            }
            Integer i = objectIndex.get(name);
            if (i == null) {
                if (!selection.includes(name)) {
                    p.skipChildren(); // a scalar is skipped lazily, without building its text
                    continue;
                }
                // New column: copy-on-write so rows already delivered keep a consistent (immutable) map.
                Map<String, Integer> grown = new HashMap<>(Math.max(16, (objectColumns + 1) * 2));
                grown.putAll(objectIndex);
                i = objectColumns++;
                grown.put(selection.canonical(name), i);
                objectIndex = Collections.unmodifiableMap(grown);
                if (objectColumns > scratch.length) {
                    scratch = Arrays.copyOf(scratch, scratch.length * 2);
                    RecentCells[] more = newRecent(scratch.length);
                    System.arraycopy(recent, 0, more, 0, recent.length);
                    recent = more;
                }
            }
            scratch[i] = cellText(p, vt, recent[i]);
        }
        position++;
        if (resourceLog && !looksLikeRecord) {
            skips.add(ReadSkips.NOT_A_ROW);
            warnings.add("the JSON object " + where(start) + " is not a resource-log record (none of time,"
                    + " resourceId, operationName, category); skipped");
            return;
        }
        rows++;
        sink.accept(new RawRow(objectIndex, Arrays.copyOf(scratch, objectColumns), position));
    }

    // ---- Query API: {"tables":[{"name","columns":[{"name","type"}],"rows":[[...]]}], "error"?} ------------

    private void readQueryApi(JsonParser p, String first) throws IOException {
        boolean sawTables = false;
        String name = first;
        do {
            JsonToken vt = p.nextToken();
            switch (name) {
                case "tables" -> {
                    sawTables = true;
                    if (vt == JsonToken.START_ARRAY) {
                        readTables(p);
                    } else {
                        warnings.add("\"tables\" is " + vt + ", not an array; ignored");
                        p.skipChildren();
                    }
                }
                case "error" -> {
                    if (vt == JsonToken.VALUE_NULL) {
                        break;
                    }
                    String error = describeError(MAPPER.readTree(p));
                    warnings.add("partial result: the service reported an error: " + error);
                    missing.add("the query service reported an error, so its result may be partial: " + error);
                }
                default -> p.skipChildren();
            }
        } while ((name = p.nextFieldName()) != null);
        if (!sawTables) {
            warnings.add("no \"tables\" in the query response");
        }
    }

    /** "code: message" of the error and its innermost innererror, e.g. a partial-result explanation. */
    static String describeError(JsonNode error) {
        if (!error.isObject()) {
            return error.isTextual() ? error.asText() : error.toString();
        }
        StringBuilder sb = new StringBuilder();
        JsonNode e = error;
        int depth = 0;
        while (e != null && e.isObject() && depth++ < 10) {
            String code = e.path("code").asText("");
            String message = e.path("message").asText("");
            if (!code.isEmpty() || !message.isEmpty()) {
                if (sb.length() > 0) {
                    sb.append(" / ");
                }
                sb.append(code);
                if (!code.isEmpty() && !message.isEmpty()) {
                    sb.append(": ");
                }
                sb.append(message);
            }
            JsonNode inner = e.get("innererror");
            if (inner == null) {
                JsonNode details = e.get("details");
                inner = details != null && details.isArray() && details.size() > 0 ? details.get(0) : null;
            }
            e = inner;
        }
        return sb.length() > 0 ? sb.toString() : error.toString();
    }

    /** Every table is read: a query's results are all the tables it returns. */
    private void readTables(JsonParser p) throws IOException {
        int tableIdx = -1;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            tableIdx++;
            if (t != JsonToken.START_OBJECT) {
                warnings.add("tables[" + tableIdx + "] is " + t + ", not a table; skipped");
                p.skipChildren();
                continue;
            }
            readTable(p, tableIdx);
        }
    }

    private void readTable(JsonParser p, int tableIdx) throws IOException {
        String tableName = null;
        HeaderLayout header = null;
        Path early = null; // rows that came before the columns, spilled to disk until the columns are known
        boolean hasRows = false;
        try {
            String field;
            while ((field = p.nextFieldName()) != null) {
                JsonToken vt = p.nextToken();
                switch (field) {
                    case "name" -> tableName = p.getValueAsString();
                    case "columns" -> {
                        if (vt != JsonToken.START_ARRAY) {
                            warnings.add("tables[" + tableIdx + "].columns is not an array; ignored");
                            p.skipChildren();
                            break;
                        }
                        List<String> names = readColumnNames(p, tableIdx).stream().map(Columns::normalise).toList();
                        header = HeaderLayout.of(names, selection, (n, i) -> {
                            if (!n.isEmpty()) { // a column without a name was warned about while reading the names
                                warnings.add("column " + (i + 1) + " repeats column name '" + n + "'; the first one is used");
                            }
                        });
                    }
                    case "rows" -> {
                        if (vt != JsonToken.START_ARRAY) {
                            warnings.add("tables[" + tableIdx + "].rows is not an array; ignored");
                            p.skipChildren();
                        } else if (header != null) {
                            hasRows = readRows(p, header) > 0;
                        } else {
                            early = spill(p);
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (early != null) {
                hasRows = replay(early, header, tableIdx) > 0;
            }
        } finally {
            if (early != null) {
                Files.deleteIfExists(early);
            }
        }
        if (hasRows && tableName != null && !"PrimaryResult".equals(tableName)) {
            warnings.add("read table '" + tableName + "', which is not named PrimaryResult");
        }
    }

    /** Copies the rows array at the parser to a temporary file, streaming. */
    private static Path spill(JsonParser p) throws IOException {
        Path file = Files.createTempFile("linkguard-rows-", ".json");
        try (OutputStream out = Files.newOutputStream(file); JsonGenerator g = FACTORY.createGenerator(out)) {
            g.copyCurrentStructure(p);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return file;
    }

    /** Reads spilled rows now that the columns are known, or counts them when the table never named any. */
    private long replay(Path file, HeaderLayout header, int tableIdx) throws IOException {
        try (JsonParser q = FACTORY.createParser(file.toFile())) {
            q.nextToken();
            if (header != null) {
                return readRows(q, header);
            }
            long n = 0;
            while (q.nextToken() != JsonToken.END_ARRAY) {
                n++;
                q.skipChildren();
            }
            position += n;
            skips.add(ReadSkips.ROWS_WITHOUT_COLUMNS, n);
            if (n > 0) {
                missing.add("tables[" + tableIdx + "] has " + n + " rows but no columns: they could not be read");
            }
            return n;
        }
    }

    private List<String> readColumnNames(JsonParser p, int tableIdx) throws IOException {
        List<String> names = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            String name = null;
            if (t == JsonToken.START_OBJECT) {
                String f;
                while ((f = p.nextFieldName()) != null) {
                    p.nextToken();
                    if ("name".equals(f) || "ColumnName".equals(f)) {
                        name = p.getValueAsString();
                    }
                    p.skipChildren();
                }
            } else if (t == JsonToken.VALUE_STRING) {
                name = p.getText();
            } else {
                p.skipChildren();
            }
            if (name == null) {
                warnings.add("tables[" + tableIdx + "] column " + (names.size() + 1) + " has no name");
                name = "";
            }
            names.add(name);
        }
        return names;
    }

    /** Reads a rows array (the parser at its start); returns how many elements it had. */
    private long readRows(JsonParser p, HeaderLayout header) throws IOException {
        int[] slots = header.slots();
        Map<String, Integer> index = header.index();
        int columns = slots.length;
        RecentCells[] recentBySlot = newRecent(index.size());
        long found = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            found++;
            if (t != JsonToken.START_ARRAY) {
                notARow(p, "row " + found + " " + where(p.currentLocation()) + " is " + t + ", not an array of cells");
                continue;
            }
            String[] values = new String[index.size()];
            int i = 0;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (i < columns && slots[i] >= 0) {
                    values[slots[i]] = cellText(p, t, recentBySlot[slots[i]]);
                } else {
                    p.skipChildren();
                }
                i++;
            }
            if (i != columns) {
                warnings.add("row " + found + ": expected " + columns + " cells, found " + i
                        + (i < columns ? "; missing cells are empty" : "; extra cells ignored"));
            }
            position++;
            rows++;
            sink.accept(new RawRow(index, values, position));
        }
        return found;
    }

    // ---- cells -------------------------------------------------------------------------------------------

    private static RecentCells[] newRecent(int n) {
        RecentCells[] r = new RecentCells[n];
        Arrays.setAll(r, i -> new RecentCells());
        return r;
    }

    /** As {@link #cellText(JsonParser, JsonToken)}, a string shared with an earlier row of the column when equal. */
    private static String cellText(JsonParser p, JsonToken t, RecentCells recent) throws IOException {
        if (t == JsonToken.VALUE_STRING) {
            return recent.text(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        }
        return cellText(p, t);
    }

    /** A cell as text: strings as-is, numbers as written, booleans, null, nested JSON as compact JSON text. */
    static String cellText(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case VALUE_STRING:
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return p.getText();
            case VALUE_TRUE:
                return "true";
            case VALUE_FALSE:
                return "false";
            case VALUE_NULL:
                return null;
            case START_OBJECT:
            case START_ARRAY:
                return compactJson(p);
            default:
                return p.getText();
        }
    }

    /** Copies the structure starting at the current token to compact JSON text, keeping number text exact. */
    private static String compactJson(JsonParser p) throws IOException {
        StringWriter out = new StringWriter(64);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            int depth = 0;
            JsonToken t = p.currentToken();
            while (true) {
                switch (t) {
                    case START_OBJECT -> {
                        g.writeStartObject();
                        depth++;
                    }
                    case START_ARRAY -> {
                        g.writeStartArray();
                        depth++;
                    }
                    case END_OBJECT -> {
                        g.writeEndObject();
                        depth--;
                    }
                    case END_ARRAY -> {
                        g.writeEndArray();
                        depth--;
                    }
                    case FIELD_NAME -> g.writeFieldName(p.currentName());
                    case VALUE_STRING -> g.writeString(p.getText());
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> g.writeNumber(p.getText());
                    case VALUE_TRUE -> g.writeBoolean(true);
                    case VALUE_FALSE -> g.writeBoolean(false);
                    case VALUE_NULL -> g.writeNull();
                    default -> g.writeString(p.getText());
                }
                if (depth == 0) {
                    break;
                }
                t = p.nextToken();
                if (t == null) {
                    throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected end of input");
                }
            }
        }
        return out.toString();
    }
}

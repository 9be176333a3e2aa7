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
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Streaming readers for the two JSON shapes, on Jackson's {@link JsonParser}: the whole document is never
 * materialised; only one row (and a query API {@code error} object) is held at a time.
 */
final class JsonLogReader {
    static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    /** az CLI adds this to every object; it is not a column. */
    private static final String AZ_TABLE_NAME_KEY = "TableName";

    private final LogFormat format;
    private final InputStream in;
    private final Charset charset;
    private final boolean gzip;
    private final long skippedBytes;
    private final ColumnSelection selection;
    private final Consumer<RawRow> sink;
    private final Warnings warnings;
    private long rows;

    JsonLogReader(LogFormat format, InputStream in, Charset charset, boolean gzip, long skippedBytes,
                  ColumnSelection selection, Consumer<RawRow> sink, Warnings warnings) {
        this.format = format;
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
            if (format == LogFormat.AZ_CLI_JSON) {
                readAzCli(p);
            } else {
                readQueryApi(p);
            }
        } catch (JsonProcessingException e) {
            stopped = "malformed JSON " + where(e.getLocation() != null ? e.getLocation() : p.currentLocation())
                    + " after " + rows + " rows: " + e.getOriginalMessage();
        } catch (CorruptInputException e) {
            stopped = e.getMessage() + "; stopped " + where(p.currentLocation()) + " after " + rows + " rows";
        }
        return new ReadSummary(format, rows, warnings.toList(), stopped);
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

    // ---- az CLI: [ {col: value, ...}, ... ] -------------------------------------------------------------

    private void readAzCli(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_ARRAY) {
            throw new com.fasterxml.jackson.core.JsonParseException(p, "expected a JSON array of row objects");
        }
        Map<String, Integer> index = Collections.emptyMap();
        int columns = 0;
        String[] scratch = new String[32];
        long element = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            element++;
            if (t != JsonToken.START_OBJECT) {
                warnings.add("array element " + element + " is " + t + ", not a row object; skipped");
                p.skipChildren();
                continue;
            }
            Arrays.fill(scratch, 0, columns, null);
            String name;
            while ((name = p.nextFieldName()) != null) {
                JsonToken vt = p.nextToken();
                if (AZ_TABLE_NAME_KEY.equals(name)) {
                    p.skipChildren();
                    continue;
                }
                Integer i = index.get(name);
                if (i == null) {
                    if (!selection.includes(name)) {
                        p.skipChildren(); // a scalar is skipped lazily, without building its text
                        continue;
                    }
                    // New column: copy-on-write so rows already delivered keep a consistent (immutable) map.
                    Map<String, Integer> grown = new HashMap<>(Math.max(16, (columns + 1) * 2));
                    grown.putAll(index);
                    i = columns++;
                    grown.put(name, i);
                    index = Collections.unmodifiableMap(grown);
                    if (columns > scratch.length) {
                        scratch = Arrays.copyOf(scratch, scratch.length * 2);
                    }
                }
                scratch[i] = cellText(p, vt);
            }
            rows++;
            sink.accept(new RawRow(index, Arrays.copyOf(scratch, columns), element));
        }
    }

    // ---- Query API: {"tables":[{"name","columns":[{"name","type"}],"rows":[[...]]}], "error"?} ------------

    private void readQueryApi(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new com.fasterxml.jackson.core.JsonParseException(p, "expected a JSON object");
        }
        boolean sawTables = false;
        String name;
        while ((name = p.nextFieldName()) != null) {
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
                    JsonNode error = MAPPER.readTree(p);
                    warnings.add("partial result: the service reported an error: " + describeError(error));
                }
                default -> p.skipChildren();
            }
        }
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

    private void readTables(JsonParser p) throws IOException {
        int tableNo = 0;
        boolean read = false;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            tableNo++;
            if (t != JsonToken.START_OBJECT) {
                warnings.add("tables[" + (tableNo - 1) + "] is " + t + ", not a table; skipped");
                p.skipChildren();
                continue;
            }
            if (read) {
                warnings.add("only the first table is read; tables[" + (tableNo - 1) + "] ignored");
                p.skipChildren();
                continue;
            }
            read = readTable(p, tableNo - 1);
        }
    }

    /** Reads one table object; true if it was taken as the result table. */
    private boolean readTable(JsonParser p, int tableIdx) throws IOException {
        String tableName = null;
        Map<String, Integer> index = null;
        int[] slots = null;
        boolean taken = false;
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
                    HeaderLayout header = HeaderLayout.of(names, selection, (n, i) -> {
                        if (!n.isEmpty()) { // a column without a name was warned about while reading the names
                            warnings.add("column " + (i + 1) + " repeats column name '" + n + "'; the first one is used");
                        }
                    });
                    slots = header.slots();
                    index = header.index();
                }
                case "rows" -> {
                    taken = true;
                    if (vt != JsonToken.START_ARRAY) {
                        warnings.add("tables[" + tableIdx + "].rows is not an array; ignored");
                        p.skipChildren();
                    } else if (index == null) {
                        warnings.add("tables[" + tableIdx + "] lists its rows before its columns; rows"
                                + " skipped (not supported by the streaming reader)");
                        p.skipChildren();
                    } else {
                        readRows(p, index, slots);
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (tableName != null && !"PrimaryResult".equals(tableName) && taken) {
            warnings.add("read table '" + tableName + "', which is not named PrimaryResult");
        }
        return taken || index != null;
    }

    private List<String> readColumnNames(JsonParser p, int tableIdx) throws IOException {
        List<String> names = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            String name = null;
            if (t == JsonToken.START_OBJECT) {
                String f;
                while ((f = p.nextFieldName()) != null) {
                    JsonToken vt = p.nextToken();
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

    private void readRows(JsonParser p, Map<String, Integer> index, int[] slots) throws IOException {
        int columns = slots.length;
        long rowNo = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            rowNo++;
            if (t != JsonToken.START_ARRAY) {
                warnings.add("row " + rowNo + " is " + t + ", not an array of cells; skipped");
                p.skipChildren();
                continue;
            }
            String[] values = new String[index.size()];
            int i = 0;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (i < columns && slots[i] >= 0) {
                    values[slots[i]] = cellText(p, t);
                } else {
                    p.skipChildren();
                }
                i++;
            }
            if (i != columns) {
                warnings.add("row " + rowNo + ": expected " + columns + " cells, found " + i
                        + (i < columns ? "; missing cells are empty" : "; extra cells ignored"));
            }
            rows++;
            sink.accept(new RawRow(index, values, rowNo));
        }
    }

    // ---- cells -------------------------------------------------------------------------------------------

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

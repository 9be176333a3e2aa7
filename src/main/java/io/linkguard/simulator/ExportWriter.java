package io.linkguard.simulator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Writes simulated rows in one export format, streaming. */
public final class ExportWriter implements Closeable {
    static final String[] COLUMNS = {"TenantId", "TimeGenerated", "ResourceId", "Category", "ResourceGroup",
            "SubscriptionId", "ResourceProvider", "Resource", "ResourceType", "OperationName", "ResultType", "Level",
            "Location", "ResultDescription", "properties_s", "SourceSystem", "Type", "_ResourceId"};
    private static final String TENANT = "72f988bf-0000-4000-8000-2d7cd011db47";
    private static final String SUBSCRIPTION = "00000000-1111-2222-3333-444444444444";
    private static final DateTimeFormatter PORTAL_TIME =
            DateTimeFormatter.ofPattern("M/d/yyyy, h:mm:ss.SSS a", Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO_7 =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'0000Z'").withZone(ZoneOffset.UTC);

    /** Records per Event Hubs event (the service batches records; 1 MB per event at most). */
    static final int RECORDS_PER_EVENT = 50;

    private final ExportFormat format;
    private final Writer csv;
    private final JsonGenerator json;
    private int inEvent;

    public ExportWriter(ExportFormat format, OutputStream out) throws IOException {
        this.format = format;
        if (format == ExportFormat.PORTAL_CSV) {
            csv = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            json = null;
            csv.write('\uFEFF');
            for (int i = 0; i < COLUMNS.length; i++) {
                csv.write(i == 0 ? "" : ",");
                csv.write(COLUMNS[i].equals("TimeGenerated") ? "TimeGenerated [UTC]" : COLUMNS[i]);
            }
            csv.write("\r\n");
        } else {
            csv = null;
            json = new JsonFactory().createGenerator(out);
            json.setRootValueSeparator(null); // one document per line, separated by the line breaks written below
            if (format == ExportFormat.QUERY_API_JSON) {
                json.writeStartObject();
                json.writeArrayFieldStart("tables");
                json.writeStartObject();
                json.writeStringField("name", "PrimaryResult");
                json.writeArrayFieldStart("columns");
                for (String c : COLUMNS) {
                    json.writeStartObject();
                    json.writeStringField("name", c);
                    json.writeStringField("type", c.equals("TimeGenerated") ? "datetime" : "string");
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeArrayFieldStart("rows");
            } else if (format == ExportFormat.AZ_CLI_JSON) {
                json.writeStartArray();
            }
        }
    }

    public void write(SimRow row) throws IOException {
        String[] values = values(row);
        switch (format) {
            case PORTAL_CSV -> {
                for (int i = 0; i < values.length; i++) {
                    if (i > 0) {
                        csv.write(',');
                    }
                    csv.write(csvField(values[i]));
                }
                csv.write("\r\n");
            }
            case AZ_CLI_JSON -> {
                json.writeStartObject();
                for (int i = 0; i < values.length; i++) {
                    json.writeStringField(COLUMNS[i], values[i]);
                }
                json.writeStringField("TableName", "PrimaryResult");
                json.writeEndObject();
            }
            case QUERY_API_JSON -> {
                json.writeStartArray();
                for (String v : values) {
                    json.writeString(v);
                }
                json.writeEndArray();
            }
            case STORAGE_ARCHIVE_JSON -> {
                writeRecord(values);
                json.writeRaw('\n');
            }
            case EVENT_HUBS_JSON -> {
                if (inEvent == 0) {
                    json.writeStartObject();
                    json.writeArrayFieldStart("records");
                }
                writeRecord(values);
                if (++inEvent == RECORDS_PER_EVENT) {
                    endEvent();
                }
            }
        }
    }

    /**
     * One resource-log record in the schema diagnostic settings write to storage and Event Hubs (Azure Monitor's
     * top-level resource-log schema; IoT Hub's Connections example in its monitoring reference): properties is a
     * JSON string, resultType and resultDescription appear on errors only.
     */
    private void writeRecord(String[] v) throws IOException {
        json.writeStartObject();
        json.writeStringField("time", v[1]);
        json.writeStringField("resourceId", v[2]);
        json.writeStringField("operationName", v[9]);
        json.writeStringField("category", v[3]);
        json.writeStringField("level", v[11]);
        if (!v[10].isEmpty()) {
            json.writeStringField("resultType", v[10]);
        }
        if (!v[13].isEmpty()) {
            json.writeStringField("resultDescription", v[13]);
        }
        json.writeStringField("properties", v[14]);
        json.writeStringField("location", v[12]);
        json.writeEndObject();
    }

    private void endEvent() throws IOException {
        json.writeEndArray();
        json.writeEndObject();
        json.writeRaw('\n');
        inEvent = 0;
    }

    private String[] values(SimRow row) {
        String resourceId = "/SUBSCRIPTIONS/" + SUBSCRIPTION.toUpperCase(Locale.ROOT)
                + "/RESOURCEGROUPS/RG-IOT/PROVIDERS/MICROSOFT.DEVICES/IOTHUBS/" + row.hub().toUpperCase(Locale.ROOT);
        String time = row.timeText() != null ? row.timeText()
                : format == ExportFormat.PORTAL_CSV ? PORTAL_TIME.format(Instant.ofEpochMilli(row.timeMillis()))
                : ISO_7.format(Instant.ofEpochMilli(row.timeMillis()));
        return new String[] {TENANT, time, resourceId, row.category(), "RG-IOT", SUBSCRIPTION, "MICROSOFT.DEVICES",
                row.hub().toUpperCase(Locale.ROOT), "IOTHUBS", row.operation(),
                row.resultType() == null ? "" : row.resultType(), row.level(), "westeurope",
                row.resultDescription() == null ? "" : row.resultDescription(), row.propertiesJson(), "Azure",
                "AzureDiagnostics", resourceId.toLowerCase(Locale.ROOT)};
    }

    private static String csvField(String v) {
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
            return v;
        }
        return '"' + v.replace("\"", "\"\"") + '"';
    }

    @Override
    public void close() throws IOException {
        if (csv != null) {
            csv.close();
            return;
        }
        if (format == ExportFormat.EVENT_HUBS_JSON && inEvent > 0) {
            endEvent();
        }
        if (format == ExportFormat.AZ_CLI_JSON || format == ExportFormat.QUERY_API_JSON) {
            json.writeEndArray();
        }
        if (format == ExportFormat.QUERY_API_JSON) {
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
        }
        json.close();
    }
}

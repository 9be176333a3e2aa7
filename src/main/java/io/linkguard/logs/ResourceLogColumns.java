package io.linkguard.logs;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Resource-log record fields (the schema diagnostic settings write to storage archives and Event Hubs) as the
 * AzureDiagnostics columns Log Analytics stores them in: {@code time} is {@code TimeGenerated},
 * {@code properties} is {@code properties_s} and so on. Names are matched without regard to case; a field with no
 * counterpart keeps its own name. Source: Azure Monitor "Common and service-specific schemas for Azure resource
 * logs" (top-level schema) and IoT Hub's monitoring reference (Connections category).
 */
final class ResourceLogColumns {
    private static final Map<String, String> COLUMNS = Map.ofEntries(
            Map.entry("time", "TimeGenerated"),
            Map.entry("resourceid", "_ResourceId"),
            Map.entry("operationname", "OperationName"),
            Map.entry("category", "Category"),
            Map.entry("level", "Level"),
            Map.entry("resulttype", "ResultType"),
            Map.entry("resultdescription", "ResultDescription"),
            Map.entry("properties", "properties_s"),
            Map.entry("location", "Location"),
            Map.entry("durationms", "DurationMs"),
            Map.entry("calleripaddress", "CallerIPAddress"),
            Map.entry("correlationid", "CorrelationId"));

    /** Fields every resource-log record carries; an object with none of them is not a record. */
    private static final Set<String> RECORD_FIELDS = Set.of("time", "resourceid", "operationname", "category");

    private ResourceLogColumns() {
    }

    static String columnOf(String field) {
        return COLUMNS.getOrDefault(field.toLowerCase(Locale.ROOT), field);
    }

    static boolean isRecordField(String field) {
        return RECORD_FIELDS.contains(field.toLowerCase(Locale.ROOT));
    }
}

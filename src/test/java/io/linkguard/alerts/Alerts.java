package io.linkguard.alerts;

import java.util.ArrayList;
import java.util.List;

/** Common-schema payloads of a log search alert (Log Alerts V2), as an action group posts them. */
public final class Alerts {
    private Alerts() {
    }

    /** One allOf entry per dimension set; each set is name/value pairs. */
    public static String logAlert(String monitorCondition, List<List<String[]>> dimensionSets) {
        List<String> entries = new ArrayList<>();
        for (List<String[]> dims : dimensionSets) {
            List<String> ds = new ArrayList<>();
            for (String[] d : dims) {
                ds.add("{\"name\":" + json(d[0]) + ",\"value\":" + json(d[1]) + "}");
            }
            entries.add("""
                    {"searchQuery":"AzureDiagnostics | where ResultType == '409002' | summarize count() by deviceId",
                     "metricMeasureColumn":null,"targetResourceTypes":"['Microsoft.OperationalInsights/workspaces']",
                     "operator":"GreaterThan","threshold":"10","timeAggregation":"Count","metricValue":42.0,
                     "dimensions":[%s]}""".formatted(String.join(",", ds)));
        }
        return """
                {"schemaId":"azureMonitorCommonAlertSchema","data":{
                  "essentials":{"alertId":"/subscriptions/0a1b2c3d-1111-2222-3333-444455556666/providers/Microsoft.AlertsManagement/alerts/7f3a",
                    "alertRule":"linkguard-409002-by-device","severity":"Sev3","signalType":"Log","monitorCondition":"%s",
                    "monitoringService":"Log Alerts V2","firedDateTime":"2026-11-26T10:15:00.123Z","essentialsVersion":"1.0",
                    "alertContextVersion":"1.0"},
                  "alertContext":{"properties":{},"conditionType":"LogQueryCriteria","condition":{"windowSize":"PT15M",
                    "allOf":[%s],"windowStartTime":"2026-11-26T10:00:00Z","windowEndTime":"2026-11-26T10:15:00Z"}},
                  "customProperties":{}}}""".formatted(monitorCondition, String.join(",", entries));
    }

    public static List<String[]> dims(String[]... dimensions) {
        return List.of(dimensions);
    }

    public static String[] dim(String name, String value) {
        return new String[] {name, value};
    }

    static String json(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}

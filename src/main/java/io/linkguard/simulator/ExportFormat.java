package io.linkguard.simulator;

/** The five export formats LinkGuard reads, as the simulator writes them. */
public enum ExportFormat {
    /** The portal's CSV export of AzureDiagnostics rows ("TimeGenerated [UTC]", US date format). */
    PORTAL_CSV("connections.csv"),
    /** What {@code az monitor log-analytics query -o json} prints: a JSON array of row objects. */
    AZ_CLI_JSON("connections.az.json"),
    /** The Log Analytics query API response: {"tables":[{"columns":[...],"rows":[[...]]}]}. */
    QUERY_API_JSON("connections.query.json"),
    /** A diagnostic setting's storage archive (PT1H.json): one resource-log record per line. */
    STORAGE_ARCHIVE_JSON("connections.archive.json"),
    /** A diagnostic setting's Event Hubs stream: one {"records":[...]} event per line. */
    EVENT_HUBS_JSON("connections.eventhubs.json");

    private final String fileName;

    ExportFormat(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }
}

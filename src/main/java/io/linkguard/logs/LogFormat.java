package io.linkguard.logs;

/** The export formats {@link LogFileReader} understands (each optionally gzipped). */
public enum LogFormat {
    /** {@code az monitor log-analytics query -o json}: a JSON array of flat objects, one per row. */
    AZ_CLI_JSON,
    /** Log Analytics query API response: {@code {"tables":[{"name","columns","rows"}]}}. */
    QUERY_API_JSON,
    /** Azure portal "Export to CSV": header line then RFC 4180 records. */
    PORTAL_CSV,
    /**
     * A diagnostic setting's archive in a storage account ({@code PT1H.json}): one resource-log record per line,
     * fields {@code time, resourceId, operationName, category, level, resultType, resultDescription, properties}.
     */
    STORAGE_ARCHIVE_JSON,
    /** A diagnostic setting's stream to Event Hubs: {@code {"records":[ resource-log records ]}} per event. */
    EVENT_HUBS_JSON,
    /** Nothing LinkGuard reads: no rows were taken from it ({@link ReadSummary#stoppedBecause()} says why). */
    UNRECOGNISED
}

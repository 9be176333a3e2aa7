package io.linkguard.logs;

/** The export formats {@link LogFileReader} understands (each optionally gzipped). */
public enum LogFormat {
    /** {@code az monitor log-analytics query -o json}: a JSON array of flat objects, one per row. */
    AZ_CLI_JSON,
    /** Log Analytics query API response: {@code {"tables":[{"name","columns","rows"}]}}. */
    QUERY_API_JSON,
    /** Azure portal "Export to CSV": header line then RFC 4180 records. */
    PORTAL_CSV
}

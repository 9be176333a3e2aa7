package io.linkguard.loganalytics;

import java.time.Duration;

/**
 * The one seam between LinkGuard and a Log Analytics query endpoint. Today's implementation uses
 * azure-monitor-query; its successor azure-monitor-query-logs has the same shape and wire protocol,
 * so swapping it means writing one more implementation of this interface.
 */
public interface LogQueryRunner {

    /**
     * Runs a KQL query over the given TimeGenerated span (ending now).
     *
     * @throws LogQueryException when the query failed, timed out or was throttled beyond the retries
     */
    QueryResult run(String kql, Duration timespan);
}

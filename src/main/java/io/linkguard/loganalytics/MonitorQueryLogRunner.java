package io.linkguard.loganalytics;

import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RequestRetryCondition;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.http.rest.Response;
import com.azure.core.models.ResponseError;
import com.azure.core.util.ClientOptions;
import com.azure.core.util.Context;
import com.azure.json.JsonSerializable;
import com.azure.monitor.query.LogsQueryClient;
import com.azure.monitor.query.LogsQueryClientBuilder;
import com.azure.monitor.query.models.LogsColumnType;
import com.azure.monitor.query.models.LogsQueryOptions;
import com.azure.monitor.query.models.LogsQueryResult;
import com.azure.monitor.query.models.LogsQueryResultStatus;
import com.azure.monitor.query.models.LogsTable;
import com.azure.monitor.query.models.LogsTableCell;
import com.azure.monitor.query.models.LogsTableColumn;
import com.azure.monitor.query.models.LogsTableRow;
import com.azure.monitor.query.models.QueryTimeInterval;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkguard.logs.RawRow;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * {@link LogQueryRunner} on azure-monitor-query 1.5.2's {@link LogsQueryClient} (sync).
 *
 * <p>What it adds to the SDK: a bounded server timeout ({@code Prefer: wait=N}); partial results kept
 * and flagged instead of dropped; exponential back-off with jitter on 408/429/5xx that honours
 * {@code Retry-After} (azure-core's {@code RetryPolicy} via {@link RetryOptions}); a client-side
 * {@link QueryRateLimiter} in front of every attempt; rows turned into {@link RawRow} text cells; and
 * one exception type ({@link LogQueryException}) whose message names the workspace/resource and the
 * HTTP status and service error code, never a token.
 *
 * <p>Known 1.5.2 behaviour it works around: {@code LogsTable.getColumns()} comes back empty, so column
 * names are taken from the cells; the sync client never throws on a partial error, so the result
 * status is checked here; the SDK sets a per-request response timeout of server timeout + 5 s itself.
 *
 * <p><b>Swapping to azure-monitor-query-logs</b> (same wire protocol, same client shape): replace the
 * dependency, change the imports {@code com.azure.monitor.query.LogsQueryClient(Builder)} and
 * {@code com.azure.monitor.query.models.*} to {@code com.azure.monitor.query.logs.*} and
 * {@code com.azure.monitor.query.logs.models.*}, and re-run {@code MonitorQueryLogRunnerTest}: it
 * drives the real client against a stub that speaks the REST API, so it checks the new library too.
 * Keep this class as is otherwise; nothing else in LinkGuard sees the SDK types.
 */
public final class MonitorQueryLogRunner implements LogQueryRunner {

    /** The public cloud's query endpoint; the SDK's paths ({@code /workspaces/{id}/query}) hang off /v1. */
    public static final String DEFAULT_ENDPOINT = "https://api.loganalytics.io/v1";
    /** Long enough for an aggregated day of Connections logs, short of a Functions timer's budget. */
    public static final Duration DEFAULT_SERVER_TIMEOUT = Duration.ofMinutes(3);
    /** The query API's own ceiling. */
    public static final Duration MAX_SERVER_TIMEOUT = Duration.ofMinutes(10);
    public static final int DEFAULT_MAX_RETRIES = 4;
    /**
     * Back-off about 1 s, 2 s, 4 s, 8 s (azure-core ExponentialBackoff: 2^n × base, ±5 % jitter,
     * capped at 30 s). A Retry-After / retry-after-ms header on the response replaces it (uncapped).
     */
    public static final Duration DEFAULT_BASE_DELAY = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DETAIL_CHARS = 500;

    private final String workspaceId;
    private final String resourceId;
    private final LogsQueryClient client;
    private final LogsQueryOptions options;

    private MonitorQueryLogRunner(Builder b) {
        this.workspaceId = b.workspaceId;
        this.resourceId = b.resourceId;
        this.options = new LogsQueryOptions()
                // Prefer: wait=N. Without it the service default applies and the SDK sets no client
                // response timeout of its own (with it: N + 5 s).
                .setServerTimeout(b.serverTimeout)
                // Keep what the service did compute when it hit a limit; QueryResult.partialError
                // tells callers not to treat it as complete.
                .setAllowPartialErrors(true);

        ExponentialBackoffOptions backoff = new ExponentialBackoffOptions()
                .setMaxRetries(b.maxRetries)
                .setBaseDelay(b.baseDelay)
                .setMaxDelay(b.maxDelay);
        LogsQueryClientBuilder builder = new LogsQueryClientBuilder()
                .endpoint(b.endpoint)
                .credential(b.credential)
                // azure-core RetryPolicy: exponential back-off with jitter; Retry-After /
                // retry-after-ms / x-ms-retry-after-ms from the response take precedence.
                .retryOptions(new RetryOptions(backoff).setShouldRetryCondition(MonitorQueryLogRunner::shouldRetry))
                // PER_RETRY: every attempt, retries included, counts against the per-identity limit.
                .addPolicy(new RateLimitPolicy(b.rateLimiter))
                // Shows up in the User-Agent, so service-side logs can tell LinkGuard's queries apart.
                .clientOptions(new ClientOptions().setApplicationId("linkguard"));
        if (b.httpClient != null) {
            builder.httpClient(b.httpClient);
        }
        // Built once: the pipeline, token cache and connection pool are reused by every run().
        this.client = builder.buildClient();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public QueryResult run(String kql, Duration timespan) {
        Objects.requireNonNull(kql, "kql");
        Objects.requireNonNull(timespan, "timespan");
        if (timespan.isNegative() || timespan.isZero()) {
            throw new IllegalArgumentException("timespan must be positive: " + timespan);
        }
        // Sent as "timespan": "PT1H" (an ISO-8601 duration ending now).
        QueryTimeInterval interval = new QueryTimeInterval(timespan);
        LogsQueryResult result;
        try {
            Response<LogsQueryResult> response = workspaceId != null
                    ? client.queryWorkspaceWithResponse(workspaceId, kql, interval, options, Context.NONE)
                    : client.queryResourceWithResponse(resourceId, kql, interval, options, Context.NONE);
            result = response.getValue();
        } catch (LogQueryException e) {
            throw e;
        } catch (HttpResponseException e) {
            throw new LogQueryException(target() + ": " + describe(e), e);
        } catch (RuntimeException e) {
            if (isTimeout(e)) {
                throw new LogQueryException(target() + ": no response within the client timeout ("
                        + "server timeout " + options.getServerTimeout().toSeconds() + " s + 5 s)", e);
            }
            throw new LogQueryException(target() + ": request failed: " + summary(e), e);
        }
        if (result == null) {
            throw new LogQueryException(target() + ": empty response");
        }
        LogsQueryResultStatus status = result.getQueryResultStatus();
        ResponseError error = result.getError();
        if (status == LogsQueryResultStatus.FAILURE) {
            throw new LogQueryException(target() + ": query failed: " + errorText(error));
        }
        String partial = status == LogsQueryResultStatus.PARTIAL_FAILURE ? errorText(error) : null;
        List<LogsTable> tables = result.getAllTables();
        List<RawRow> rows = tables == null || tables.isEmpty() ? List.of() : toRows(tables.get(0));
        return new QueryResult(rows, partial);
    }

    /** "workspace <id>" or "resource <id>", for messages. */
    public String target() {
        return workspaceId != null ? "Log Analytics workspace " + workspaceId : "Azure resource " + resourceId;
    }

    // ---- rows ------------------------------------------------------------------------------------

    static List<RawRow> toRows(LogsTable table) {
        List<LogsTableRow> tableRows = table.getRows();
        if (tableRows == null || tableRows.isEmpty()) {
            return List.of();
        }
        Map<String, Integer> columnIndex = columnIndex(table);
        List<RawRow> rows = new ArrayList<>(tableRows.size());
        long position = 0;
        for (LogsTableRow row : tableRows) {
            String[] values = new String[columnIndex.size()];
            for (LogsTableCell cell : row.getRow()) {
                Integer i = columnIndex.get(cell.getColumnName());
                if (i != null) {
                    values[i] = cellText(cell);
                }
            }
            rows.add(new RawRow(columnIndex, values, ++position));
        }
        return Collections.unmodifiableList(rows);
    }

    /** One map for all rows of the table. 1.5.2 leaves getColumns() empty: fall back to the cells. */
    private static Map<String, Integer> columnIndex(LogsTable table) {
        Map<String, Integer> index = new LinkedHashMap<>();
        List<LogsTableColumn> columns = table.getColumns();
        if (columns != null && !columns.isEmpty()) {
            for (int i = 0; i < columns.size(); i++) {
                index.putIfAbsent(columns.get(i).getColumnName(), i);
            }
        } else {
            int i = 0;
            for (LogsTableCell cell : table.getRows().get(0).getRow()) {
                index.putIfAbsent(cell.getColumnName(), i++);
            }
        }
        return Collections.unmodifiableMap(index);
    }

    /**
     * The cell as text: strings as is; datetimes as ISO-8601 UTC ({@code Instant.toString()}); numbers
     * and booleans as the SDK's text for them ({@code 0.25}, {@code 1.0E-7}, {@code 12345678901},
     * {@code true}); dynamic as compact JSON; null or empty as null.
     *
     * <p>1.5.2 keeps each cell as {@code String.valueOf} of what azure-json's {@code readUntyped()} gave:
     * fine for the service's wire format, where dynamic values arrive as JSON text inside a string. A
     * dynamic value sent as a bare JSON object/array would arrive here as Java's {@code Map.toString()}
     * ({@code {k=[1, x]}}), which is not JSON and is passed through unchanged.
     */
    static String cellText(LogsTableCell cell) {
        String raw = cell.getValueAsString();
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        LogsColumnType type = cell.getColumnType();
        if (LogsColumnType.DATETIME.equals(type)) {
            try {
                return OffsetDateTime.parse(raw).toInstant().toString();
            } catch (DateTimeParseException e) {
                return raw;
            }
        }
        if (LogsColumnType.DYNAMIC.equals(type)) {
            return compactJson(raw);
        }
        return raw;
    }

    /**
     * The service sends dynamic values as JSON text inside a string; strip insignificant whitespace
     * (numbers and strings untouched). Text that is not JSON is returned unchanged.
     */
    static String compactJson(String text) {
        try {
            JSON.readTree(text);
        } catch (IOException e) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                out.append(c);
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
                out.append(c);
            } else if (!Character.isWhitespace(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    // ---- retries and errors ----------------------------------------------------------------------

    /**
     * Retry 408, 429 and 5xx (not 501/505), and I/O failures such as a reset connection. Not retried:
     * other 4xx (a bad query stays bad), and a client-side response timeout — it only fires after the
     * server's own wait plus 5 s, so a retry would likely hang as long again; the next scheduled run
     * tries afresh.
     */
    static boolean shouldRetry(RequestRetryCondition condition) {
        HttpResponse response = condition.getResponse();
        if (response != null) {
            int s = response.getStatusCode();
            return s == 408 || s == 429 || (s >= 500 && s != 501 && s != 505);
        }
        Throwable t = condition.getThrowable();
        return t instanceof Exception && !(t instanceof LogQueryException) && !isTimeout(t);
    }

    static boolean isTimeout(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof TimeoutException || c instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** "HTTP 400 BadArgumentError: <message> [<innermost code>: <innermost message>]". */
    static String describe(HttpResponseException e) {
        StringBuilder sb = new StringBuilder();
        if (e.getResponse() != null) {
            sb.append("HTTP ").append(e.getResponse().getStatusCode());
        } else {
            sb.append("HTTP error");
        }
        JsonNode error = serviceError(e);
        if (error != null) {
            sb.append(' ').append(error.path("code").asText("")).append(": ").append(error.path("message").asText(""));
            JsonNode inner = error.path("innererror");
            JsonNode innermost = null;
            for (int depth = 0; inner.isObject() && depth < 10; depth++) {
                innermost = inner;
                inner = inner.path("innererror");
            }
            if (innermost != null && innermost.hasNonNull("message")) {
                sb.append(" [").append(innermost.path("code").asText("")).append(": ")
                        .append(innermost.path("message").asText()).append(']');
            }
        } else {
            // No service error body: e.g. a 200 the SDK could not read ("Deserialization Failed",
            // caused by "Missing required property: tables").
            sb.append(": ").append(e.getMessage()).append(" (").append(summary(e)).append(')');
        }
        return truncate(sb.toString());
    }

    /** The {@code error} object of the service's error body, or null. Uses the SDK's parsed model. */
    private static JsonNode serviceError(HttpResponseException e) {
        try {
            String body = null;
            Object value = e.getValue();
            if (value instanceof JsonSerializable<?> serializable) {
                body = serializable.toJsonString();
            } else if (value instanceof String s) {
                body = s;
            }
            if (body == null) {
                return null;
            }
            JsonNode error = JSON.readTree(body).path("error");
            return error.isObject() ? error : null;
        } catch (IOException | RuntimeException ignored) {
            return null;
        }
    }

    private static String errorText(ResponseError error) {
        if (error == null) {
            return "unknown error";
        }
        return truncate(error.getCode() + ": " + error.getMessage());
    }

    /** Exception class and message only (no request, hence no headers). */
    private static String summary(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return truncate(root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage()));
    }

    private static String truncate(String s) {
        return s.length() <= MAX_DETAIL_CHARS ? s : s.substring(0, MAX_DETAIL_CHARS) + "…";
    }

    // ---- builder ---------------------------------------------------------------------------------

    /** Exactly one of workspaceId / resourceId, and a credential, are required. */
    public static final class Builder {
        private String workspaceId;
        private String resourceId;
        private TokenCredential credential;
        private HttpClient httpClient;
        private String endpoint = DEFAULT_ENDPOINT;
        private Duration serverTimeout = DEFAULT_SERVER_TIMEOUT;
        private int maxRetries = DEFAULT_MAX_RETRIES;
        private Duration baseDelay = DEFAULT_BASE_DELAY;
        private Duration maxDelay = DEFAULT_MAX_DELAY;
        private QueryRateLimiter rateLimiter;

        private Builder() {
        }

        /** Workspace (customer) id, a GUID: queries go to {@code POST /v1/workspaces/{id}/query}. */
        public Builder workspaceId(String workspaceId) {
            this.workspaceId = workspaceId;
            return this;
        }

        /**
         * ARM id of the resource (e.g. the IoT hub) for resource-context queries: {@code POST
         * /v1/{resourceId}/query}. Needs only Reader on the hub, and sees only that resource's rows.
         */
        public Builder resourceId(String resourceId) {
            this.resourceId = resourceId;
            return this;
        }

        /** E.g. a ManagedIdentityCredential; the scope requested is {@code https://<endpoint host>/.default}. */
        public Builder credential(TokenCredential credential) {
            this.credential = credential;
            return this;
        }

        /** Transport; default azure-core's (Netty). Tests pass a wrapper that redirects to a stub. */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        /** Query endpoint including {@code /v1}, e.g. {@code https://api.loganalytics.azure.cn/v1}. */
        public Builder endpoint(String endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /** Prefer: wait=N; 1 s to 10 min, whole seconds. Default 3 min. */
        public Builder serverTimeout(Duration serverTimeout) {
            this.serverTimeout = serverTimeout;
            return this;
        }

        /** Retries after the first attempt; 0 disables retrying. Default 4. */
        public Builder maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        /** Exponential back-off base and cap. Default 1 s and 30 s. Retry-After overrides. */
        public Builder retryDelays(Duration baseDelay, Duration maxDelay) {
            this.baseDelay = baseDelay;
            this.maxDelay = maxDelay;
            return this;
        }

        /** Share one limiter among all runners of one identity. Default: a new 200-per-30-s limiter. */
        public Builder rateLimiter(QueryRateLimiter rateLimiter) {
            this.rateLimiter = rateLimiter;
            return this;
        }

        public MonitorQueryLogRunner build() {
            boolean hasWorkspace = workspaceId != null && !workspaceId.isBlank();
            boolean hasResource = resourceId != null && !resourceId.isBlank();
            if (hasWorkspace == hasResource) {
                throw new IllegalArgumentException("exactly one of workspaceId and resourceId is required");
            }
            if (!hasWorkspace) {
                workspaceId = null;
            } else {
                resourceId = null;
            }
            Objects.requireNonNull(credential, "credential");
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(serverTimeout, "serverTimeout");
            if (serverTimeout.toSeconds() < 1 || serverTimeout.compareTo(MAX_SERVER_TIMEOUT) > 0) {
                throw new IllegalArgumentException("serverTimeout must be between 1 s and 10 min: " + serverTimeout);
            }
            if (maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries must not be negative: " + maxRetries);
            }
            Objects.requireNonNull(baseDelay, "baseDelay");
            Objects.requireNonNull(maxDelay, "maxDelay");
            if (baseDelay.isNegative() || baseDelay.isZero() || maxDelay.compareTo(baseDelay) < 0) {
                throw new IllegalArgumentException("need 0 < baseDelay <= maxDelay: " + baseDelay + ", " + maxDelay);
            }
            if (rateLimiter == null) {
                rateLimiter = QueryRateLimiter.forQueryApi();
            }
            return new MonitorQueryLogRunner(this);
        }
    }
}

package io.linkguard.hub;

import com.azure.core.credential.TokenCredential;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.azure.sdk.iot.service.query.QueryClient;
import com.microsoft.azure.sdk.iot.service.query.QueryClientOptions;
import com.microsoft.azure.sdk.iot.service.query.QueryPageOptions;
import com.microsoft.azure.sdk.iot.service.query.RawQueryResponse;
import io.linkguard.evidence.Identity;
import io.linkguard.remediation.HubConnection;
import io.linkguard.remediation.HubConnectionException;
import io.linkguard.remediation.HubGateway;
import io.linkguard.remediation.HubLimits;
import io.linkguard.remediation.HubRoster;
import io.linkguard.remediation.RosterScope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One connected hub: its {@link IotHubGateway} and its roster from four IoT Hub queries (identity counts
 * of devices and modules, and the devices and modules whose {@code tags.linkguard.stage} is set and not
 * {@code resolved}; the last two only for {@link RosterScope#COUNT_AND_TAGGED}). Pages hold up to 1,000 rows.
 * Every page fetched is one query on the hub's {@link Meter#QUERIES} budget (20/min/unit on S1/S2), shared by all
 * connections to the hub in this process. A 429 or 5xx on a page repeats that page (its continuation token is
 * kept), never the query from page 1.
 */
final class IotHubConnection implements HubConnection {
    static final String COUNT_DEVICES = "SELECT COUNT() AS n FROM devices";
    static final String COUNT_MODULES = "SELECT COUNT() AS n FROM devices.modules";
    static final String TAGGED_DEVICES = "SELECT deviceId FROM devices WHERE is_defined(tags.linkguard.stage)"
            + " AND tags.linkguard.stage != 'resolved'";
    static final String TAGGED_MODULES = "SELECT deviceId, moduleId FROM devices.modules WHERE"
            + " is_defined(tags.linkguard.stage) AND tags.linkguard.stage != 'resolved'";
    private static final int PAGE_SIZE = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final IotHubGateway gateway;
    private final HubLimits limits;
    private final QueryClient queries;
    private final CallRunner runner;
    private final Duration waitedBefore;

    IotHubConnection(IotHubGateway gateway, HubLimits limits, TokenCredential credential, HubSettings settings) {
        this.gateway = gateway;
        this.limits = limits;
        int timeout = (int) Math.max(1, settings.httpTimeout().toSeconds());
        this.queries = new QueryClient(limits.hostName(), credential, QueryClientOptions.builder()
                .httpConnectTimeoutSeconds(timeout).httpReadTimeoutSeconds(timeout).build());
        this.runner = gateway.runner();
        this.waitedBefore = gateway.stats().total().waited();
    }

    @Override
    public HubGateway gateway() {
        return gateway;
    }

    @Override
    public Duration throttlingWait() {
        return gateway.stats().total().waited().minus(waitedBefore);
    }

    @Override
    public void handedOver() {
        gateway.throttle().handedOver();
    }

    @Override
    public HubRoster roster(RosterScope scope) {
        long devices = count(COUNT_DEVICES);
        long modules = count(COUNT_MODULES);
        List<Identity> tagged = new ArrayList<>();
        if (scope == RosterScope.COUNT_ONLY) {
            return new HubRoster(limits.hub(), devices + modules, tagged);
        }
        for (JsonNode row : rows(TAGGED_DEVICES)) {
            tagged.add(new Identity(limits.hub(), row.path("deviceId").asText(), null));
        }
        for (JsonNode row : rows(TAGGED_MODULES)) {
            tagged.add(new Identity(limits.hub(), row.path("deviceId").asText(), row.path("moduleId").asText()));
        }
        return new HubRoster(limits.hub(), devices + modules, tagged);
    }

    private long count(String query) {
        List<JsonNode> rows = rows(query);
        return rows.isEmpty() ? 0 : rows.get(0).path("n").asLong(0);
    }

    private List<JsonNode> rows(String query) {
        QueryPageOptions pages = QueryPageOptions.builder().pageSize(PAGE_SIZE).build();
        RawQueryResponse response = value(query, runner.run(HubOperation.TWIN_QUERY, Meter.QUERIES, 1,
                HubFailure::transientFault, () -> queries.queryRaw(query, pages)));
        List<JsonNode> out = new ArrayList<>();
        int inPage = 0;
        while (response.hasNext()) {
            String token = response.getContinuationToken();
            // next() hands out the page in hand, then fetches the next page with the token; a failed fetch leaves the
            // response as it was, so the retry fetches the same page. A full page means the next call fetches.
            boolean fetches = inPage >= PAGE_SIZE;
            String row = value(query, runner.run(HubOperation.TWIN_QUERY, fetches ? Meter.QUERIES : null, 1,
                    HubFailure::transientFault, () -> response.next(pages)));
            inPage++;
            if (!java.util.Objects.equals(token, response.getContinuationToken())) {
                if (!fetches) {
                    // A short page the hub ended early: the fetch is booked after the fact, the next query waits it off.
                    gateway.throttle().reserve(Meter.QUERIES, 1, Duration.ofDays(1));
                }
                inPage = 1;
            }
            try {
                out.add(JSON.readTree(row));
            } catch (java.io.IOException e) {
                throw new HubConnectionException("hub " + limits.hub() + ": query answer not JSON (" + query + ")", e);
            }
        }
        return out;
    }

    private <T> T value(String query, CallRunner.Result<T> r) {
        if (!r.ok()) {
            throw new HubConnectionException("hub " + limits.hub() + ": query failed (" + query + "): " + r.failure().describe());
        }
        return r.value();
    }

    @Override
    public void close() {
        // The SDK clients hold no resources beyond pooled HTTPS connections.
    }
}

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
 * {@code resolved}; the last two only for {@link RosterScope#COUNT_AND_TAGGED}). Pages hold up to 1,000 rows; a query is retried as a whole on 429/5xx.
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

    IotHubConnection(IotHubGateway gateway, HubLimits limits, TokenCredential credential, HubSettings settings) {
        this.gateway = gateway;
        this.limits = limits;
        int timeout = (int) Math.max(1, settings.httpTimeout().toSeconds());
        this.queries = new QueryClient(limits.hostName(), credential, QueryClientOptions.builder()
                .httpConnectTimeoutSeconds(timeout).httpReadTimeoutSeconds(timeout).build());
        this.runner = gateway.runner();
    }

    @Override
    public HubGateway gateway() {
        return gateway;
    }

    @Override
    public Duration throttlingWait() {
        return gateway.stats().total().waited();
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
        CallRunner.Result<List<JsonNode>> r = runner.run(HubOperation.TWIN_QUERY, null, 0, HubFailure::transientFault, () -> {
            List<JsonNode> out = new ArrayList<>();
            RawQueryResponse response = queries.queryRaw(query, QueryPageOptions.builder().pageSize(PAGE_SIZE).build());
            while (response.hasNext()) {
                out.add(JSON.readTree(response.next()));
            }
            return out;
        });
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

package io.linkguard.hub;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.iothub.IotHubManager;
import io.linkguard.remediation.HubConnection;
import io.linkguard.remediation.HubConnectionException;
import io.linkguard.remediation.HubGatewayFactory;
import io.linkguard.remediation.HubLimits;
import io.linkguard.remediation.HubTarget;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The IoT Hub adapter behind remediation's {@link HubGatewayFactory}: for a hub named by ARM id it reads
 * the tier from ARM ({@link HubLimitsReader}); for a hub named only by host name it cannot, and assumes
 * S1's throttles (the lowest of the Standard tiers: slower than necessary on S2/S3, never too fast). It
 * then builds the hub's {@link IotHubGateway} and a {@link HubConnection} whose roster comes from IoT Hub
 * queries.
 *
 * <p>One gateway per hub per instance of this class, reused by every {@code connect}: its token buckets are the
 * hub's one client-side budget in this process, so overlapping runs (timer, worker, CLI threads) share it instead
 * of each getting a full budget. Build one instance per process. A gateway is rebuilt only when ARM reports
 * different limits (the hub was scaled).
 */
public final class IotHubConnections implements HubGatewayFactory {
    /** The tier assumed when only a host name is known. */
    public static final String ASSUMED_SKU = "S1";
    private static final Pattern SUBSCRIPTION = Pattern.compile("(?i)/subscriptions/([^/]+)/");

    private final TokenCredential credential;
    private final HubSettings settings;
    private final AzureEnvironment environment;
    private final HttpClient armHttpClient;
    private final Map<String, IotHubGateway> gateways = new ConcurrentHashMap<>();

    private IotHubConnections(Builder b) {
        this.credential = Objects.requireNonNull(b.credential, "credential");
        this.settings = b.settings;
        this.environment = b.environment;
        this.armHttpClient = b.armHttpClient;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public HubConnection connect(HubTarget target) {
        HubLimits limits = target.armId() != null ? fromArm(target)
                : PublishedThrottles.forSku(target.hubName(), target.hostName(), ASSUMED_SKU, 1);
        String basicTier = BasicTier.refusal(limits);
        if (basicTier != null) {
            throw new HubConnectionException(basicTier + ", so LinkGuard can only observe it (--mode observe)");
        }
        IotHubGateway gateway = gateways.compute(limits.hub(), (hub, existing) -> existing != null
                && existing.limits(hub).equals(limits) ? existing
                : IotHubGateway.builder().limits(limits).credential(credential).settings(settings).build());
        return new IotHubConnection(gateway, limits, credential, settings);
    }

    private HubLimits fromArm(HubTarget target) {
        Matcher m = SUBSCRIPTION.matcher(target.armId());
        if (!m.find()) {
            throw new HubConnectionException("not a hub ARM id: " + target.armId());
        }
        IotHubManager.Configurable configure = IotHubManager.configure();
        if (armHttpClient != null) {
            configure.withHttpClient(armHttpClient);
        }
        IotHubManager manager = configure.authenticate(credential, new AzureProfile(null, m.group(1), environment));
        try {
            HubLimits limits = new HubLimitsReader(manager).read(target.armId());
            if (target.hostName() != null && !target.hostName().equalsIgnoreCase(limits.hostName())) {
                throw new HubConnectionException("hub " + target.hubName() + ": ARM says its host is "
                        + limits.hostName() + ", not " + target.hostName());
            }
            return limits;
        } catch (HubSetupException | IllegalArgumentException e) {
            throw new HubConnectionException(e.getMessage(), e);
        }
    }

    /** Builds {@link IotHubConnections}; {@link #credential} is required. */
    public static final class Builder {
        private TokenCredential credential;
        private HubSettings settings = HubSettings.DEFAULTS;
        private AzureEnvironment environment = AzureEnvironment.AZURE;
        private HttpClient armHttpClient;

        private Builder() {
        }

        /** For ARM and the hub's data plane, e.g. {@code new DefaultAzureCredentialBuilder().build()}. */
        public Builder credential(TokenCredential credential) {
            this.credential = credential;
            return this;
        }

        public Builder settings(HubSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** The cloud (default: Azure public cloud). */
        public Builder environment(AzureEnvironment environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /** The HTTP client for ARM (default: azure-core's; tests: one that trusts the stub). */
        public Builder armHttpClient(HttpClient client) {
            this.armHttpClient = client;
            return this;
        }

        public IotHubConnections build() {
            return new IotHubConnections(this);
        }
    }
}

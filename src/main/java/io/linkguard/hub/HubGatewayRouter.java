package io.linkguard.hub;

import io.linkguard.evidence.Identity;
import io.linkguard.remediation.HubGateway;
import io.linkguard.remediation.HubLimits;
import io.linkguard.remediation.JobResult;
import io.linkguard.remediation.MethodCall;
import io.linkguard.remediation.MethodResult;
import io.linkguard.remediation.TwinView;
import io.linkguard.remediation.WriteResult;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** One {@link HubGateway} over several hubs: each call goes to the gateway of its hub (by lower-case name). */
public final class HubGatewayRouter implements HubGateway {
    private final Map<String, HubGateway> byHub = new TreeMap<>();

    /** @param gateways hub name to that hub's gateway (e.g. one {@link IotHubGateway} per hub) */
    public HubGatewayRouter(Map<String, ? extends HubGateway> gateways) {
        gateways.forEach((hub, gateway) -> byHub.put(hub.toLowerCase(Locale.ROOT), gateway));
    }

    private HubGateway of(String hub) {
        HubGateway g = hub == null ? null : byHub.get(hub.toLowerCase(Locale.ROOT));
        if (g == null) {
            throw new IllegalArgumentException("no gateway for hub " + hub + " (configured: " + byHub.keySet() + ")");
        }
        return g;
    }

    @Override
    public Optional<TwinView> readTwin(Identity identity) {
        return of(identity.hub()).readTwin(identity);
    }

    @Override
    public WriteResult patchTag(Identity identity, String etag, Map<String, Object> linkguardTagPatch) {
        return of(identity.hub()).patchTag(identity, etag, linkguardTagPatch);
    }

    @Override
    public WriteResult patchDesired(Identity identity, String etag, Map<String, Object> linkguardDesiredPatch) {
        return of(identity.hub()).patchDesired(identity, etag, linkguardDesiredPatch);
    }

    @Override
    public MethodResult invokeMethod(Identity identity, MethodCall call) {
        return of(identity.hub()).invokeMethod(identity, call);
    }

    @Override
    public HubLimits limits(String hub) {
        return of(hub).limits(hub);
    }

    @Override
    public JobResult scheduleMethodJob(String hub, List<Identity> devices, MethodCall call) {
        return of(hub).scheduleMethodJob(hub, devices, call);
    }

    @Override
    public JobResult scheduleTagJob(String hub, List<Identity> devices, Map<String, Object> linkguardTagPatch) {
        return of(hub).scheduleTagJob(hub, devices, linkguardTagPatch);
    }

    @Override
    public JobResult jobStatus(String hub, String jobId) {
        return of(hub).jobStatus(hub, jobId);
    }
}

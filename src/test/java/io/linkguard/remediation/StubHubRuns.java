package io.linkguard.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import io.linkguard.evidence.Identity;
import io.linkguard.hub.HubSettings;
import io.linkguard.hub.IotHubConnections;
import io.linkguard.hub.stub.StubHub;
import io.linkguard.hub.stub.StubOperation;
import io.linkguard.hub.stub.TwinSnapshot;
import io.linkguard.plan.Finding;
import io.linkguard.plan.Plan;
import io.linkguard.remediation.report.RemediationReport;
import io.linkguard.remediation.tag.LinkGuardTag;
import io.linkguard.remediation.tag.TagCodec;
import io.linkguard.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs of the real {@link Remediator} through the real IoT Hub adapter ({@link IotHubConnections}: ARM lookup
 * with IotHubManager, iot-service-client twins/methods/jobs, roster queries) against a {@link StubHub}, with a
 * clock the test moves. Each {@link #run} connects through a new adapter, as each {@code apply} is a new process
 * (a new budget); {@link #connections()} is one adapter shared by every run, as in the Functions app's process.
 */
final class StubHubRuns implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    final StubHub stub;
    final MutableClock clock = new MutableClock(T0);
    final FakeTickets tickets = new FakeTickets(clock);
    final Map<String, String> settings = new HashMap<>();
    private final IotHubConnections connections;
    private final HubSettings hubSettings = new HubSettings(0.5, Duration.ofSeconds(10), 3, Duration.ofSeconds(10));
    private int runs;

    StubHubRuns(StubHub.Config config) {
        stub = StubHub.start(config);
        connections = newConnections();
        settings.put("LINKGUARD_MODE", "enforce");
        settings.put("LINKGUARD_HUB_CONCURRENCY", "2");
    }

    private IotHubConnections newConnections() {
        return IotHubConnections.builder().credential(stub.credential())
                .environment(stub.armProfile().getEnvironment()).armHttpClient(stub.armHttpClient())
                .settings(hubSettings).build();
    }

    /** The real adapter pointed at the stub, for front doors that connect by themselves. */
    IotHubConnections connections() {
        return connections;
    }

    StubHubRuns set(String name, String value) {
        settings.put(name, value);
        return this;
    }

    Identity device(String id) {
        return new Identity(stub.hubName(), id, null);
    }

    /** A connected device with the customer's own tag and desired property, which LinkGuard must never touch. */
    Identity add(String id) {
        stub.addDevice(id, true);
        stub.updateTwin(id, null, "{\"tags\":{\"owner\":\"plant-ops\",\"site\":{\"line\":3}},"
                + "\"properties\":{\"desired\":{\"telemetryPeriod\":30}}}");
        return device(id);
    }

    Instant now() {
        return clock.instant();
    }

    void advance(Duration d) {
        clock.advance(d);
    }

    RemediationReport run(Finding... findings) {
        return run(Findings.plan(findings));
    }

    RemediationReport run(List<Finding> findings) {
        return run(Findings.plan(findings));
    }

    RemediationReport run(Plan plan) {
        try (HubConnection hub = newConnections().connect(HubTarget.parse(stub.armId()))) {
            Remediator remediator = new Remediator(RemediationSettings.fromSettings(settings), hub.gateway(), tickets, clock);
            return remediator.run(plan, List.of(hub.roster(RosterScope.COUNT_AND_TAGGED)), "run-" + (++runs));
        }
    }

    TwinSnapshot twin(Identity identity) {
        return stub.twin(identity.deviceId(), identity.moduleId()).orElseThrow();
    }

    /** {@code tags.linkguard} parsed by LinkGuard's own codec (null when absent or unreadable). */
    LinkGuardTag tag(Identity identity) {
        JsonNode node = twin(identity).linkguardTag();
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = JSON.convertValue(node, Map.class);
        return TagCodec.parse(map).tagOrNull();
    }

    /** {@code properties.desired.linkguard.backoff}: missing when absent or deleted. */
    JsonNode desiredBackoff(Identity identity) {
        return twin(identity).linkguardDesired().path("backoff");
    }

    /** Writes (twin patches, methods, job creations) the hub received. */
    long writes() {
        return stub.count(StubOperation.TWIN_UPDATE) + stub.count(StubOperation.METHOD) + stub.count(StubOperation.JOB_CREATE);
    }

    @Override
    public void close() {
        stub.close();
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
}

package io.linkguard.hub;

import io.linkguard.evidence.Identity;
import io.linkguard.hub.stub.StubHub;
import io.linkguard.testing.MutableClock;
import java.time.Duration;

/** Builds gateways against a stub hub for the adapter tests. */
final class GatewayFixture {

    private GatewayFixture() {
    }

    /** A gateway on a fake clock (sleeps are recorded, not slept), no jitter, generous budgets. */
    static IotHubGateway.Builder fakeTime(StubHub stub, MutableClock clock) {
        return IotHubGateway.builder()
                .limits(stub.limits())
                .credential(stub.credential())
                .settings(new HubSettings(1.0, Duration.ofSeconds(60), 5, Duration.ofSeconds(10)))
                .clock(clock)
                .random(() -> 0.0);
    }

    static Identity device(StubHub stub, String deviceId) {
        return new Identity(stub.hubName(), deviceId, null);
    }

    static Identity module(StubHub stub, String deviceId, String moduleId) {
        return new Identity(stub.hubName(), deviceId, moduleId);
    }
}

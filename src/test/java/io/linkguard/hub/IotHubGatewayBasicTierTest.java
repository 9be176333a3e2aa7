package io.linkguard.hub;

import static io.linkguard.hub.GatewayFixture.device;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkguard.hub.stub.StubHub;
import io.linkguard.remediation.HubUnavailableException;
import io.linkguard.remediation.JobResult;
import io.linkguard.remediation.MethodCall;
import io.linkguard.remediation.MethodResult;
import io.linkguard.remediation.WriteResult;
import io.linkguard.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** On a Basic hub every twin, method and job call is refused with one reason, before anything is sent. */
class IotHubGatewayBasicTierTest {
    private static final String REASON = "is on the Basic tier (B1): it has no twins, direct methods or jobs";
    private static final MethodCall CALL = new MethodCall("linkguardBackoff", Map.of("schema", "linkguard.backoff/1"),
            Duration.ofSeconds(10), Duration.ofSeconds(15));

    @RegisterExtension
    static final StubHub stub = StubHub.start(StubHub.Config.defaults().sku("B1", 1));

    @Test
    void everyTwinMethodAndJobCallIsRefusedAlike() {
        stub.addDevice("b-1", true);
        IotHubGateway gateway = GatewayFixture.fakeTime(stub, new MutableClock(Instant.EPOCH)).build();
        int before = stub.requests().size();

        assertThatThrownBy(() -> gateway.readTwin(device(stub, "b-1")))
                .isInstanceOf(HubUnavailableException.class).hasMessageContaining(REASON);
        WriteResult tag = gateway.patchTag(device(stub, "b-1"), "*", Map.of("state", "x"));
        assertThat(tag.status()).isEqualTo(WriteResult.Status.FAILED);
        assertThat(tag.detail()).contains(REASON);
        WriteResult desired = gateway.patchDesired(device(stub, "b-1"), "*", Map.of("state", "x"));
        assertThat(desired.detail()).contains(REASON);
        MethodResult method = gateway.invokeMethod(device(stub, "b-1"), CALL);
        assertThat(method.outcome()).isNotEqualTo(MethodResult.Outcome.ANSWERED);
        assertThat(method.detail()).contains(REASON);
        JobResult job = gateway.scheduleMethodJob(stub.hubName(), List.of(device(stub, "b-1")), CALL);
        assertThat(job.status()).isEqualTo(JobResult.Status.FAILED);
        assertThat(job.detail()).contains(REASON);
        JobResult status = gateway.jobStatus(stub.hubName(), "linkguard-1");
        assertThat(status.status()).isEqualTo(JobResult.Status.FAILED);
        assertThat(status.detail()).contains(REASON);

        assertThat(stub.requests()).as("nothing reaches the hub").hasSize(before);
    }
}

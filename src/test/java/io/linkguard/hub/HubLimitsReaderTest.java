package io.linkguard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.policy.FixedDelay;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.resourcemanager.iothub.IotHubManager;
import io.linkguard.hub.stub.Fault;
import io.linkguard.hub.stub.RecordedRequest;
import io.linkguard.hub.stub.StubHub;
import io.linkguard.hub.stub.StubOperation;
import io.linkguard.remediation.HubLimits;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The hub's tier from ARM through the real IotHubManager against the stub hub's ARM endpoint. */
class HubLimitsReaderTest {

    private static HubLimitsReader reader(StubHub stub) {
        IotHubManager manager = IotHubManager.configure()
                .withHttpClient(stub.armHttpClient())
                .withRetryPolicy(new RetryPolicy(new FixedDelay(1, Duration.ofMillis(10))))
                .authenticate(stub.credential(), stub.armProfile());
        return new HubLimitsReader(manager);
    }

    @ParameterizedTest(name = "{0} x{1}")
    @CsvSource({
            // sku, units, twin reads/s, twin updates/s, method units/s, job device ops/s, active jobs
            "F1, 1, 100, 50, 40, 10, 1",
            "S1, 1, 100, 50, 40, 10, 1",
            "S1, 4, 100, 50, 160, 10, 1",
            "S2, 1, 100, 50, 120, 10, 5",
            "S2, 20, 200, 100, 2400, 20, 5",
            "S3, 1, 500, 250, 6000, 50, 10",
            "S3, 2, 1000, 500, 12000, 100, 10",
    })
    void readsSkuUnitsAndHostNameAndAppliesThePublishedTable(String sku, int units, double reads, double updates,
                                                              double methodUnits, double jobOps, int jobs) {
        try (StubHub stub = StubHub.start(StubHub.Config.defaults().hubName("Plant-" + sku).sku(sku, units))) {
            HubLimits limits = reader(stub).read(stub.armId());

            assertThat(limits.hub()).isEqualTo(("plant-" + sku).toLowerCase());
            assertThat(limits.hostName()).isEqualTo(stub.hostName());
            assertThat(limits.sku()).isEqualTo(sku);
            assertThat(limits.units()).isEqualTo(units);
            assertThat(limits.supportsTwins()).isTrue();
            assertThat(limits.twinReadsPerSecond()).isEqualTo(reads);
            assertThat(limits.twinUpdatesPerSecond()).isEqualTo(updates);
            assertThat(limits.methodUnitsPerSecond()).isEqualTo(methodUnits);
            assertThat(limits.jobDeviceOpsPerSecond()).isEqualTo(jobOps);
            assertThat(limits.maxActiveJobs()).isEqualTo(jobs);

            RecordedRequest get = stub.requests(StubOperation.ARM_READ).get(0);
            assertThat(get.path()).isEqualToIgnoringCase("subscriptions/" + StubHub.SUBSCRIPTION + "/resourceGroups/"
                    + StubHub.RESOURCE_GROUP + "/providers/Microsoft.Devices/IotHubs/plant-" + sku);
            assertThat(get.query()).contains("api-version=");
            assertThat(get.header("authorization")).isEqualTo("Bearer " + StubHub.TOKEN);
        }
    }

    @Test
    void aBasicHubHasNoTwinsMethodsOrJobs() {
        try (StubHub stub = StubHub.start(StubHub.Config.defaults().sku("B2", 1))) {
            HubLimits limits = reader(stub).read(stub.armId());
            assertThat(limits.supportsTwins()).isFalse();
            assertThat(limits.twinUpdatesPerSecond()).isZero();
            assertThat(limits.maxActiveJobs()).isZero();
        }
    }

    @Test
    void aHubArmDoesNotKnowOrWillNotShowStopsStartUpWithTheReason() {
        try (StubHub stub = StubHub.start()) {
            HubLimitsReader reader = reader(stub);
            String missing = stub.armId().replace("/stubhub", "/nosuchhub");
            assertThatThrownBy(() -> reader.read(missing)).isInstanceOf(HubSetupException.class)
                    .hasMessageContaining("404").hasMessageContaining("no such hub");

            stub.inject(Fault.status(403).on(StubOperation.ARM_READ).times(5));
            assertThatThrownBy(() -> reader.read(stub.armId())).isInstanceOf(HubSetupException.class)
                    .hasMessageContaining("403").hasMessageContaining("Reader role");
        }
    }

    @Test
    void somethingThatIsNotAHubIdIsRefusedWithTheExpectedShape() {
        assertThatThrownBy(() -> HubLimitsReader.hubName("/subscriptions/s/resourceGroups/g/providers/Microsoft.Web/sites/x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Microsoft.Devices/IotHubs/{name}");
        assertThat(HubLimitsReader.hubName("/subscriptions/s/resourceGroups/g/providers/microsoft.devices/iothubs/Hub-1/"))
                .isEqualTo("hub-1");
    }

    @Test
    void theLimitsFeedAWorkingGateway() {
        try (StubHub stub = StubHub.start(StubHub.Config.defaults().sku("S2", 3))) {
            stub.addDevice("from-arm");
            IotHubGateway gateway = IotHubGateway.builder().limits(reader(stub).read(stub.armId()))
                    .credential(stub.credential()).build();
            assertThat(gateway.readTwin(new io.linkguard.evidence.Identity(stub.hubName(), "from-arm", null))).isPresent();
            assertThat(gateway.limits(stub.hubName()).sku()).isEqualTo("S2");
        }
    }
}

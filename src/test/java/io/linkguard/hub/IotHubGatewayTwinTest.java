package io.linkguard.hub;

import static io.linkguard.hub.GatewayFixture.device;
import static io.linkguard.hub.GatewayFixture.module;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkguard.evidence.Identity;
import io.linkguard.hub.stub.Fault;
import io.linkguard.hub.stub.RecordedRequest;
import io.linkguard.hub.stub.StubHub;
import io.linkguard.hub.stub.StubOperation;
import io.linkguard.hub.stub.TwinSnapshot;
import io.linkguard.remediation.HubUnavailableException;
import io.linkguard.remediation.TwinView;
import io.linkguard.remediation.WriteResult;
import io.linkguard.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Twin reads and ETag-guarded patches through the real TwinClient against the stub hub. */
class IotHubGatewayTwinTest {
    @RegisterExtension
    static final StubHub stub = StubHub.start();
    private final MutableClock clock = new MutableClock(Instant.EPOCH.plusSeconds(5));
    private IotHubGateway gateway;

    @BeforeEach
    void freshGateway() {
        gateway = GatewayFixture.fakeTime(stub, clock).build();
    }

    @Test
    void readsLinkGuardsTagTheSuppressionTagTheDesiredInstructionAndTheConnectionState() {
        stub.addDevice("read-1", true);
        stub.updateTwin("read-1", null, """
                {"tags": {"owner": "plant-7",
                          "linkguard": {"classification": "faulty-reconnect", "conflicts": 14, "confidence": 0.9,
                                        "lastAction": {"kind": "tag", "at": "2026-11-26T10:00:00Z"}},
                          "linkguardSuppress": {"until": "2026-12-01T00:00:00Z", "reason": "maintenance"}},
                 "properties": {"desired": {"linkguard": {"backoff": {"minBackoffSeconds": 30}}, "sampling": 5}}}""");

        TwinView view = gateway.readTwin(device(stub, "read-1")).orElseThrow();

        assertThat(view.etag()).isEqualTo(stub.twin("read-1").orElseThrow().etag());
        assertThat(view.linkguardTag()).containsEntry("classification", "faulty-reconnect")
                .containsEntry("conflicts", 14L).containsEntry("confidence", 0.9)
                .containsEntry("lastAction", Map.of("kind", "tag", "at", "2026-11-26T10:00:00Z"))
                .doesNotContainKey("owner");
        assertThat(view.suppressionTag()).containsEntry("reason", "maintenance");
        assertThat(view.linkguardDesired()).containsEntry("backoff", Map.of("minBackoffSeconds", 30L));
        assertThat(view.connectionState()).isEqualTo("Connected");
        assertThat(view.identity()).isEqualTo(device(stub, "read-1"));
    }

    @Test
    void anUnknownIdentityIsEmptyAndATwinWithoutLinkGuardStateHasEmptyMaps() {
        stub.addDevice("plain-1");
        assertThat(gateway.readTwin(device(stub, "no-such-device"))).isEmpty();
        assertThat(gateway.readTwin(module(stub, "plain-1", "no-such-module"))).isEmpty();

        TwinView plain = gateway.readTwin(device(stub, "plain-1")).orElseThrow();
        assertThat(plain.linkguardTag()).isEmpty();
        assertThat(plain.suppressionTag()).isEmpty();
        assertThat(plain.linkguardDesired()).isEmpty();
        assertThat(plain.connectionState()).isEqualTo("Disconnected");
    }

    @Test
    void patchesOnlyTheLinkGuardTagWithAQuotedIfMatchAndLeavesCustomerTagsAlone() {
        stub.addDevice("write-1");
        stub.updateTwin("write-1", null, "{\"tags\": {\"owner\": \"plant-7\", \"linkguard\": {\"keep\": 1, \"drop\": 2}}}");
        TwinView before = gateway.readTwin(device(stub, "write-1")).orElseThrow();

        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("classification", "shared-identity");
        patch.put("drop", null);
        patch.put("lastAction", Map.of("kind", "ticket", "ref", "INC0012"));
        WriteResult result = gateway.patchTag(device(stub, "write-1"), before.etag(), patch);

        TwinSnapshot after = stub.twin("write-1").orElseThrow();
        assertThat(result.status()).isEqualTo(WriteResult.Status.WRITTEN);
        assertThat(result.newEtag()).isEqualTo(after.etag()).isNotEqualTo(before.etag());
        assertThat(after.tags().path("owner").asText()).isEqualTo("plant-7");
        assertThat(after.linkguardTag().path("keep").asInt()).isEqualTo(1);
        assertThat(after.linkguardTag().has("drop")).as("a null in the patch deletes the key").isFalse();
        assertThat(after.linkguardTag().path("lastAction").path("ref").asText()).isEqualTo("INC0012");

        RecordedRequest write = stub.requests(StubOperation.TWIN_UPDATE).get(0);
        assertThat(write.method()).isEqualTo("PATCH");
        assertThat(write.header("x-http-method-override")).isEqualTo("PATCH");
        assertThat(write.header("if-match")).isEqualTo("\"" + before.etag() + "\"");
        assertThat(write.body()).doesNotContain("owner").contains("\"linkguard\"");
        assertThat(write.header("authorization")).isEqualTo("Bearer " + StubHub.TOKEN);
    }

    @Test
    void aWriteRacingAnotherWriterIsPreconditionFailedAndChangesNothing() {
        stub.addDevice("race-1");
        TwinView read = gateway.readTwin(device(stub, "race-1")).orElseThrow();
        stub.updateTwin("race-1", null, "{\"tags\": {\"linkguardSuppress\": {\"until\": \"2027-01-01T00:00:00Z\"}}}");
        TwinSnapshot afterOperator = stub.twin("race-1").orElseThrow();

        WriteResult result = gateway.patchTag(device(stub, "race-1"), read.etag(), Map.of("classification", "faulty-reconnect"));

        assertThat(result.status()).isEqualTo(WriteResult.Status.PRECONDITION_FAILED);
        assertThat(result.detail()).contains("412");
        assertThat(stub.twin("race-1").orElseThrow()).isEqualTo(afterOperator);
        assertThat(stub.count(StubOperation.TWIN_UPDATE)).as("a 412 is an answer, not retried").isEqualTo(1);

        TwinView reread = gateway.readTwin(device(stub, "race-1")).orElseThrow();
        assertThat(reread.suppressionTag()).containsKey("until");
        assertThat(gateway.patchTag(device(stub, "race-1"), reread.etag(), Map.of("classification", "faulty-reconnect")).status())
                .isEqualTo(WriteResult.Status.WRITTEN);
    }

    @Test
    void moduleIdentitiesUseModuleTwins() {
        stub.addModule("edge-1", "telemetry", true);
        Identity id = module(stub, "edge-1", "telemetry");
        TwinView view = gateway.readTwin(id).orElseThrow();

        WriteResult tag = gateway.patchTag(id, view.etag(), Map.of("classification", "faulty-reconnect"));
        WriteResult desired = gateway.patchDesired(id, tag.newEtag(), Map.of("backoff", Map.of("minBackoffSeconds", 30)));

        assertThat(tag.status()).isEqualTo(WriteResult.Status.WRITTEN);
        assertThat(desired.status()).isEqualTo(WriteResult.Status.WRITTEN);
        assertThat(stub.twin("edge-1", "telemetry").orElseThrow().linkguardTag().path("classification").asText())
                .isEqualTo("faulty-reconnect");
        assertThat(stub.twin("edge-1", "telemetry").orElseThrow().linkguardDesired().path("backoff").path("minBackoffSeconds").asInt())
                .isEqualTo(30);
        assertThat(stub.twin("edge-1").orElseThrow().linkguardTag().isMissingNode()).as("the device twin is untouched").isTrue();
        assertThat(stub.requests(StubOperation.TWIN_UPDATE)).extracting(RecordedRequest::path)
                .containsOnly("twins/edge-1/modules/telemetry");
    }

    @Test
    void theDesiredInstructionIsSetAndClearedWithoutTouchingOtherDesiredProperties() {
        stub.addDevice("desired-1");
        stub.updateTwin("desired-1", null, "{\"properties\": {\"desired\": {\"sampling\": 5}}}");
        String etag = gateway.readTwin(device(stub, "desired-1")).orElseThrow().etag();

        WriteResult set = gateway.patchDesired(device(stub, "desired-1"), etag,
                Map.of("backoff", Map.of("commandId", "lg-1", "minBackoffSeconds", 30)));
        Map<String, Object> clear = new HashMap<>();
        clear.put("backoff", null);
        WriteResult cleared = gateway.patchDesired(device(stub, "desired-1"), set.newEtag(), clear);

        assertThat(set.status()).isEqualTo(WriteResult.Status.WRITTEN);
        assertThat(cleared.status()).isEqualTo(WriteResult.Status.WRITTEN);
        TwinSnapshot t = stub.twin("desired-1").orElseThrow();
        assertThat(t.linkguardDesired().has("backoff")).isFalse();
        assertThat(t.desired().path("sampling").asInt()).isEqualTo(5);
    }

    @Test
    void idsWithCharactersThatAreNotSafeInAUrlPathReachTheRightTwin() {
        String odd = "line 7#a?b%c+d:e'f";
        stub.addDevice(odd);
        stub.addModule(odd, "m#1 x", false);

        TwinView device = gateway.readTwin(device(stub, odd)).orElseThrow();
        WriteResult written = gateway.patchTag(device(stub, odd), device.etag(), Map.of("classification", "transient"));
        TwinView module = gateway.readTwin(module(stub, odd, "m#1 x")).orElseThrow();

        assertThat(written.status()).isEqualTo(WriteResult.Status.WRITTEN);
        assertThat(stub.twin(odd).orElseThrow().linkguardTag().path("classification").asText()).isEqualTo("transient");
        assertThat(module.identity().moduleId()).isEqualTo("m#1 x");
        assertThat(stub.requests()).extracting(RecordedRequest::path)
                .contains("twins/" + odd, "twins/" + odd + "/modules/m#1 x");
    }

    @Test
    void aPatchOverTheEightKilobyteTagLimitFailsWithTheHubsReason() {
        stub.addDevice("big-1");
        String etag = gateway.readTwin(device(stub, "big-1")).orElseThrow().etag();

        WriteResult result = gateway.patchTag(device(stub, "big-1"), etag, Map.of("reason", "x".repeat(9000)));

        assertThat(result.status()).isEqualTo(WriteResult.Status.FAILED);
        assertThat(result.detail()).contains("400").contains("8192");
        assertThat(stub.twin("big-1").orElseThrow().linkguardTag().isMissingNode()).isTrue();
    }

    @Test
    void aPatchWithKeysOrValuesATwinCannotHoldIsNotSent() {
        stub.addDevice("bad-1");
        String etag = gateway.readTwin(device(stub, "bad-1")).orElseThrow().etag();

        WriteResult dotted = gateway.patchTag(device(stub, "bad-1"), etag, Map.of("last.action", "tag"));
        WriteResult array = gateway.patchTag(device(stub, "bad-1"), etag, Map.of("history", List.of(1, 2)));

        assertThat(dotted.status()).isEqualTo(WriteResult.Status.FAILED);
        assertThat(dotted.detail()).contains("not sent").contains("tags.linkguard.last.action");
        assertThat(array.status()).isEqualTo(WriteResult.Status.FAILED);
        assertThat(array.detail()).contains("arrays");
        assertThat(stub.count(StubOperation.TWIN_UPDATE)).isZero();
    }

    @Test
    void aWriteToAVanishedIdentityIsNotFound() {
        stub.addDevice("gone-1");
        String etag = gateway.readTwin(device(stub, "gone-1")).orElseThrow().etag();
        stub.removeDevice("gone-1");

        assertThat(gateway.patchTag(device(stub, "gone-1"), etag, Map.of("a", 1)).status())
                .isEqualTo(WriteResult.Status.NOT_FOUND);
    }

    @Test
    void serverErrorsOnAnEtagGuardedWriteAreRetriedAndTheWriteLandsOnce() {
        stub.addDevice("flaky-1");
        String etag = gateway.readTwin(device(stub, "flaky-1")).orElseThrow().etag();
        stub.inject(Fault.status(503).on(StubOperation.TWIN_UPDATE).times(2));

        WriteResult result = gateway.patchTag(device(stub, "flaky-1"), etag, Map.of("classification", "transient"));

        assertThat(result.status()).isEqualTo(WriteResult.Status.WRITTEN);
        assertThat(stub.count(StubOperation.TWIN_UPDATE, 503)).isEqualTo(2);
        assertThat(stub.twin("flaky-1").orElseThrow().version()).isEqualTo(2);
        assertThat(clock.nonZeroSleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void aWriteThatLandedButWhoseAnswerWasLostComesBackAsPreconditionFailedNotAsASecondWrite() {
        stub.addDevice("lost-1");
        String etag = gateway.readTwin(device(stub, "lost-1")).orElseThrow().etag();
        stub.inject(Fault.status(500).afterApplying().on(StubOperation.TWIN_UPDATE));

        WriteResult result = gateway.patchTag(device(stub, "lost-1"), etag, Map.of("classification", "transient"));

        assertThat(result.status()).isEqualTo(WriteResult.Status.PRECONDITION_FAILED);
        TwinSnapshot t = stub.twin("lost-1").orElseThrow();
        assertThat(t.linkguardTag().path("classification").asText()).isEqualTo("transient");
        assertThat(t.version()).as("written exactly once").isEqualTo(2);
    }

    @Test
    void aWriteWithoutAnEtagIsNotRepeatedAfterAServerError() {
        stub.addDevice("noetag-1");
        stub.inject(Fault.status(500).on(StubOperation.TWIN_UPDATE));

        WriteResult result = gateway.patchTag(device(stub, "noetag-1"), null, Map.of("classification", "transient"));

        assertThat(result.status()).isEqualTo(WriteResult.Status.FAILED);
        assertThat(result.detail()).contains("500");
        assertThat(stub.count(StubOperation.TWIN_UPDATE)).isEqualTo(1);
        assertThat(stub.requests(StubOperation.TWIN_UPDATE).get(0).header("if-match")).isNull();
    }

    @Test
    void aReadTheHubKeepsRefusingThrowsHubUnavailableAfterTheRetries() {
        stub.addDevice("down-1");
        stub.inject(Fault.status(503).on(StubOperation.TWIN_READ).times(10));

        assertThatThrownBy(() -> gateway.readTwin(device(stub, "down-1")))
                .isInstanceOf(HubUnavailableException.class)
                .hasMessageContaining("stubhub/down-1").hasMessageContaining("5 attempt(s)").hasMessageContaining("503");
        assertThat(stub.count(StubOperation.TWIN_READ)).isEqualTo(5);
    }

    @Test
    void aReadThatGetsNoAnswerWithinTheHttpTimeoutIsRetried() {
        stub.addDevice("slow-1");
        stub.inject(Fault.delay(Duration.ofMillis(2500)).on(StubOperation.TWIN_READ));
        IotHubGateway quick = GatewayFixture.fakeTime(stub, clock)
                .settings(new HubSettings(1.0, Duration.ofSeconds(60), 5, Duration.ofSeconds(1))).build();

        assertThat(quick.readTwin(device(stub, "slow-1"))).isPresent();
        assertThat(quick.stats().snapshot().get(HubOperation.TWIN_READ).attempts()).isEqualTo(2);
        assertThat(clock.nonZeroSleeps()).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void anIdentityOfAnotherHubIsRefused() {
        assertThatThrownBy(() -> gateway.readTwin(new Identity("otherhub", "d", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("otherhub");
    }
}

package io.linkguard.hub;

import static io.linkguard.hub.GatewayFixture.device;
import static io.linkguard.hub.GatewayFixture.module;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.azure.sdk.iot.service.methods.DirectMethodRequestOptions;
import com.microsoft.azure.sdk.iot.service.methods.DirectMethodsClient;
import io.linkguard.hub.stub.Fault;
import io.linkguard.hub.stub.MethodBehaviour;
import io.linkguard.hub.stub.MethodInvocation;
import io.linkguard.hub.stub.StubHub;
import io.linkguard.hub.stub.StubOperation;
import io.linkguard.remediation.MethodCall;
import io.linkguard.remediation.MethodResult;
import io.linkguard.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The back-off direct method through the real DirectMethodsClient against the stub hub. */
class IotHubGatewayMethodTest {
    private static final Map<String, Object> PAYLOAD = Map.of("schema", "linkguard.backoff/1", "commandId", "lg-1",
            "minBackoffSeconds", 30, "maxBackoffSeconds", 600, "jitter", 0.5);
    private static final MethodCall CALL =
            new MethodCall("linkguardBackoff", PAYLOAD, Duration.ofSeconds(10), Duration.ofSeconds(15));

    @RegisterExtension
    static final StubHub stub = StubHub.start();
    private final MutableClock clock = new MutableClock(Instant.EPOCH.plusSeconds(5));
    private IotHubGateway gateway;

    @BeforeEach
    void freshGateway() {
        gateway = GatewayFixture.fakeTime(stub, clock).build();
    }

    @Test
    void aDeviceThatAnswersIsAnsweredWithItsStatusAndPayload() {
        stub.addDevice("m-ok", true);
        stub.onMethod("m-ok", MethodBehaviour.answer(200,
                "{\"accepted\":true,\"commandId\":\"lg-1\",\"policy\":{\"minBackoffSeconds\":30}}"));

        MethodResult result = gateway.invokeMethod(device(stub, "m-ok"), CALL);

        assertThat(result.outcome()).isEqualTo(MethodResult.Outcome.ANSWERED);
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.payload()).containsEntry("accepted", true).containsEntry("commandId", "lg-1")
                .containsEntry("policy", Map.of("minBackoffSeconds", 30));
        MethodInvocation inv = stub.methodCalls("m-ok").get(0);
        assertThat(inv.methodName()).isEqualTo("linkguardBackoff");
        assertThat(inv.connectTimeoutSeconds()).as("never the SDK's 200 s default").isEqualTo(10);
        assertThat(inv.responseTimeoutSeconds()).isEqualTo(15);
        assertThat(inv.payload().path("minBackoffSeconds").asInt()).isEqualTo(30);
        assertThat(inv.payload().path("schema").asText()).isEqualTo("linkguard.backoff/1");
    }

    @Test
    void aDeviceThatRejectsThePayloadIsStillAnAnswer() {
        stub.addDevice("m-400", true);
        stub.onMethod("m-400", MethodBehaviour.answer(400, "{\"accepted\":false,\"error\":\"unknown schema\"}"));

        MethodResult result = gateway.invokeMethod(device(stub, "m-400"), CALL);

        assertThat(result.outcome()).isEqualTo(MethodResult.Outcome.ANSWERED);
        assertThat(result.status()).isEqualTo(400);
        assertThat(result.payload()).containsEntry("accepted", false);
    }

    @Test
    void aDeviceThatIsNotOnlineIsNotReachableAndTheCallIsNotRepeated() {
        stub.addDevice("m-404", false);

        MethodResult result = gateway.invokeMethod(device(stub, "m-404"), CALL);

        assertThat(result.outcome()).isEqualTo(MethodResult.Outcome.NOT_REACHABLE);
        assertThat(result.detail()).contains("404103");
        assertThat(stub.count(StubOperation.METHOD)).isEqualTo(1);
    }

    @Test
    void aDeviceThatDoesNotAnswerInTimeIsTimedOut() {
        stub.addDevice("m-504", true);
        stub.onMethod("m-504", MethodBehaviour.timeout());

        MethodResult result = gateway.invokeMethod(device(stub, "m-504"), CALL);

        assertThat(result.outcome()).isEqualTo(MethodResult.Outcome.TIMED_OUT);
        assertThat(result.detail()).contains("504101");
        assertThat(stub.count(StubOperation.METHOD)).isEqualTo(1);
    }

    @Test
    void a429IsRetriedAfterTheRetryAfterTheHubAsked() {
        stub.addDevice("m-429", true);
        stub.inject(Fault.throttled(7).on(StubOperation.METHOD));

        MethodResult result = gateway.invokeMethod(device(stub, "m-429"), CALL);

        assertThat(result.outcome()).isEqualTo(MethodResult.Outcome.ANSWERED);
        assertThat(stub.count(StubOperation.METHOD, 429)).isEqualTo(1);
        assertThat(stub.count(StubOperation.METHOD, 200)).isEqualTo(1);
        assertThat(clock.nonZeroSleeps()).containsExactly(Duration.ofSeconds(7));
        assertThat(gateway.stats().snapshot().get(HubOperation.DIRECT_METHOD).hubThrottled()).isEqualTo(1);
    }

    @Test
    void aHubThatKeepsThrottlingEndsInThrottledWithTheWaitItAskedFor() {
        stub.addDevice("m-429x", true);
        stub.inject(Fault.throttled(20).on(StubOperation.METHOD).times(10));
        IotHubGateway shortDeadline = GatewayFixture.fakeTime(stub, clock)
                .settings(new HubSettings(1.0, Duration.ofSeconds(30), 5, Duration.ofSeconds(10))).build();

        MethodResult result = shortDeadline.invokeMethod(device(stub, "m-429x"), CALL);

        assertThat(result.outcome()).isEqualTo(MethodResult.Outcome.THROTTLED);
        assertThat(result.retryAfter()).isGreaterThanOrEqualTo(Duration.ofSeconds(20));
        assertThat(stub.count(StubOperation.METHOD)).as("20 s, then the next 20 s would pass the 30 s deadline").isEqualTo(2);
    }

    @Test
    void aServerErrorOnAMethodIsNotRepeatedBecauseTheDeviceMayHaveRunIt() {
        stub.addDevice("m-500", true);
        stub.inject(Fault.status(500).on(StubOperation.METHOD));

        MethodResult result = gateway.invokeMethod(device(stub, "m-500"), CALL);

        assertThat(result.outcome()).isEqualTo(MethodResult.Outcome.FAILED);
        assertThat(stub.count(StubOperation.METHOD)).isEqualTo(1);
    }

    @Test
    void moduleMethodsGoToTheModule() {
        stub.addModule("edge-2", "agent", true);

        MethodResult result = gateway.invokeMethod(module(stub, "edge-2", "agent"), CALL);

        assertThat(result.outcome()).isEqualTo(MethodResult.Outcome.ANSWERED);
        assertThat(stub.requests(StubOperation.METHOD).get(0).path()).isEqualTo("twins/edge-2/modules/agent/methods");
        assertThat(stub.methodCalls("edge-2").get(0).moduleId()).isEqualTo("agent");
    }

    @Test
    void callsTheSdkOrTheHubWouldRefuseAreNotSent() {
        stub.addDevice("m-bad", true);

        MethodResult dotted = gateway.invokeMethod(device(stub, "m-bad"),
                new MethodCall("linkguard.backoff", PAYLOAD, Duration.ofSeconds(10), Duration.ofSeconds(15)));
        MethodResult tooShort = gateway.invokeMethod(device(stub, "m-bad"),
                new MethodCall("linkguardBackoff", PAYLOAD, Duration.ofSeconds(10), Duration.ofSeconds(2)));
        MethodResult tooBig = gateway.invokeMethod(device(stub, "m-bad"),
                new MethodCall("linkguardBackoff", Map.of("advice", "x".repeat(140_000)), Duration.ofSeconds(10), Duration.ofSeconds(15)));

        assertThat(dotted.outcome()).isEqualTo(MethodResult.Outcome.FAILED);
        assertThat(dotted.detail()).contains("not sent").contains("'.'");
        assertThat(tooShort.detail()).contains("response timeout");
        assertThat(tooBig.detail()).contains("131072");
        assertThat(stub.count(StubOperation.METHOD)).isZero();
    }

    @Test
    void theSdkItselfRefusesMethodNamesWithADotWhichIsWhyTheGatewayChecksFirst() {
        DirectMethodsClient sdk = new DirectMethodsClient(stub.hostName(), stub.credential());
        DirectMethodRequestOptions options = DirectMethodRequestOptions.builder()
                .methodConnectTimeoutSeconds(5).methodResponseTimeoutSeconds(5).build();
        assertThatThrownBy(() -> sdk.invoke("any", "linkguard.backoff", options))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'.'");
        assertThat(stub.count(StubOperation.METHOD)).isZero();
    }

    @Test
    void payloadsAreMeteredInFourKilobyteUnits() {
        assertThat(MethodCalls.units(Map.of("a", 1))).isEqualTo(1);
        assertThat(MethodCalls.units(Map.of("a", "x".repeat(4090)))).isEqualTo(2);
        assertThat(MethodCalls.units(Map.of("a", "x".repeat(20_000)))).isEqualTo(5);
        assertThat(MethodCalls.units(null)).isEqualTo(1);
    }
}

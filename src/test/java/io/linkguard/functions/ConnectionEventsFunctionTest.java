package io.linkguard.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.classification.Classification;
import io.linkguard.config.AnalysisSettings;
import io.linkguard.evidence.Identity;
import io.linkguard.pipeline.RunKind;
import io.linkguard.pipeline.RunRecord;
import io.linkguard.pipeline.RunStatus;
import io.linkguard.pipeline.RunTrigger;
import io.linkguard.plan.Analyzer;
import io.linkguard.bench.Azurite;
import io.linkguard.state.AzuriteExtension;
import io.linkguard.state.AzuriteQueue;
import io.linkguard.telemetry.RunMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Event Grid function: connection state in a real Azurite, targeted evaluations against the query stub. */
@ExtendWith(AzuriteExtension.class)
class ConnectionEventsFunctionTest {
    private FunctionsFixture fx;
    private LinkGuardRuntime runtime;
    private Identity faulty;

    @BeforeEach
    void start(Azurite azurite, AzuriteQueue queues) {
        fx = new FunctionsFixture(azurite, queues);
        runtime = fx.runtime();
        faulty = new Analyzer(AnalysisSettings.DEFAULTS).analyze(FunctionsFixture.FLEET).findings().stream()
                .filter(f -> f.verdict().classification() == Classification.FAULTY_RECONNECT && f.identity().moduleId() == null)
                .findFirst().orElseThrow().identity();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private TestContext deliver(String body, String invocationId) {
        TestContext context = new TestContext("DeviceConnectionEvents", invocationId);
        new ConnectionEventsFunction(() -> runtime).run(body, context);
        return context;
    }

    private String event(String schema, String type, Identity id, long seq, Instant time) {
        String sequence = String.format("000000000000000001D4132452F67CE2%032X", seq);
        String data = "{\"deviceConnectionStateEventInfo\":{\"sequenceNumber\":\"" + sequence + "\"},\"hubName\":\"" + id.hub()
                + "\",\"deviceId\":" + new com.fasterxml.jackson.databind.node.TextNode(id.deviceId()) + "}";
        String topic = FunctionsFixture.SUBSCRIPTION + id.hub();
        if (schema.equals("cloud")) {
            return "{\"specversion\":\"1.0\",\"id\":\"c" + seq + "\",\"source\":\"" + topic + "\",\"subject\":\"devices/x\",\"type\":"
                    + "\"Microsoft.Devices.Device" + type + "\",\"time\":\"" + time + "\",\"data\":" + data + "}";
        }
        return "{\"id\":\"e" + seq + "\",\"topic\":\"" + topic + "\",\"subject\":\"devices/x\",\"eventType\":\"Microsoft.Devices.Device"
                + type + "\",\"eventTime\":\"" + time + "\",\"data\":" + data + ",\"dataVersion\":\"1\"}";
    }

    @Test
    void singleEventsAccumulateUntilTheFlapThresholdTriggersOneTargetedEvaluation() {
        Instant t = fx.clock.instant();
        // The Event Grid extension hands over one event per invocation: four "connected" snapshots in a row.
        for (int i = 1; i <= 3; i++) {
            TestContext c = deliver(event(i % 2 == 0 ? "cloud" : "grid", "Connected", faulty, i, t.minusSeconds(240 - 60L * i)), "inv-" + i);
            assertThat(c.lines()).noneMatch(l -> l.contains("event=run.summary"));
        }
        assertThat(fx.queries()).isEmpty();
        assertThat(runtime.pipelineBuilt()).as("no Log Analytics client until an evaluation is needed").isFalse();

        TestContext crossing = deliver(event("grid", "Connected", faulty, 4, t), "inv-4");
        assertThat(crossing.line("events.summary")).contains("1 events: hidden-flap 1; skipped 0; 1 over the flap threshold, 1 to evaluate");
        assertThat(crossing.line("evaluation.queued")).contains("1 identities (connection events over the flap threshold) queued");
        assertThat(fx.queries()).as("the delivery does not wait for the evaluation").isEmpty();
        assertThat(runtime.ledger().recent(1).get(0).status()).isEqualTo(RunStatus.QUEUED);
        assertThat(fx.runWorker(runtime)).isEqualTo(1);
        String summary = runtime.ledger().recent(1).get(0).line();
        assertThat(summary).contains("eventgrid/targeted (observe) completed").contains("1 device targeted");
        assertThat(fx.queries()).hasSize(3);
        assertThat(fx.queries().get(2)).contains("let _devices = dynamic([\\\"" + faulty.deviceId().replace("\"", "") + "\\\"]);");
        RunRecord run = runtime.ledger().recent(1).get(0);
        assertThat(run.trigger()).isEqualTo(RunTrigger.EVENT_GRID);
        assertThat(run.kind()).isEqualTo(RunKind.TARGETED);
        assertThat(run.identities().get(Classification.FAULTY_RECONNECT)).isEqualTo(1);

        // More flaps within the debounce period: no second evaluation.
        fx.clock.advance(Duration.ofMinutes(1));
        TestContext again = deliver(event("cloud", "Connected", faulty, 5, fx.clock.instant()), "inv-5");
        assertThat(again.line("events.summary")).contains("0 to evaluate, 1 debounced");
        assertThat(fx.queries()).hasSize(3);
        assertThat(fx.telemetry.sum(RunMetrics.EVALUATIONS, Map.of("decision", "debounced"))).isEqualTo(1.0);
    }

    @Test
    void aBatchWithFlapsDuplicatesReorderingAndMalformedEventsIsCountedPerReason() {
        Instant t = fx.clock.instant();
        Identity other = new Identity(faulty.hub(), "quiet-device", null);
        List<String> events = new ArrayList<>();
        events.add(event("grid", "Connected", faulty, 12, t));
        events.add(event("grid", "Connected", faulty, 10, t.minusSeconds(120)));
        events.add(event("cloud", "Disconnected", faulty, 11, t.minusSeconds(60)));
        events.add(event("grid", "Connected", faulty, 13, t));
        events.add(event("grid", "Connected", faulty, 13, t));
        events.add(event("grid", "Connected", other, 1, t));
        events.add("{\"eventType\":\"Microsoft.Devices.DeviceTelemetry\",\"data\":{}}");
        events.add(event("grid", "Connected", new Identity("hub-zz", "d", null), 1, t));
        events.add(event("grid", "Connected", faulty, 14, t).replace("\"deviceId\":", "\"deviceId\":\"bad\\\"id\",\"x\":"));
        events.add("17");
        TestContext c = deliver("[" + String.join(",", events) + "]", "inv-batch");

        String line = c.line("events.summary");
        assertThat(line).startsWith("WARNING").contains("6 events: ").contains("first 2").contains("disconnect 1").contains("reconnect 1")
                .contains("hidden-flap 1").contains("duplicate 1")
                .contains("skipped 4 (invalid-device-id 1, not-an-event 1, other-event-type 1, unknown-hub 1)");
        assertThat(fx.telemetry.sum(RunMetrics.EVENTS_SKIPPED, Map.of("reason", "unknown-hub"))).isEqualTo(1.0);
        assertThat(fx.telemetry.sum(RunMetrics.EVENTS, Map.of("outcome", "duplicate"))).isEqualTo(1.0);

        // Out of order in a later delivery: an older sequence number is ignored and counted.
        TestContext late = deliver(event("grid", "Disconnected", faulty, 9, t.minusSeconds(180)), "inv-late");
        assertThat(late.line("events.summary")).contains("1 events: out-of-order 1");
        assertThat(fx.queries()).as("two flaps: under the threshold of 3").isEmpty();
    }

    @Test
    void unusableDeliveriesTouchNoState() {
        TestContext c = deliver("{\"not\":\"an event grid event\"", "inv-x");
        assertThat(c.line("events.summary")).contains("0 events: none; skipped 1 (not-json 1)");
        assertThat(runtime.eventStateBuilt()).isFalse();
        assertThat(runtime.pipelineBuilt()).isFalse();
    }

    @Test
    void whenStateCannotBeStoredTheDeliveryFailsSoEventGridDeliversAgain() {
        java.util.Map<String, String> settings = fx.settings();
        settings.put("AzureWebJobsStorage", fx.azurite.connectionString().replace(":" + fx.azurite.port() + "/", ":1/"));
        LinkGuardRuntime down = fx.runtime(settings, null);
        TestContext context = new TestContext("DeviceConnectionEvents", "inv-down");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ConnectionEventsFunction(() -> down)
                .run(event("grid", "Connected", faulty, 1, fx.clock.instant()), context)).isInstanceOf(RuntimeException.class);
        assertThat(context.line("events.failed")).startsWith("SEVERE").contains("1 events not stored (Event Grid delivers them again)");
    }

    @Test
    void aFailedTargetedEvaluationIsTheWorkersAndNeverFailsTheDelivery() {
        fx.failQueries(500, "{\"error\":{\"code\":\"ServiceError\",\"message\":\"boom\"}}");
        Instant t = fx.clock.instant();
        StringBuilder batch = new StringBuilder("[");
        for (int i = 1; i <= 4; i++) {
            batch.append(i == 1 ? "" : ",").append(event("grid", "Connected", faulty, i, t.minusSeconds(240 - 60L * i)));
        }
        TestContext c = deliver(batch.append("]").toString(), "inv-fail");
        assertThat(c.line("evaluation.queued")).startsWith("INFO");
        assertThat(fx.runWorker(runtime)).isEqualTo(1);
        assertThat(runtime.ledger().recent(1).get(0).status()).isEqualTo(RunStatus.FAILED);
        assertThat(runtime.ledger().recent(1).get(0).error()).contains("HTTP 500");
    }
}

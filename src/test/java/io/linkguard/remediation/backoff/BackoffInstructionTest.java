package io.linkguard.remediation.backoff;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.evidence.Identity;
import io.linkguard.remediation.MethodCall;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackoffInstructionTest {
    private static final Instant UNTIL = Instant.parse("2026-11-26T11:15:00Z");

    @Test
    void payloadHasExactlyTheContractsFieldsInItsOrderAndTypes() {
        Map<String, Object> p = new BackoffInstruction("lg-1", "faulty-reconnect", "14 conflicts", UNTIL)
                .payload(BackoffSettings.DEFAULTS);
        assertThat(p.keySet()).containsExactly("schema", "commandId", "classification", "reason", "minBackoffSeconds",
                "maxBackoffSeconds", "jitter", "holdSeconds", "holdUntil", "advice");
        assertThat(p).containsEntry("schema", "linkguard.backoff/1").containsEntry("commandId", "lg-1")
                .containsEntry("minBackoffSeconds", 30).containsEntry("maxBackoffSeconds", 600).containsEntry("jitter", 0.5)
                .containsEntry("holdSeconds", 3600L).containsEntry("holdUntil", "2026-11-26T11:15:00Z");
        assertThat(p.values()).noneMatch(v -> v instanceof List || v instanceof Map);
    }

    @Test
    void methodCallCarriesTheShortTimeoutsAndDesiredPatchTheSameObject() {
        BackoffInstruction i = new BackoffInstruction("lg-1", "faulty-reconnect", "r", UNTIL);
        MethodCall call = MethodCall.backoff(i, BackoffSettings.DEFAULTS);
        assertThat(call.methodName()).isEqualTo("linkguardBackoff");
        assertThat(call.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(call.responseTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(i.desiredPatch(BackoffSettings.DEFAULTS)).containsEntry("backoff", call.payload());
        assertThat(BackoffInstruction.clearDesiredPatch()).containsEntry("backoff", null);
    }

    @Test
    void onlyAnAcceptanceOfThisCommandCounts() {
        BackoffInstruction i = new BackoffInstruction("lg-1", "faulty-reconnect", "r", UNTIL);
        assertThat(i.acceptedBy(200, Map.of("accepted", true, "commandId", "lg-1"))).isTrue();
        assertThat(i.acceptedBy(200, Map.of("accepted", true))).isTrue();
        assertThat(i.acceptedBy(200, Map.of("accepted", true, "commandId", "lg-0"))).isFalse();
        assertThat(i.acceptedBy(200, Map.of("accepted", false))).isFalse();
        assertThat(i.acceptedBy(400, Map.of("accepted", true))).isFalse();
        assertThat(i.acceptedBy(200, null)).isFalse();
    }

    @Test
    void commandIdsFollowTheDocumentedShapeAndDifferPerSubject() {
        Instant t = Instant.parse("2026-11-26T10:15:00Z");
        String a = CommandIds.of(t, "hub/a");
        assertThat(a).matches("lg-20261126T101500Z-[0-9a-f]{6}");
        assertThat(CommandIds.of(t, "hub/b")).isNotEqualTo(a);
        assertThat(CommandIds.of(t, "hub/a")).isEqualTo(a);
    }

    @Test
    void jobChunksStayUnderTheQueryConditionLimitWithEscapingAndKeepOrder() {
        List<Identity> devices = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            devices.add(new Identity("hub", "dev'\\" + "x".repeat(100) + i, null));
        }
        List<List<Identity>> chunks = JobChunks.split(devices, JobChunks.QUERY_CONDITION_LIMIT_BYTES);
        assertThat(chunks).hasSizeGreaterThan(4);
        assertThat(chunks.stream().flatMap(List::stream).toList()).isEqualTo(devices);
        for (List<Identity> chunk : chunks) {
            String condition = "deviceId IN [" + String.join(",", chunk.stream()
                    .map(d -> "'" + d.deviceId().replace("\\", "\\\\").replace("'", "\\'") + "'").toList()) + "]";
            assertThat(condition.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(8 * 1024);
        }
    }
}

package io.linkguard.device.backoff;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonParser;
import io.linkguard.device.MutableClock;
import io.linkguard.device.backoff.ReportedBackoff.State;
import io.linkguard.device.reconnect.ReconnectPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackoffControllerTest {
    static final Instant START = Instant.parse("2026-11-26T10:15:00Z");
    static final ReconnectPolicy NORMAL = ReconnectPolicy.ofSeconds(1, 60, 0.5);

    final MutableClock clock = new MutableClock(START);
    final BackoffController controller = new BackoffController(NORMAL, clock);

    @Test
    void aValidMethodCallIsAnsweredWithWhatTheDeviceWillDoAndHoldsUntilItsTime() {
        BackoffController.MethodOutcome outcome = controller.onMethod(json(InstructionParserTest.CONTRACT_EXAMPLE));

        assertThat(outcome.answer().status()).isEqualTo(200);
        assertThat(outcome.answer().payload()).containsExactly(
                Map.entry("accepted", true),
                Map.entry("commandId", "lg-20261126T101500Z-7f3a"),
                Map.entry("appliedUntil", "2026-11-26T11:15:00Z"),
                Map.entry("policy", Map.of("minBackoffSeconds", 30L, "maxBackoffSeconds", 600L, "jitter", 0.5)),
                Map.entry("message", "reconnecting with back-off 30s..600s, jitter 0.5 until 2026-11-26T11:15:00Z, then back to "
                        + "1s..60s, jitter 0.5; one client, no new connections"));
        assertThat(outcome.report()).contains(new ReportedBackoff("lg-20261126T101500Z-7f3a", State.APPLIED, Source.METHOD,
                Instant.parse("2026-11-26T11:15:00Z"), null));
        assertThat(controller.currentPolicy()).isEqualTo(ReconnectPolicy.ofSeconds(30, 600, 0.5));

        clock.advance(Duration.ofMinutes(59));
        assertThat(controller.expireIfDue()).isEmpty();
        assertThat(controller.currentPolicy()).isEqualTo(ReconnectPolicy.ofSeconds(30, 600, 0.5));

        clock.advance(Duration.ofMinutes(1));
        assertThat(controller.currentPolicy()).as("back to normal at holdUntil").isEqualTo(NORMAL);
        assertThat(controller.expireIfDue()).contains(new ReportedBackoff("lg-20261126T101500Z-7f3a", State.EXPIRED,
                Source.METHOD, Instant.parse("2026-11-26T11:15:00Z"), null));
        assertThat(controller.expireIfDue()).as("reported once").isEmpty();
    }

    @Test
    void anInvalidMethodCallIsRefusedWithTheReasonAndChangesNothing() {
        controller.onMethod(json(instruction("lg-1", 30, 600, 600)));

        BackoffController.MethodOutcome outcome = controller.onMethod(json(InstructionParserTest.with("jitter", "2")));

        assertThat(outcome.answer()).isEqualTo(new MethodAnswer(400, Map.of("accepted", false,
                "error", "jitter must be within 0..1, got 2")));
        assertThat(outcome.report()).contains(new ReportedBackoff("lg-20261126T101500Z-7f3a", State.REJECTED, Source.METHOD,
                null, "jitter must be within 0..1, got 2"));
        assertThat(controller.activeInstruction()).map(BackoffInstruction::commandId).contains("lg-1");
    }

    @Test
    void aHoldThatHasAlreadyPassedIsRefusedByMethod() {
        clock.advance(Duration.ofHours(2));

        BackoffController.MethodOutcome outcome = controller.onMethod(json(InstructionParserTest.CONTRACT_EXAMPLE));

        assertThat(outcome.answer().status()).isEqualTo(400);
        assertThat(outcome.answer().payload()).containsEntry("error", "holdUntil 2026-11-26T11:15:00Z has already passed");
        assertThat(controller.currentPolicy()).isEqualTo(NORMAL);
    }

    @Test
    void theSameCommandIdAgainIsTheSameInstruction() {
        MethodAnswer first = controller.onMethod(json(instruction("lg-1", 30, 600, 600))).answer();
        clock.advance(Duration.ofSeconds(100));

        BackoffController.MethodOutcome again = controller.onMethod(json(instruction("lg-1", 5, 10, 9999)));
        Optional<ReportedBackoff> viaDesired = controller.onDesired(json(instruction("lg-1", 5, 10, 9999)), true);

        assertThat(again.answer()).as("same answer, hold not restarted, new values ignored").isEqualTo(first);
        assertThat(again.report()).isEmpty();
        assertThat(viaDesired).isEmpty();
        assertThat(controller.activeInstruction().orElseThrow().holdUntil()).isEqualTo(START.plusSeconds(600));
        assertThat(controller.currentPolicy()).isEqualTo(ReconnectPolicy.ofSeconds(30, 600, 0.5));
    }

    @Test
    void anOlderDesiredInstructionReadAgainFromTheTwinDoesNotReplaceANewerMethodOne() {
        controller.onDesired(json(instruction("lg-old", 10, 20, 3600)), false);
        controller.onMethod(json(instruction("lg-new", 30, 600, 3600)));

        Optional<ReportedBackoff> afterReconnect = controller.onDesired(json(instruction("lg-old", 10, 20, 3600)), true);

        assertThat(afterReconnect).isEmpty();
        assertThat(controller.activeInstruction()).map(BackoffInstruction::commandId).contains("lg-new");
    }

    @Test
    void theDesiredPropertyAppliesAndItsDeletionEndsTheHold() {
        Optional<ReportedBackoff> applied = controller.onDesired(json(instruction("lg-d", 30, 600, 3600)), false);
        clock.advance(Duration.ofMinutes(5));
        Optional<ReportedBackoff> cleared = controller.onDesired(JsonNull.INSTANCE, false);

        assertThat(applied).contains(new ReportedBackoff("lg-d", State.APPLIED, Source.DESIRED, START.plusSeconds(3600), null));
        assertThat(cleared).contains(new ReportedBackoff("lg-d", State.EXPIRED, Source.DESIRED, START.plusSeconds(300), null));
        assertThat(controller.currentPolicy()).isEqualTo(NORMAL);
        assertThat(controller.onDesired(JsonNull.INSTANCE, false)).as("nothing left to clear").isEmpty();
    }

    @Test
    void deletingTheDesiredPropertyAlsoEndsAHoldThatCameByMethod() {
        controller.onMethod(json(instruction("lg-m", 30, 600, 3600)));

        assertThat(controller.onDesired(JsonNull.INSTANCE, false)).map(ReportedBackoff::state).contains(State.EXPIRED);
        assertThat(controller.currentPolicy()).isEqualTo(NORMAL);
    }

    @Test
    void aFullTwinWithoutTheDesiredPropertyEndsOnlyAHoldThatCameFromIt() {
        controller.onMethod(json(instruction("lg-m", 30, 600, 3600)));
        assertThat(controller.onDesired(JsonNull.INSTANCE, true)).as("method hold kept").isEmpty();
        assertThat(controller.activeInstruction()).isPresent();

        controller.onDesired(json(instruction("lg-d", 30, 600, 3600)), false);
        assertThat(controller.onDesired(JsonNull.INSTANCE, true)).as("its deletion was missed while offline")
                .map(ReportedBackoff::state).contains(State.EXPIRED);
        assertThat(controller.activeInstruction()).isEmpty();
    }

    @Test
    void aDesiredInstructionThatArrivesAfterItsHoldIsReportedExpiredNotApplied() {
        clock.advance(Duration.ofHours(2));

        Optional<ReportedBackoff> report = controller.onDesired(json(InstructionParserTest.CONTRACT_EXAMPLE), true);

        assertThat(report).contains(new ReportedBackoff("lg-20261126T101500Z-7f3a", State.EXPIRED, Source.DESIRED,
                Instant.parse("2026-11-26T11:15:00Z"), null));
        assertThat(controller.currentPolicy()).isEqualTo(NORMAL);
    }

    @Test
    void anInvalidDesiredInstructionIsReportedRejectedOnce() {
        String invalid = InstructionParserTest.with("schema", "\"other/1\"");

        Optional<ReportedBackoff> first = controller.onDesired(json(invalid), false);
        Optional<ReportedBackoff> readAgain = controller.onDesired(json(invalid), true);

        assertThat(first).contains(new ReportedBackoff("lg-20261126T101500Z-7f3a", State.REJECTED, Source.DESIRED, null,
                "unknown schema 'other/1' (this device understands linkguard.backoff/1)"));
        assertThat(readAgain).isEmpty();
    }

    @Test
    void theReportedValueCarriesEveryKeySoAMergePatchLeavesNothingStale() {
        assertThat(new ReportedBackoff("lg-1", State.APPLIED, Source.METHOD, START, null).toMap())
                .containsExactly(Map.entry("commandId", "lg-1"), Map.entry("state", "applied"), Map.entry("source", "method"),
                        Map.entry("until", "2026-11-26T10:15:00Z"), entry("error", null));
    }

    private static Map.Entry<String, Object> entry(String key, Object value) {
        return new java.util.AbstractMap.SimpleEntry<>(key, value);
    }

    static JsonElement json(String text) {
        return JsonParser.parseString(text);
    }

    static String instruction(String commandId, int min, int max, int holdSeconds) {
        return "{\"schema\": \"linkguard.backoff/1\", \"commandId\": \"" + commandId + "\", \"minBackoffSeconds\": " + min
                + ", \"maxBackoffSeconds\": " + max + ", \"jitter\": 0.5, \"holdSeconds\": " + holdSeconds + "}";
    }
}

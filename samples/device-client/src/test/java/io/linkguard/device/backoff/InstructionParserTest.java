package io.linkguard.device.backoff;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.linkguard.device.reconnect.ReconnectPolicy;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class InstructionParserTest {
    static final Instant NOW = Instant.parse("2026-11-26T10:15:00Z");

    /** The example of docs/backoff-contract.md, verbatim. */
    static final String CONTRACT_EXAMPLE = """
            {
              "schema": "linkguard.backoff/1",
              "commandId": "lg-20261126T101500Z-7f3a",
              "classification": "faulty-reconnect",
              "reason": "14 connections opened while the previous one was open in 10 min (409002)",
              "minBackoffSeconds": 30,
              "maxBackoffSeconds": 600,
              "jitter": 0.5,
              "holdSeconds": 3600,
              "holdUntil": "2026-11-26T11:15:00Z",
              "advice": "Keep one client per identity; let the SDK own reconnection; do not re-create the client while it is retrying."
            }""";

    @Test
    void readsTheContractExample() {
        BackoffInstruction instruction = valid(CONTRACT_EXAMPLE);

        assertThat(instruction.commandId()).isEqualTo("lg-20261126T101500Z-7f3a");
        assertThat(instruction.policy()).isEqualTo(ReconnectPolicy.ofSeconds(30, 600, 0.5));
        assertThat(instruction.holdUntil()).isEqualTo(Instant.parse("2026-11-26T11:15:00Z"));
        assertThat(instruction.classification()).isEqualTo("faulty-reconnect");
        assertThat(instruction.reason()).startsWith("14 connections");
        assertThat(instruction.advice()).startsWith("Keep one client");
    }

    @Test
    void holdUntilWinsOverHoldSecondsAndHoldSecondsCountsFromReceipt() {
        assertThat(valid(with("holdSeconds", "60")).holdUntil()).as("both present").isEqualTo(Instant.parse("2026-11-26T11:15:00Z"));
        assertThat(valid(without("holdUntil")).holdUntil()).isEqualTo(NOW.plusSeconds(3600));
        assertThat(valid(without("holdSeconds")).holdUntil()).isEqualTo(Instant.parse("2026-11-26T11:15:00Z"));
    }

    @Test
    void ignoresFieldsItDoesNotKnowAndNeedsNoClassificationReasonOrAdvice() {
        JsonObject payload = JsonParser.parseString(CONTRACT_EXAMPLE).getAsJsonObject();
        payload.remove("classification");
        payload.remove("reason");
        payload.remove("advice");
        payload.addProperty("futureField", "x");

        assertThat(InstructionParser.parse(payload, NOW)).isInstanceOf(InstructionParser.Valid.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "schema            | \"linkguard.backoff/2\" | unknown schema 'linkguard.backoff/2' (this device understands linkguard.backoff/1)",
        "schema            | null                   | schema is required",
        "commandId         | \"\"                   | commandId must be a non-empty string",
        "commandId         | 42                     | commandId must be a non-empty string",
        "minBackoffSeconds | 0                      | minBackoffSeconds must be within 1..3600, got 0",
        "minBackoffSeconds | 30.5                   | minBackoffSeconds must be a whole number of seconds, got 30.5",
        "minBackoffSeconds | \"30\"                 | minBackoffSeconds must be a number, got \"30\"",
        "maxBackoffSeconds | 3601                   | maxBackoffSeconds must be within 1..3600, got 3601",
        "maxBackoffSeconds | 20                     | maxBackoffSeconds must be >= minBackoffSeconds",
        "maxBackoffSeconds | null                   | maxBackoffSeconds is required",
        "jitter            | 1.5                    | jitter must be within 0..1, got 1.5",
        "jitter            | null                   | jitter is required",
        "holdSeconds       | 0                      | holdSeconds must be within 1..604800, got 0",
        "holdUntil         | \"tomorrow\"           | holdUntil must be an ISO-8601 UTC time such as 2026-11-26T11:15:00Z, got 'tomorrow'",
        "holdUntil         | \"2026-12-04T10:15:01Z\" | holdUntil 2026-12-04T10:15:01Z is more than 7 days ahead",
    })
    void rejectsWithTheReason(String field, String value, String error) {
        InstructionParser.Result result = InstructionParser.parse(JsonParser.parseString(with(field, value)), NOW);

        assertThat(result).isEqualTo(new InstructionParser.Invalid(
                field.equals("commandId") ? null : "lg-20261126T101500Z-7f3a", error));
    }

    @Test
    void needsAHold() {
        JsonObject payload = JsonParser.parseString(CONTRACT_EXAMPLE).getAsJsonObject();
        payload.remove("holdSeconds");
        payload.remove("holdUntil");

        assertThat(InstructionParser.parse(payload, NOW))
                .isEqualTo(new InstructionParser.Invalid("lg-20261126T101500Z-7f3a", "holdSeconds or holdUntil is required"));
    }

    @Test
    void rejectsAnythingButAnObject() {
        assertThat(InstructionParser.parse(JsonParser.parseString("[1]"), NOW))
                .isEqualTo(new InstructionParser.Invalid(null, "payload must be a JSON object"));
        assertThat(InstructionParser.parse(JsonParser.parseString("null"), NOW))
                .isEqualTo(new InstructionParser.Invalid(null, "payload must be a JSON object"));
        assertThat(InstructionParser.parse(null, NOW)).isEqualTo(new InstructionParser.Invalid(null, "payload must be a JSON object"));
    }

    private static BackoffInstruction valid(String json) {
        InstructionParser.Result result = InstructionParser.parse(JsonParser.parseString(json), NOW);
        assertThat(result).isInstanceOf(InstructionParser.Valid.class);
        return ((InstructionParser.Valid) result).instruction();
    }

    static String with(String field, String jsonValue) {
        JsonObject payload = JsonParser.parseString(CONTRACT_EXAMPLE).getAsJsonObject();
        JsonElement value = JsonParser.parseString(jsonValue);
        payload.add(field, value);
        return payload.toString();
    }

    static String without(String field) {
        JsonObject payload = JsonParser.parseString(CONTRACT_EXAMPLE).getAsJsonObject();
        payload.remove(field);
        return payload.toString();
    }
}

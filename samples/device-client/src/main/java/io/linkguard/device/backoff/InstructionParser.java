package io.linkguard.device.backoff;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.linkguard.device.reconnect.ReconnectPolicy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Validates a back-off instruction (the method payload or the desired property value) against
 * docs/backoff-contract.md. Unknown extra fields are ignored (they may be added within schema version 1);
 * everything the device acts on must be present and in range, or the instruction is rejected with the reason.
 */
public final class InstructionParser {
    /** The longest hold a device accepts; a longer one is a mistake on the sending side. */
    public static final Duration LONGEST_HOLD = Duration.ofDays(7);
    public static final int LONGEST_BACKOFF_SECONDS = 3600;

    /** The outcome of parsing: a usable instruction, or the reason it is not. */
    public sealed interface Result permits Valid, Invalid {
    }

    public record Valid(BackoffInstruction instruction) implements Result {
    }

    /** {@code commandId} is null when the payload did not carry a readable one. */
    public record Invalid(String commandId, String error) implements Result {
    }

    private InstructionParser() {
    }

    /** Parses {@code payload} received at {@code receivedAt} ({@code holdSeconds} counts from then). */
    public static Result parse(JsonElement payload, Instant receivedAt) {
        if (payload == null || !payload.isJsonObject()) {
            return new Invalid(null, "payload must be a JSON object");
        }
        JsonObject fields = payload.getAsJsonObject();
        String readableId = optionalString(fields, "commandId");
        String commandId = readableId == null || readableId.isBlank() ? null : readableId;
        try {
            String schema = requiredString(fields, "schema");
            if (!BackoffInstruction.SCHEMA.equals(schema)) {
                throw new Problem("unknown schema '" + schema + "' (this device understands " + BackoffInstruction.SCHEMA + ")");
            }
            requiredString(fields, "commandId");
            int min = requiredInteger(fields, "minBackoffSeconds", 1, LONGEST_BACKOFF_SECONDS);
            int max = requiredInteger(fields, "maxBackoffSeconds", 1, LONGEST_BACKOFF_SECONDS);
            if (max < min) {
                throw new Problem("maxBackoffSeconds must be >= minBackoffSeconds");
            }
            double jitter = requiredNumber(fields, "jitter", 0, 1);
            Instant holdUntil = holdUntil(fields, receivedAt);
            BackoffInstruction instruction = new BackoffInstruction(commandId, ReconnectPolicy.ofSeconds(min, max, jitter),
                    holdUntil, optionalString(fields, "classification"), optionalString(fields, "reason"),
                    optionalString(fields, "advice"));
            return new Valid(instruction);
        } catch (Problem problem) {
            return new Invalid(commandId, problem.getMessage());
        }
    }

    private static Instant holdUntil(JsonObject fields, Instant receivedAt) {
        Instant latest = receivedAt.plus(LONGEST_HOLD);
        Instant fromSeconds = null;
        if (present(fields, "holdSeconds")) {
            fromSeconds = receivedAt.plusSeconds(requiredInteger(fields, "holdSeconds", 1, (int) LONGEST_HOLD.toSeconds()));
        }
        if (present(fields, "holdUntil")) {
            String text = requiredString(fields, "holdUntil");
            Instant until;
            try {
                until = Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new Problem("holdUntil must be an ISO-8601 UTC time such as 2026-11-26T11:15:00Z, got '" + text + "'");
            }
            if (until.isAfter(latest)) {
                throw new Problem("holdUntil " + text + " is more than " + LONGEST_HOLD.toDays() + " days ahead");
            }
            return until;
        }
        if (fromSeconds == null) {
            throw new Problem("holdSeconds or holdUntil is required");
        }
        return fromSeconds;
    }

    private static boolean present(JsonObject fields, String name) {
        return fields.has(name) && !fields.get(name).isJsonNull();
    }

    private static String optionalString(JsonObject fields, String name) {
        JsonElement value = fields.get(name);
        return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isString() ? value.getAsString() : null;
    }

    private static String requiredString(JsonObject fields, String name) {
        if (!present(fields, name)) {
            throw new Problem(name + " is required");
        }
        String value = optionalString(fields, name);
        if (value == null || value.isBlank()) {
            throw new Problem(name + " must be a non-empty string");
        }
        return value;
    }

    private static double requiredNumber(JsonObject fields, String name, double lowest, double highest) {
        if (!present(fields, name)) {
            throw new Problem(name + " is required");
        }
        JsonElement value = fields.get(name);
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
            throw new Problem(name + " must be a number, got " + value);
        }
        double number = value.getAsDouble();
        if (!(number >= lowest && number <= highest)) {
            throw new Problem(name + " must be within " + plain(lowest) + ".." + plain(highest) + ", got " + value);
        }
        return number;
    }

    private static int requiredInteger(JsonObject fields, String name, int lowest, int highest) {
        double number = requiredNumber(fields, name, Integer.MIN_VALUE, Integer.MAX_VALUE);
        JsonPrimitive value = fields.getAsJsonPrimitive(name);
        if (number != Math.rint(number)) {
            throw new Problem(name + " must be a whole number of seconds, got " + value);
        }
        if (number < lowest || number > highest) {
            throw new Problem(name + " must be within " + lowest + ".." + highest + ", got " + value);
        }
        return (int) number;
    }

    private static String plain(double number) {
        return new BigDecimal(Double.toString(number)).stripTrailingZeros().toPlainString();
    }

    /** A validation failure; carries the message the device answers with. */
    private static final class Problem extends RuntimeException {
        Problem(String message) {
            super(message, null, false, false);
        }
    }
}

package io.linkguard.device.backoff;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The value of {@code properties.reported.linkguard.backoff}: what the device did with the latest instruction.
 * {@code until} is when the hold ends (applied) or ended (expired); {@code error} says why it was rejected.
 */
public record ReportedBackoff(String commandId, State state, Source source, Instant until, String error) {

    public enum State {
        APPLIED("applied"),
        EXPIRED("expired"),
        REJECTED("rejected");

        private final String json;

        State(String json) {
            this.json = json;
        }

        public String json() {
            return json;
        }
    }

    static ReportedBackoff applied(BackoffInstruction instruction, Source source) {
        return new ReportedBackoff(instruction.commandId(), State.APPLIED, source, instruction.holdUntil(), null);
    }

    static ReportedBackoff expired(String commandId, Source source, Instant endedAt) {
        return new ReportedBackoff(commandId, State.EXPIRED, source, endedAt, null);
    }

    static ReportedBackoff rejected(String commandId, Source source, String error) {
        return new ReportedBackoff(commandId, State.REJECTED, source, null, error);
    }

    /**
     * All five keys, null where a field does not apply: reported properties are merge-patched, so a key left out
     * would keep its previous value (an old {@code error} next to {@code applied}).
     */
    public Map<String, Object> toMap() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("commandId", commandId);
        value.put("state", state.json());
        value.put("source", source.json());
        value.put("until", until == null ? null : until.toString());
        value.put("error", error);
        return value;
    }
}

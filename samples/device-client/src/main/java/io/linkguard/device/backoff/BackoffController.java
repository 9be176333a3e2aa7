package io.linkguard.device.backoff;

import com.google.gson.JsonElement;
import io.linkguard.device.reconnect.ReconnectPolicy;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device's back-off state (docs/backoff-contract.md), free of SDK types so it can be tested on its own.
 *
 * <ul>
 *   <li>A valid instruction replaces the reconnect policy until its {@code holdUntil}; then the normal policy
 *       returns. An invalid one changes nothing and is answered 400 / reported {@code rejected}.</li>
 *   <li>The same {@code commandId} again is the same instruction, by method or by desired property: it gets the
 *       answer it got the first time and changes nothing (the hold is not restarted, an older instruction re-read
 *       from the twin does not replace a newer one).</li>
 *   <li>Deleting the desired property ends any hold. A full twin without it ends a hold that came from it (the
 *       deletion was missed while offline); a hold that came by method stays until its time.</li>
 *   <li>Every change yields the new reported value; an unchanged value is not reported again.</li>
 * </ul>
 */
public final class BackoffController {
    private static final Logger log = LoggerFactory.getLogger(BackoffController.class);
    private static final int REMEMBERED_COMMANDS = 32;

    private final ReconnectPolicy normalPolicy;
    private final Clock clock;
    private final Map<String, MethodAnswer> handled = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, MethodAnswer> eldest) {
            return size() > REMEMBERED_COMMANDS;
        }
    };
    private BackoffInstruction active;
    private Source activeSource;
    private ReportedBackoff lastReport;

    /** A method's answer and the reported value to send, if it changed. */
    public record MethodOutcome(MethodAnswer answer, Optional<ReportedBackoff> report) {
    }

    public BackoffController(ReconnectPolicy normalPolicy, Clock clock) {
        this.normalPolicy = normalPolicy;
        this.clock = clock;
    }

    /** The back-off direct method. */
    public synchronized MethodOutcome onMethod(JsonElement payload) {
        Instant now = now();
        expireIfDue(now);
        InstructionParser.Result parsed = InstructionParser.parse(payload, now);
        MethodAnswer repeated = repeatedAnswer(parsed);
        if (repeated != null) {
            return new MethodOutcome(repeated, Optional.empty());
        }
        if (parsed instanceof InstructionParser.Invalid invalid) {
            return reject(invalid.commandId(), Source.METHOD, invalid.error());
        }
        BackoffInstruction instruction = ((InstructionParser.Valid) parsed).instruction();
        if (!instruction.holdUntil().isAfter(now)) {
            return reject(instruction.commandId(), Source.METHOD, "holdUntil " + instruction.holdUntil() + " has already passed");
        }
        MethodAnswer answer = apply(instruction, Source.METHOD);
        return new MethodOutcome(answer, report(ReportedBackoff.applied(instruction, Source.METHOD)));
    }

    /**
     * The desired property {@code linkguard.backoff} as the twin now holds it (after merging a patch, or from a
     * full twin); a JSON null or absent value means deleted.
     */
    public synchronized Optional<ReportedBackoff> onDesired(JsonElement value, boolean fullTwin) {
        Instant now = now();
        Optional<ReportedBackoff> expired = expireIfDue(now);
        if (value == null || value.isJsonNull()) {
            if (active != null && (!fullTwin || activeSource == Source.DESIRED)) {
                log.info("LinkGuard back-off {} cleared by the desired property: back to the normal reconnect policy {}",
                        active.commandId(), normalPolicy.describe());
                return endHold(now);
            }
            return expired;
        }
        InstructionParser.Result parsed = InstructionParser.parse(value, now);
        if (repeatedAnswer(parsed) != null) {
            return expired;
        }
        if (parsed instanceof InstructionParser.Invalid invalid) {
            return reject(invalid.commandId(), Source.DESIRED, invalid.error()).report();
        }
        BackoffInstruction instruction = ((InstructionParser.Valid) parsed).instruction();
        if (!instruction.holdUntil().isAfter(now)) {
            log.info("LinkGuard back-off {} (desired property) arrived after its holdUntil {}: nothing to apply",
                    instruction.commandId(), instruction.holdUntil());
            remember(instruction.commandId(), rejection("holdUntil " + instruction.holdUntil() + " has already passed"));
            return report(ReportedBackoff.expired(instruction.commandId(), Source.DESIRED, instruction.holdUntil()));
        }
        apply(instruction, Source.DESIRED);
        return report(ReportedBackoff.applied(instruction, Source.DESIRED));
    }

    /** Ends a hold whose time has come; the expired report if it did. */
    public synchronized Optional<ReportedBackoff> expireIfDue() {
        return expireIfDue(now());
    }

    /** The policy for a reconnect attempt now: the held one, or the normal one. */
    public synchronized ReconnectPolicy currentPolicy() {
        return activeInstruction().map(BackoffInstruction::policy).orElse(normalPolicy);
    }

    /** The instruction in force now, if any. */
    public synchronized Optional<BackoffInstruction> activeInstruction() {
        return active != null && active.holdUntil().isAfter(now()) ? Optional.of(active) : Optional.empty();
    }

    public ReconnectPolicy normalPolicy() {
        return normalPolicy;
    }

    /** The reported value the device last produced (what the twin should show once it is sent). */
    public synchronized Optional<ReportedBackoff> lastReport() {
        return Optional.ofNullable(lastReport);
    }

    private MethodOutcome reject(String commandId, Source source, String error) {
        log.warn("LinkGuard back-off {} ({}) rejected: {}", describeId(commandId), source.json(), error);
        MethodAnswer answer = remember(commandId, rejection(error));
        return new MethodOutcome(answer, report(ReportedBackoff.rejected(commandId, source, error)));
    }

    private MethodAnswer apply(BackoffInstruction instruction, Source source) {
        active = instruction;
        activeSource = source;
        String message = "reconnecting with back-off " + instruction.policy().describe() + " until " + instruction.holdUntil()
                + ", then back to " + normalPolicy.describe() + "; one client, no new connections";
        log.warn("LinkGuard back-off {} applied ({}, {}): {}{}", instruction.commandId(), source.json(),
                orDash(instruction.classification()), message,
                instruction.reason() == null ? "" : ". Reason: " + instruction.reason());
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("minBackoffSeconds", instruction.policy().min().toSeconds());
        policy.put("maxBackoffSeconds", instruction.policy().max().toSeconds());
        policy.put("jitter", instruction.policy().jitter());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("accepted", true);
        payload.put("commandId", instruction.commandId());
        payload.put("appliedUntil", instruction.holdUntil().toString());
        payload.put("policy", policy);
        payload.put("message", message);
        return remember(instruction.commandId(), new MethodAnswer(200, payload));
    }

    private Optional<ReportedBackoff> expireIfDue(Instant now) {
        if (active != null && !active.holdUntil().isAfter(now)) {
            log.info("LinkGuard back-off {} expired at {}: back to the normal reconnect policy {}",
                    active.commandId(), active.holdUntil(), normalPolicy.describe());
            Instant until = active.holdUntil();
            String commandId = active.commandId();
            Source source = activeSource;
            active = null;
            activeSource = null;
            return report(ReportedBackoff.expired(commandId, source, until));
        }
        return Optional.empty();
    }

    private Optional<ReportedBackoff> endHold(Instant now) {
        ReportedBackoff expired = ReportedBackoff.expired(active.commandId(), activeSource, now);
        active = null;
        activeSource = null;
        return report(expired);
    }

    private MethodAnswer repeatedAnswer(InstructionParser.Result parsed) {
        String commandId = parsed instanceof InstructionParser.Valid valid
                ? valid.instruction().commandId()
                : ((InstructionParser.Invalid) parsed).commandId();
        return commandId == null ? null : handled.get(commandId);
    }

    private MethodAnswer remember(String commandId, MethodAnswer answer) {
        if (commandId != null) {
            handled.put(commandId, answer);
        }
        return answer;
    }

    private static MethodAnswer rejection(String error) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("accepted", false);
        payload.put("error", error);
        return new MethodAnswer(400, payload);
    }

    private Optional<ReportedBackoff> report(ReportedBackoff value) {
        if (value.equals(lastReport)) {
            return Optional.empty();
        }
        lastReport = value;
        return Optional.of(value);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static String describeId(String commandId) {
        return commandId == null ? "(no commandId)" : commandId;
    }

    private static String orDash(String text) {
        return text == null ? "-" : text;
    }
}

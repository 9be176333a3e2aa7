package io.linkguard.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Functions host's {@code functionTimeout}: the app setting {@value #OVERRIDE} (the host's documented
 * override of a host.json value), else {@code host.json} in the app's root ({@value #SCRIPT_ROOT}, which the
 * host sets). Empty when neither is there or the timeout is unbounded ({@code -1}).
 */
record FunctionTimeout(Duration value, String source) {
    static final String OVERRIDE = "AzureFunctionsJobHost__functionTimeout";
    static final String SCRIPT_ROOT = "AzureWebJobsScriptRoot";
    private static final Pattern TIMESPAN = Pattern.compile("(?:(\\d+)\\.)?(\\d{1,2}):(\\d{2}):(\\d{2})");

    static Optional<FunctionTimeout> read(SettingsReader reader) {
        Optional<String> override = reader.optional(OVERRIDE);
        if (override.isPresent()) {
            return parse(override.get(), OVERRIDE, reader, OVERRIDE);
        }
        Optional<String> root = reader.optional(SCRIPT_ROOT);
        if (root.isEmpty()) {
            return Optional.empty();
        }
        Path hostJson = Path.of(root.get(), "host.json");
        if (!Files.isRegularFile(hostJson)) {
            return Optional.empty();
        }
        try {
            JsonNode timeout = new ObjectMapper().readTree(hostJson.toFile()).path("functionTimeout");
            return timeout.isTextual() ? parse(timeout.asText(), hostJson + " functionTimeout", reader, SCRIPT_ROOT)
                    : Optional.empty();
        } catch (IOException e) {
            reader.problem(SCRIPT_ROOT, hostJson + " is not readable JSON: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<FunctionTimeout> parse(String raw, String source, SettingsReader reader, String setting) {
        if (raw.equals("-1")) {
            return Optional.empty();
        }
        Matcher m = TIMESPAN.matcher(raw);
        if (!m.matches()) {
            reader.problem(setting, source + ": expected a timespan such as 00:10:00, got '" + raw + "'");
            return Optional.empty();
        }
        Duration d = Duration.ofDays(m.group(1) == null ? 0 : Long.parseLong(m.group(1)))
                .plusHours(Long.parseLong(m.group(2))).plusMinutes(Long.parseLong(m.group(3)))
                .plusSeconds(Long.parseLong(m.group(4)));
        return Optional.of(new FunctionTimeout(d, source));
    }
}

package io.linkguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The app settings a CLI run sees: LINKGUARD_* environment variables, then a local.settings.json's
 * "Values" (--settings), then --set KEY=VALUE, later ones winning — the same names the Functions app reads.
 */
final class CliSettings {
    private CliSettings() {
    }

    static Map<String, String> collect(Map<String, String> environment, String settingsFile, List<String> sets)
            throws IOException {
        Map<String, String> values = new HashMap<>();
        environment.forEach((k, v) -> {
            if (k.startsWith("LINKGUARD_")) {
                values.put(k, v);
            }
        });
        if (settingsFile != null) {
            JsonNode root = new ObjectMapper().readTree(Path.of(settingsFile).toFile());
            JsonNode settings = root.path("Values");
            if (!settings.isObject()) {
                throw new Arguments.UsageException(settingsFile + " has no \"Values\" object (expected the local.settings.json layout)");
            }
            settings.fields().forEachRemaining(e -> {
                if (e.getKey().startsWith("LINKGUARD_")) {
                    values.put(e.getKey(), e.getValue().asText());
                }
            });
        }
        for (String set : sets) {
            int eq = set.indexOf('=');
            if (eq <= 0) {
                throw new Arguments.UsageException("--set expects KEY=VALUE, got '" + set + "'");
            }
            values.put(set.substring(0, eq), set.substring(eq + 1));
        }
        return values;
    }
}

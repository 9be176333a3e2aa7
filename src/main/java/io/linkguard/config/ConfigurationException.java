package io.linkguard.config;

import java.util.List;

/** Bad configuration, found at start-up: every problem, each naming its setting and what is expected. */
public class ConfigurationException extends RuntimeException {
    private final List<String> problems;

    public ConfigurationException(List<String> problems) {
        super("invalid LinkGuard configuration:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

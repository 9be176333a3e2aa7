package io.linkguard.functions;

import io.linkguard.evidence.ControlCharacters;

import com.microsoft.azure.functions.ExecutionContext;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Log lines through the host's logger (they become Application Insights traces with the invocation id as a
 * custom dimension) in one shape: {@code linkguard <event> function=<name> invocationId=<id> [runId=<id>]
 * [more key=value] | <text>}: key=value pairs KQL can {@code parse-kv}, then the sentence an operator reads.
 * A run's summary line starts with {@code linkguard run.summary} (docs/telemetry.md). Control characters (CR, LF,
 * tab, the Unicode line separators) anywhere in a line are escaped as {@code \\uXXXX}, so a value from a request
 * (an alert rule's name, an id in an error) cannot start a forged line.
 */
final class FunctionLog {
    private final Logger logger;
    private final String prefix;

    FunctionLog(ExecutionContext context) {
        this.logger = context.getLogger();
        this.prefix = " function=" + context.getFunctionName() + " invocationId=" + context.getInvocationId();
    }

    void info(String event, String runId, String text) {
        log(Level.INFO, event, runId, text);
    }

    /** With more key=value pairs after the run id ({@code fields} already formatted, values without spaces). */
    void log(Level level, String event, String runId, String fields, String text) {
        logger.log(level, line(event, runId + " " + fields, text));
    }

    void warning(String event, String runId, String text) {
        log(Level.WARNING, event, runId, text);
    }

    void error(String event, String runId, String text, Throwable error) {
        logger.log(Level.SEVERE, line(event, runId, text), error);
    }

    private void log(Level level, String event, String runId, String text) {
        logger.log(level, line(event, runId, text));
    }

    private String line(String event, String runId, String text) {
        return escapeControls("linkguard " + event + prefix + (runId == null ? "" : " runId=" + runId) + " | " + text);
    }

    static String escapeControls(String line) {
        return ControlCharacters.escape(line);
    }
}

package io.linkguard.functions;

import com.microsoft.azure.functions.ExecutionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The ExecutionContext the host would pass, with a logger that keeps every line. */
final class TestContext implements ExecutionContext {
    private final String invocationId;
    private final String functionName;
    private final Logger logger;
    final List<LogRecord> records = new ArrayList<>();

    TestContext(String functionName, String invocationId) {
        this.functionName = functionName;
        this.invocationId = invocationId;
        this.logger = Logger.getAnonymousLogger();
        logger.setUseParentHandlers(false);
        logger.setLevel(Level.ALL);
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (records) {
                    records.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    @Override
    public Logger getLogger() {
        return logger;
    }

    @Override
    public String getInvocationId() {
        return invocationId;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    List<String> lines() {
        synchronized (records) {
            return records.stream().map(r -> r.getLevel() + " " + r.getMessage()).toList();
        }
    }

    /** The line of one event, e.g. "run.summary". */
    String line(String event) {
        return lines().stream().filter(l -> l.contains(" linkguard " + event + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + event + "' line in " + lines()));
    }
}

package io.linkguard.bench;

import com.microsoft.azure.functions.ExecutionContext;
import io.linkguard.functions.ScheduledRunFunction;
import java.lang.management.ManagementFactory;
import java.util.logging.ConsoleHandler;
import java.util.logging.Logger;

/**
 * One cold timer invocation, as the Java worker would make it in a fresh JVM: the function class is
 * instantiated with its no-argument constructor, so the runtime is built from the environment (app settings,
 * managed identity via IDENTITY_ENDPOINT) exactly as in Azure. Prints one line:
 * {@code probe jvmStart=<epoch ms> main=<epoch ms> done=<epoch ms> exit=<ok|error> | <last log line>}.
 * Run by {@link ColdStartBenchmark}; not meant to be started by hand.
 */
public final class ColdStartProbe {
    private ColdStartProbe() {
    }

    public static void main(String[] args) {
        long main = System.currentTimeMillis();
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        Logger logger = Logger.getAnonymousLogger();
        logger.setUseParentHandlers(false);
        String[] last = {""};
        logger.addHandler(new ConsoleHandler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                last[0] = record.getMessage();
                System.err.println(record.getLevel() + " " + record.getMessage());
            }
        });
        ExecutionContext context = new ExecutionContext() {
            @Override
            public Logger getLogger() {
                return logger;
            }

            @Override
            public String getInvocationId() {
                return "cold-start-probe";
            }

            @Override
            public String getFunctionName() {
                return "ScheduledRun";
            }
        };
        String exit = "ok";
        try {
            new ScheduledRunFunction().run("{\"IsPastDue\":false}", context);
        } catch (RuntimeException e) {
            exit = "error";
            e.printStackTrace();
        }
        System.out.println("probe jvmStart=" + jvmStart + " main=" + main + " done=" + System.currentTimeMillis() + " exit=" + exit
                + " | " + last[0]);
        System.exit(exit.equals("ok") ? 0 : 1);
    }
}

package io.linkguard.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import io.linkguard.pipeline.RunTrigger;
import java.util.function.Supplier;

/**
 * The timer: every {@code LINKGUARD_SCHEDULE} (default every 5 minutes) one incremental run over what was
 * ingested since the last completed run. The host already runs a timer function as a singleton; the
 * pipeline's lease additionally keeps a late run from overlapping the next one, and a past-due run simply
 * catches up (its window starts where the last completed run ended).
 */
public class ScheduledRunFunction extends RuntimeFunction {
    private static final ObjectMapper JSON = new ObjectMapper();

    public ScheduledRunFunction() {
        super(Runtimes::current);
    }

    public ScheduledRunFunction(Supplier<LinkGuardRuntime> runtime) {
        super(runtime);
    }

    @FunctionName("ScheduledRun")
    public void run(@TimerTrigger(name = "timer", schedule = "%LINKGUARD_SCHEDULE%") String timerInfo,
                    ExecutionContext context) {
        FunctionLog log = new FunctionLog(context);
        LinkGuardRuntime rt = runtime(log);
        if (pastDue(timerInfo)) {
            log.warning("timer.past-due", null, "the timer fired late: this run catches up from the last completed run");
        }
        RunReporting.run(log, rt, () -> rt.pipeline().runScheduled(RunTrigger.TIMER, context.getInvocationId()));
    }

    static boolean pastDue(String timerInfo) {
        try {
            JsonNode node = timerInfo == null ? null : JSON.readTree(timerInfo);
            return node != null && node.path("IsPastDue").asBoolean(false);
        } catch (java.io.IOException e) {
            return false;
        }
    }
}

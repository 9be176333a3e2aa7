package io.linkguard.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import io.linkguard.alerts.AlertRequest;
import io.linkguard.alerts.BadAlertException;
import io.linkguard.pipeline.RunFailedException;
import io.linkguard.pipeline.RunPipeline;
import io.linkguard.pipeline.RunTrigger;
import io.linkguard.telemetry.RunMetrics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code POST /api/alerts?code=<function key>}: an Azure Monitor action group's webhook (common alert schema),
 * e.g. a log search alert counting 409002 per device. The identities in its dimensions get a targeted
 * evaluation. Answers: 200 with the run's summary; 400 with what is wrong for a payload LinkGuard will not act
 * on; 500 for a configuration error; 503 when the evaluation failed (the action group retries).
 */
public class AlertWebhookFunction extends RuntimeFunction {
    public AlertWebhookFunction() {
        super(Runtimes::current);
    }

    public AlertWebhookFunction(Supplier<LinkGuardRuntime> runtime) {
        super(runtime);
    }

    @FunctionName("AlertWebhook")
    public HttpResponseMessage run(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.FUNCTION, route = "alerts")
            HttpRequestMessage<Optional<String>> request, ExecutionContext context) {
        FunctionLog log = new FunctionLog(context);
        return answer(request, log, rt -> evaluate(request, context, log, rt));
    }

    private static HttpResponseMessage evaluate(HttpRequestMessage<Optional<String>> request, ExecutionContext context,
                                                FunctionLog log, LinkGuardRuntime rt) {
        AlertRequest alert;
        try {
            alert = rt.alertParser().parse(request.getBody().orElse(""));
        } catch (BadAlertException e) {
            log.warning("alert.rejected", null, e.getMessage());
            RunMetrics.alert(rt.telemetry(), "rejected", 0);
            return HttpJson.respond(request, 400, Map.of("error", e.getMessage()));
        }
        if (alert.resolved()) {
            log.info("alert.resolved", null, "alert '" + alert.alertRule() + "' resolved: nothing to evaluate");
            RunMetrics.alert(rt.telemetry(), "resolved", 0);
            return HttpJson.respond(request, 200, Map.of("status", "resolved", "evaluated", 0));
        }
        RunMetrics.alert(rt.telemetry(), "accepted", alert.identities().size());
        if (alert.truncated() > 0) {
            RunMetrics.alert(rt.telemetry(), "truncated", alert.truncated());
            log.warning("alert.truncated", null, "alert '" + alert.alertRule() + "' named " + alert.truncated()
                    + " more devices than LINKGUARD_ALERT_MAX_IDENTITIES; they are left to the scheduled run");
        }
        try {
            RunPipeline.RunResult result = RunReporting.run(log, rt,
                    () -> rt.pipeline().runTargeted(RunTrigger.ALERT, context.getInvocationId(), alert.identities()));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", result.record().status().label());
            body.put("runId", result.record().runId());
            body.put("alertRule", alert.alertRule());
            body.put("identities", alert.identities().size());
            body.put("truncated", alert.truncated());
            body.put("summary", result.record().line());
            return HttpJson.respond(request, 200, body);
        } catch (RunFailedException e) {
            return HttpJson.respond(request, 503, Map.of("error", "evaluation failed; retry later", "runId", e.record().runId()));
        }
    }
}

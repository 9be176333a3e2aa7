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
import io.linkguard.evidence.IdentityIds;
import io.linkguard.pipeline.EvaluationRequest;
import io.linkguard.pipeline.RunTrigger;
import io.linkguard.telemetry.RunMetrics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code POST /api/alerts?code=<function key>}: an Azure Monitor action group's webhook (common alert schema),
 * e.g. a log search alert counting 409002 per device. The identities in its dimensions are validated, recorded in
 * the ledger ({@code queued}) and queued for the {@link EvaluationWorkerFunction worker}; the answer does not wait
 * for the evaluation (an action group gives up after 10 s and then stops calling for 15 minutes). Answers: 202
 * with the run id; 200 for a resolved alert; 400 with what is wrong for a payload LinkGuard will not act on; 429
 * beyond {@code LINKGUARD_ALERT_MAX_REQUESTS_PER_MINUTE}; 500 for a configuration error; 503 when the request
 * could not be queued (the action group retries).
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
        return answer(request, log, rt -> accept(request, context, log, rt));
    }

    private static HttpResponseMessage accept(HttpRequestMessage<Optional<String>> request, ExecutionContext context,
                                              FunctionLog log, LinkGuardRuntime rt) {
        Duration refusal = rt.alertRate().refusal();
        if (!refusal.isZero()) {
            log.warning("alert.refused", null, "more than " + rt.alertRate().perMinute()
                    + " alert requests this minute on this worker (LINKGUARD_ALERT_MAX_REQUESTS_PER_MINUTE): answered 429");
            RunMetrics.alert(rt.telemetry(), "refused", 0);
            return HttpJson.respond(request, 429, Map.of("error", "too many alert requests; retry later"),
                    Map.of("Retry-After", Long.toString(Math.max(1, refusal.toSeconds()))));
        }
        AlertRequest alert;
        try {
            alert = rt.alertParser().parse(request.getBody().orElse(""));
        } catch (BadAlertException e) {
            log.warning("alert.rejected", null, e.getMessage());
            RunMetrics.alert(rt.telemetry(), "rejected", 0);
            return HttpJson.respond(request, 400, Map.of("error", e.getMessage()));
        }
        String rule = IdentityIds.printable(alert.alertRule());
        if (alert.resolved()) {
            log.info("alert.resolved", null, "alert '" + rule + "' resolved: nothing to evaluate");
            RunMetrics.alert(rt.telemetry(), "resolved", 0);
            return HttpJson.respond(request, 200, Map.of("status", "resolved", "evaluated", 0));
        }
        RunMetrics.alert(rt.telemetry(), "accepted", alert.identities().size());
        if (alert.truncated() > 0) {
            RunMetrics.alert(rt.telemetry(), "truncated", alert.truncated());
            log.warning("alert.truncated", null, "alert '" + rule + "' named " + alert.truncated()
                    + " more devices than LINKGUARD_ALERT_MAX_IDENTITIES; they are left to the scheduled run");
        }
        EvaluationRequest queued;
        try {
            queued = Enqueue.evaluation(log, rt, RunTrigger.ALERT, context.getInvocationId(), alert.identities(),
                    "alert '" + rule + "'");
        } catch (RuntimeException e) {
            return HttpJson.respond(request, 503, Map.of("error", "the evaluation could not be queued; retry later"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "queued");
        body.put("runId", queued.runId());
        body.put("alertRule", alert.alertRule());
        body.put("identities", alert.identities().size());
        body.put("truncated", alert.truncated());
        return HttpJson.respond(request, 202, body);
    }
}

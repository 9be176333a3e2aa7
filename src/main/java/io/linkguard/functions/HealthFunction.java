package io.linkguard.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import io.linkguard.config.FunctionSettings;
import io.linkguard.pipeline.RunRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET /api/health?code=<function key>}: whether the configuration is valid (every problem named if not),
 * what LinkGuard watches, the scheduled-run watermark and the last runs from the ledger. 200 healthy, 500
 * misconfigured, 503 state storage unreachable.
 */
public class HealthFunction extends RuntimeFunction {
    public HealthFunction() {
        super(Runtimes::current);
    }

    public HealthFunction(Supplier<LinkGuardRuntime> runtime) {
        super(runtime);
    }

    @FunctionName("Health")
    public HttpResponseMessage run(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.FUNCTION, route = "health")
            HttpRequestMessage<Optional<String>> request, ExecutionContext context) {
        FunctionLog log = new FunctionLog(context);
        return answer(request, log, rt -> health(request, log, rt));
    }

    private static HttpResponseMessage health(HttpRequestMessage<Optional<String>> request, FunctionLog log, LinkGuardRuntime rt) {
        FunctionSettings f = rt.config().functions();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("hubs", f.hubs().stream().map(Object::toString).toList());
        body.put("workspaceId", f.workspaceId());
        body.put("schedule", f.schedule());
        body.put("storage", f.storage().describe());
        try {
            body.put("watermark", rt.ledger().watermark().map(Object::toString).orElse(null));
            List<RunRecord> runs = rt.ledger().recent(5);
            body.put("recentRuns", runs.stream().map(RunRecord::line).toList());
        } catch (RuntimeException e) {
            log.error("health.storage", null, "state storage unreachable: " + e.getMessage(), e);
            body.put("status", "storage-unreachable");
            body.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
            return HttpJson.respond(request, 503, body);
        }
        return HttpJson.respond(request, 200, body);
    }
}

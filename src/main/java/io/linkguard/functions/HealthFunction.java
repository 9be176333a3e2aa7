package io.linkguard.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import io.linkguard.config.ConfigurationException;
import io.linkguard.config.FunctionSettings;
import io.linkguard.pipeline.RunRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET /api/health?code=<function key>}: what an operator needs to see that LinkGuard works, and nothing
 * that maps the deployment: the status, how many hubs it watches, the scheduled-run watermark and the last runs
 * (without their error text). No workspace id, hub names, storage endpoint, schedule or exception message: those
 * are in the app settings and the function log for whoever may read them. 200 healthy; 500 misconfigured, naming
 * only the settings that are wrong (what is wrong with each is logged as config.invalid); 503 state storage
 * unreachable (the cause is logged as health.storage).
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
        LinkGuardRuntime rt;
        try {
            rt = runtime(log);
        } catch (ConfigurationException e) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "misconfigured");
            body.put("settings", e.problems().stream().map(HealthFunction::settingName).distinct().toList());
            return HttpJson.respond(request, 500, body);
        }
        return health(request, log, rt);
    }

    /** "LINKGUARD_X: what is wrong" to "LINKGUARD_X". */
    static String settingName(String problem) {
        int colon = problem.indexOf(':');
        String name = colon < 0 ? problem : problem.substring(0, colon);
        return name.matches("[A-Za-z0-9_.]{1,80}") ? name : "(see the function log)";
    }

    private static HttpResponseMessage health(HttpRequestMessage<Optional<String>> request, FunctionLog log, LinkGuardRuntime rt) {
        FunctionSettings f = rt.config().functions();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("hubs", f.hubs().size());
        try {
            body.put("watermark", rt.ledger().watermark().map(Object::toString).orElse(null));
            List<RunRecord> runs = rt.ledger().recent(5);
            body.put("recentRuns", runs.stream().map(HealthFunction::withoutError).toList());
        } catch (RuntimeException e) {
            log.error("health.storage", null, "state storage unreachable: " + e.getMessage(), e);
            return HttpJson.respond(request, 503, Map.of("status", "storage-unreachable"));
        }
        return HttpJson.respond(request, 200, body);
    }

    private static String withoutError(RunRecord run) {
        String line = run.line();
        int error = line.indexOf("; error: ");
        return error < 0 ? line : line.substring(0, error);
    }
}

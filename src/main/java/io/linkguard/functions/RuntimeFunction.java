package io.linkguard.functions;

import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import io.linkguard.config.ConfigurationException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What every function class shares: the runtime it runs on ({@link Runtimes#current} for the host, any other
 * for tests) and how a configuration error is reported before the invocation fails or answers.
 */
abstract class RuntimeFunction {
    private final Supplier<LinkGuardRuntime> runtime;

    RuntimeFunction(Supplier<LinkGuardRuntime> runtime) {
        this.runtime = runtime;
    }

    /** The runtime; a configuration error is logged ({@code config.invalid}, every problem named) and rethrown. */
    final LinkGuardRuntime runtime(FunctionLog log) {
        try {
            return runtime.get();
        } catch (ConfigurationException e) {
            log.error("config.invalid", null, e.getMessage(), null);
            throw e;
        }
    }

    /**
     * For the HTTP functions: {@code answer} on the runtime, or, when the configuration is wrong, 500
     * {@code {"status":"misconfigured","error","problems"}} naming every problem.
     */
    final HttpResponseMessage answer(HttpRequestMessage<?> request, FunctionLog log,
                                     Function<LinkGuardRuntime, HttpResponseMessage> answer) {
        LinkGuardRuntime rt;
        try {
            rt = runtime(log);
        } catch (ConfigurationException e) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "misconfigured");
            body.put("error", "LinkGuard is misconfigured");
            body.put("problems", e.problems());
            return HttpJson.respond(request, 500, body);
        }
        return answer.apply(rt);
    }
}

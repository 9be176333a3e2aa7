package io.linkguard.functions;

import io.linkguard.config.ConfigurationException;
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
}

package io.linkguard.state;

import io.linkguard.bench.Azurite;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Injects one shared Azurite (HTTP; Table, and Queue when a test asks for it) per test run; JUnit stops them after the last test. */
public final class AzuriteExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(AzuriteExtension.class);

    private record Running(Azurite azurite) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            azurite.close();
        }
    }

    private record RunningQueue(AzuriteQueue queue) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            queue.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Azurite.class || type == AzuriteQueue.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.getParameter().getType() == AzuriteQueue.class) {
            return context.getRoot().getStore(NAMESPACE)
                    .getOrComputeIfAbsent("azurite-queue", k -> new RunningQueue(AzuriteQueue.start()), RunningQueue.class).queue();
        }
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("azurite", k -> new Running(Azurite.startHttp()), Running.class).azurite();
    }
}

package io.linkguard.state;

import io.linkguard.bench.Azurite;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Injects one shared Azurite (HTTP) per test run; JUnit stops it after the last test. */
public final class AzuriteExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(AzuriteExtension.class);

    private record Running(Azurite azurite) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            azurite.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Azurite.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("azurite", k -> new Running(Azurite.startHttp()), Running.class).azurite();
    }
}

package io.linkguard.functions;

import java.util.function.Supplier;

/** Built on first use, once, then shared (a failed build is retried on the next use). */
final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> factory;
    private volatile T value;

    Lazy(Supplier<T> factory) {
        this.factory = factory;
    }

    @Override
    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                if (value == null) {
                    value = factory.get();
                }
                v = value;
            }
        }
        return v;
    }

    boolean isBuilt() {
        return value != null;
    }
}

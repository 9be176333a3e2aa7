package io.linkguard.functions;

import java.util.function.Supplier;

/**
 * The worker's runtime, for the function classes the Functions host instantiates with their no-argument
 * constructors. Built from the environment on first use; a configuration error is thrown to every invocation
 * (naming every bad setting) until the app settings are fixed and the host restarts the worker. Tests either
 * pass a runtime to the functions' other constructor or {@link #reset(Supplier) reset} the factory here.
 */
public final class Runtimes {
    private static final Object LOCK = new Object();
    private static volatile LinkGuardRuntime current;
    private static volatile Supplier<LinkGuardRuntime> factory = Runtimes::fromEnvironment;

    private Runtimes() {
    }

    public static LinkGuardRuntime current() {
        LinkGuardRuntime r = current;
        if (r == null) {
            synchronized (LOCK) {
                if (current == null) {
                    current = factory.get();
                }
                r = current;
            }
        }
        return r;
    }

    /** Forgets the runtime; the next use builds one from {@code newFactory}. */
    public static void reset(Supplier<LinkGuardRuntime> newFactory) {
        synchronized (LOCK) {
            current = null;
            factory = newFactory;
        }
    }

    /** Forgets the runtime; the next use reads the environment again. */
    public static void reset() {
        reset(Runtimes::fromEnvironment);
    }

    private static LinkGuardRuntime fromEnvironment() {
        return LinkGuardRuntime.fromEnvironment(System.getenv());
    }
}

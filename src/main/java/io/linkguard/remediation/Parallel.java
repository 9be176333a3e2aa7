package io.linkguard.remediation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs one action per identity on the run's threads (the hub adapter paces the calls to the hub's
 * throttles; this only keeps enough calls in flight to use them) and waits for all. Submission order is the
 * priority order. Sequential without a pool.
 */
final class Parallel {
    private final ExecutorService pool;

    Parallel(ExecutorService pool) {
        this.pool = pool;
    }

    <T> void each(List<T> items, Consumer<T> action) {
        if (pool == null || items.size() <= 1) {
            items.forEach(action);
            return;
        }
        List<Future<?>> futures = new ArrayList<>(items.size());
        for (T item : items) {
            futures.add(pool.submit(() -> action.accept(item)));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("remediation interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
    }
}

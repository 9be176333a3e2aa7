package io.linkguard.pacing;

import java.time.Duration;

/**
 * Monotonic time and sleeping for everything that paces calls (the Log Analytics query limit, the hub's
 * token buckets and retries): the seam that makes throttling tests fast and exact.
 */
public interface Ticker {

    long nanoTime();

    void sleep(Duration duration) throws InterruptedException;

    Ticker SYSTEM = new Ticker() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            long nanos = duration.toNanos();
            if (nanos > 0) {
                Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
            }
        }
    };
}

package io.linkguard.hub;

import java.time.Duration;

/** Monotonic time and sleeping for the hub adapter: the seam that makes throttling tests fast and exact. */
public interface HubClock {

    long nanoTime();

    void sleep(Duration duration) throws InterruptedException;

    HubClock SYSTEM = new HubClock() {
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

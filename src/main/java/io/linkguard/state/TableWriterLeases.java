package io.linkguard.state;

import io.linkguard.pacing.Ticker;
import io.linkguard.pipeline.LeaseStore;
import io.linkguard.remediation.WriterLeases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Hub writer leases as rows {@code hub:<hub>} of the lease partition ({@link TableLeaseStore}), shared by every
 * instance of the app and by {@code apply}. A taken lease is renewed every quarter of its duration under its
 * ETag. It counts as held only while its last confirmed renewal is less than two thirds of the duration old
 * (measured on this process's monotonic clock from before the renewal was sent), so a writer stops writing a
 * third of the duration before anyone else could take the lease, whatever happened to the renewals, and an
 * instance clock that runs behind by less than that third cannot let two writers overlap. A renewal that finds
 * the row gone or someone else's ends the lease for good.
 */
public final class TableWriterLeases implements WriterLeases {
    static final String PREFIX = "hub:";

    private final TableLeaseStore store;
    private final Clock clock;
    private final Duration duration;
    private final Ticker ticker;
    private final ScheduledExecutorService renewals;

    public TableWriterLeases(TableLeaseStore store, Clock clock, Duration duration) {
        this(store, clock, duration, Ticker.SYSTEM);
    }

    TableWriterLeases(TableLeaseStore store, Clock clock, Duration duration, Ticker ticker) {
        if (duration.toMillis() < 4) {
            throw new IllegalArgumentException("lease duration too short: " + duration);
        }
        this.store = store;
        this.clock = clock;
        this.duration = duration;
        this.ticker = ticker;
        this.renewals = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "linkguard-lease-renewal");
            t.setDaemon(true);
            return t;
        });
    }

    /** The lease row's name for a hub. */
    public static String leaseName(String hub) {
        return PREFIX + hub;
    }

    @Override
    public Attempt tryTake(String hub, String owner) {
        long sent = ticker.nanoTime();
        Optional<LeaseStore.Holder> holder = store.tryAcquire(leaseName(hub), owner, now(), duration);
        if (holder.isPresent()) {
            return new Busy(holder.get().owner(), holder.get().until());
        }
        return new Taken(new Held(leaseName(hub), owner, sent));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private final class Held implements WriterLease {
        private final String name;
        private final String owner;
        private final ScheduledFuture<?> renewal;
        private volatile long confirmedAt;
        private volatile String lost;

        Held(String name, String owner, long confirmedAt) {
            this.name = name;
            this.owner = owner;
            this.confirmedAt = confirmedAt;
            long period = duration.toNanos() / 4;
            this.renewal = renewals.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.NANOSECONDS);
        }

        private void renew() {
            if (lost != null) {
                return;
            }
            long sent = ticker.nanoTime();
            try {
                if (store.renew(name, owner, now(), duration)) {
                    confirmedAt = sent;
                } else {
                    lose("another run took the lease " + name);
                }
            } catch (RuntimeException e) {
                // Storage unreachable: the lease stays held until its margin runs out, and the next renewal tries again.
                if (!validNow()) {
                    lose("the lease " + name + " could not be renewed (" + e.getClass().getSimpleName() + ")");
                }
            }
        }

        private boolean validNow() {
            return ticker.nanoTime() - confirmedAt < duration.toNanos() * 2 / 3;
        }

        private void lose(String why) {
            if (lost == null) {
                lost = why;
                renewal.cancel(false);
            }
        }

        @Override
        public boolean held() {
            if (lost != null) {
                return false;
            }
            if (!validNow()) {
                lose("the lease " + name + " was not renewed within " + duration.multipliedBy(2).dividedBy(3).toSeconds()
                        + " s");
                return false;
            }
            return true;
        }

        @Override
        public String lostBecause() {
            return lost;
        }

        @Override
        public void close() {
            renewal.cancel(false);
            if (lost == null) {
                lost = "given back";
                store.release(name, owner);
            }
        }
    }
}

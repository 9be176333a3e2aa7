package io.linkguard.device.takeover;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Recognises, from the device side, another client using this identity: the hub keeps closing an established
 * connection although reconnecting works at once (the hub closes the older connection when a newer one arrives
 * with the same identity; MQTT 3.1.1 gives no reason, the socket just ends). One such close is normal (a drop, an
 * upgrade); {@code threshold} of them within {@code window} is a ping-pong with a clone.
 *
 * <p>Then the device yields instead of fighting back: it stops reconnecting for {@code cooldown} (±20 % jitter, so
 * two clones do not return in step) and comes back on probation: one more takeover before a connection has lasted
 * {@code window} yields again at once. A connection that lasts {@code window} ends the probation.
 */
public final class TakeoverDetector {
    private final int threshold;
    private final Duration window;
    private final Duration cooldown;
    private final Clock clock;
    private final DoubleSupplier random;
    private final Deque<Instant> takeovers = new ArrayDeque<>();
    private Instant connectedAt;
    private boolean probation;
    private Instant yieldUntil;

    /** Why the device is yielding, for its log. */
    public record Suspicion(int takeovers, Duration window, Duration lastConnectionLasted, boolean onProbation, Instant yieldUntil) {
    }

    public TakeoverDetector(int threshold, Duration window, Duration cooldown, Clock clock, DoubleSupplier random) {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be >= 1, got " + threshold);
        }
        if (window.isNegative() || window.isZero() || cooldown.isNegative() || cooldown.isZero()) {
            throw new IllegalArgumentException("window and cooldown must be positive, got " + window + " and " + cooldown);
        }
        this.threshold = threshold;
        this.window = window;
        this.cooldown = cooldown;
        this.clock = clock;
        this.random = random;
    }

    /** The connection is established. */
    public synchronized void connected() {
        connectedAt = clock.instant();
    }

    /**
     * The established connection was lost; {@code closedByRemote} when the other end closed it (not a timeout,
     * not this client). Returns the suspicion when the device should now yield.
     */
    public synchronized Optional<Suspicion> connectionLost(boolean closedByRemote) {
        Instant now = clock.instant();
        Instant since = connectedAt;
        connectedAt = null;
        if (since == null || !closedByRemote) {
            return Optional.empty();
        }
        Duration lasted = Duration.between(since, now);
        if (probation && lasted.compareTo(window) >= 0) {
            probation = false;
        }
        takeovers.addLast(now);
        while (Duration.between(takeovers.peekFirst(), now).compareTo(window) > 0) {
            takeovers.removeFirst();
        }
        if (!probation && takeovers.size() < threshold) {
            return Optional.empty();
        }
        long pauseMillis = Math.round(cooldown.toMillis() * (0.8 + 0.4 * random.getAsDouble()));
        yieldUntil = now.plusMillis(pauseMillis);
        Suspicion suspicion = new Suspicion(takeovers.size(), window, lasted, probation, yieldUntil);
        takeovers.clear();
        return Optional.of(suspicion);
    }

    /** True from a suspicion until {@link #resumed()}: the SDK must not reconnect meanwhile. */
    public synchronized boolean yielding() {
        return yieldUntil != null;
    }

    public synchronized Optional<Instant> yieldUntil() {
        return Optional.ofNullable(yieldUntil);
    }

    /** The cool-down is over and the device connects again, on probation. */
    public synchronized void resumed() {
        yieldUntil = null;
        probation = true;
    }

    public synchronized boolean onProbation() {
        return probation;
    }
}

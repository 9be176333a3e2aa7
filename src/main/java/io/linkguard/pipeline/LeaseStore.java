package io.linkguard.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * Short-lived exclusive claims shared by every worker of the app (Table Storage rows with ETags in Azure): one
 * scheduled run at a time, and one run acting on an identity at a time. A lease expires on its own, so a
 * crashed worker blocks nothing for longer than the lease duration.
 */
public interface LeaseStore {

    /** A lease someone else holds. */
    record Holder(String owner, Instant until) {
    }

    /**
     * Takes the lease {@code name} for {@code owner} until {@code now + duration}, if it is free or expired.
     *
     * @return empty when taken; otherwise who holds it
     */
    Optional<Holder> tryAcquire(String name, String owner, Instant now, Duration duration);

    /** Gives the lease back if {@code owner} still holds it. */
    void release(String name, String owner);

    /** Takes every free or expired lease among {@code names}; returns the ones taken. */
    Set<String> acquireAll(Collection<String> names, String owner, Instant now, Duration duration);

    /** Gives back those of {@code names} that {@code owner} still holds. */
    void releaseAll(Collection<String> names, String owner);
}

package io.linkguard.events;

import io.linkguard.evidence.Identity;
import java.time.Duration;
import java.time.Instant;

/** At most one targeted evaluation per identity per period, however many deliveries ask at once. */
public interface DebounceMarks {

    /**
     * Claims the identity's evaluation slot until {@code now + period}.
     *
     * @return true for exactly one caller per period; false when a claim is still running
     */
    boolean claim(Identity identity, Instant now, Duration period);
}

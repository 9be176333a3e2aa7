package io.linkguard.evidence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The times a Connections log row can carry: not before IoT Hub's general availability (2016-02-04; 2016-01-01
 * is used) and not after the reading clock's now plus a day (clock skew, a time zone mistaken for UTC). A row
 * outside is skipped and counted: years 0000 or 9999 would otherwise stretch a hub's observed span and so drag its
 * baseline rates towards zero.
 */
public record PlausibleTimes(long fromMillis, long toMillis) {
    public static final Instant EARLIEST = Instant.parse("2016-01-01T00:00:00Z");
    public static final Duration FUTURE_SLACK = Duration.ofDays(1);

    public static PlausibleTimes upTo(Clock clock) {
        return new PlausibleTimes(EARLIEST.toEpochMilli(), clock.instant().plus(FUTURE_SLACK).toEpochMilli());
    }

    public boolean contains(long millis) {
        return millis >= fromMillis && millis <= toMillis;
    }
}

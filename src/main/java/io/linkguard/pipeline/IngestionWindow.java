package io.linkguard.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a scheduled run reads: identities with conflicts ingested since {@code from} (the last completed
 * run's end minus an overlap, because logs arrive 3-10 minutes late and out of order), up to {@code to}
 * (now, which becomes the next run's starting point). After missed or past-due runs the window simply
 * grows, but never beyond {@code maxCatchUp}: {@code notCovered} is how much ingestion time that bound cut
 * off (zero normally), reported rather than silently dropped.
 */
public record IngestionWindow(Instant from, Instant to, Instant previousWatermark, Duration notCovered) {

    public static IngestionWindow next(Optional<Instant> watermark, Instant now, Duration overlap, Duration maxCatchUp) {
        Instant earliest = now.minus(maxCatchUp);
        if (watermark.isEmpty()) {
            return new IngestionWindow(earliest, now, null, Duration.ZERO);
        }
        Instant wanted = watermark.get().minus(overlap);
        if (wanted.isAfter(now)) {
            wanted = now.minus(overlap);
        }
        if (wanted.isBefore(earliest)) {
            return new IngestionWindow(earliest, now, watermark.get(), Duration.between(wanted, earliest));
        }
        return new IngestionWindow(wanted, now, watermark.get(), Duration.ZERO);
    }
}

package io.linkguard.classification;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.evidence.HubActivity;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class FleetEventDetectorTest {
    private static final long BIN = 300_000;
    private static final long T0 = Instant.parse("2026-11-20T08:00:00Z").toEpochMilli();
    private final FleetEventDetector detector = new FleetEventDetector(Thresholds.DEFAULTS);

    @Test
    void manyIdentitiesClosedWithPlatformCodesAreAnEvent() {
        TreeMap<Long, HubActivity.Bin> bins = quietHub();
        bins.put(T0 + 30 * BIN, new HubActivity.Bin(40, 35));
        bins.put(T0 + 31 * BIN, new HubActivity.Bin(12, 11));
        List<FleetEvent> events = detector.detect(List.of(hub(bins)));
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.trigger()).isEqualTo("platform-codes");
            assertThat(e.from()).isEqualTo(Instant.ofEpochMilli(T0 + 30 * BIN));
            assertThat(e.to()).isEqualTo(Instant.ofEpochMilli(T0 + 32 * BIN + 600_000));
            assertThat(e.peakDroppingIdentities()).isEqualTo(40);
        });
    }

    @Test
    void aSpikeOfPlainDropsFarAboveTheHubsOwnRateIsAnEvent() {
        TreeMap<Long, HubActivity.Bin> bins = quietHub();
        bins.put(T0 + 50 * BIN, new HubActivity.Bin(30, 0));
        assertThat(detector.detect(List.of(hub(bins)))).singleElement()
                .satisfies(e -> assertThat(e.trigger()).isEqualTo("mass-drop"));
    }

    @Test
    void aBusyHubsUsualDropRateIsNoEvent() {
        TreeMap<Long, HubActivity.Bin> bins = new TreeMap<>();
        for (int i = 0; i < 100; i++) {
            bins.put(T0 + i * BIN, new HubActivity.Bin(25 + i % 7, 2));
        }
        assertThat(detector.detect(List.of(hub(bins)))).isEmpty();
    }

    @Test
    void separateBurstsAreSeparateEvents() {
        TreeMap<Long, HubActivity.Bin> bins = quietHub();
        bins.put(T0 + 10 * BIN, new HubActivity.Bin(20, 20));
        bins.put(T0 + 60 * BIN, new HubActivity.Bin(20, 20));
        assertThat(detector.detect(List.of(hub(bins)))).hasSize(2);
    }

    private static TreeMap<Long, HubActivity.Bin> quietHub() {
        TreeMap<Long, HubActivity.Bin> bins = new TreeMap<>();
        for (int i = 0; i < 100; i += 3) {
            bins.put(T0 + i * BIN, new HubActivity.Bin(1, 0));
        }
        return bins;
    }

    private static HubActivity hub(TreeMap<Long, HubActivity.Bin> bins) {
        return new HubActivity("hub-a", BIN, T0, T0 + 100 * BIN, bins);
    }
}

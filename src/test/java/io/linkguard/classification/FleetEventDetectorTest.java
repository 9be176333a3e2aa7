package io.linkguard.classification;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.evidence.HubActivity;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FleetEventDetectorTest {
    private static final long BIN = 300_000;
    private static final int BINS = 100;
    private static final long T0 = Instant.parse("2026-11-20T08:00:00Z").toEpochMilli();
    private final FleetEventDetector detector = new FleetEventDetector(FleetThresholds.DEFAULTS);

    @Test
    void manyIdentitiesClosedWithUpgradeCodesAreAnEvent() {
        TreeMap<Long, HubActivity.Bin> bins = new TreeMap<>();
        bins.put(T0 + 30 * BIN, upgrade(40));
        bins.put(T0 + 31 * BIN, upgrade(12));
        List<FleetEvent> events = detector.detect(List.of(hub(400, bins)));
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.trigger()).isEqualTo("platform-codes");
            assertThat(e.from()).isEqualTo(Instant.ofEpochMilli(T0 + 30 * BIN));
            assertThat(e.to()).isEqualTo(Instant.ofEpochMilli(T0 + 32 * BIN + 600_000));
            assertThat(e.peakIdentities()).isEqualTo(40);
            assertThat(e.activeIdentities()).isEqualTo(400);
            assertThat(e.explanation()).contains("40 of 400 active identities (10.0%)").contains("400029/400030");
        });
    }

    @Test
    void aSpikeOfPlainDropsFarAboveTheHubsOwnRateIsAnEvent() {
        TreeMap<Long, HubActivity.Bin> bins = background(new SplittableRandom(1), 10_000, 0.0005, 0.003);
        bins.put(T0 + 50 * BIN, new HubActivity.Bin(900, 0, 0, 900));
        assertThat(detector.detect(List.of(hub(10_000, bins)))).singleElement()
                .satisfies(e -> assertThat(e.trigger()).isEqualTo("mass-drop"));
    }

    /** The cause of issue 11: a big hub's steady 5xx background passed a fixed count in every bin. */
    @ParameterizedTest
    @ValueSource(ints = {50, 1_000, 20_000, 200_000, 1_000_000})
    void aHubsOwnBackgroundIsNoEventAtAnySize(int active) {
        for (long seed = 1; seed <= 5; seed++) {
            TreeMap<Long, HubActivity.Bin> bins = background(new SplittableRandom(seed), active, 0.0005, 0.003);
            assertThat(detector.detect(List.of(hub(active, bins)))).as("seed %d", seed).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {50, 1_000, 20_000, 200_000})
    void anUpgradeOfAFifthOfTheHubIsFoundOverTheBackgroundAtAnySize(int active) {
        TreeMap<Long, HubActivity.Bin> bins = background(new SplittableRandom(7), active, 0.0005, 0.003);
        int hit = active / 5;
        bins.merge(T0 + 40 * BIN, upgrade(hit), FleetEventDetectorTest::sum);
        assertThat(detector.detect(List.of(hub(active, bins)))).singleElement()
                .satisfies(e -> assertThat(e.peakIdentities()).isGreaterThanOrEqualTo(hit));
    }

    @Test
    void aServerErrorSpikeCountsOnlyWellAboveTheHubsOwnServerErrors() {
        TreeMap<Long, HubActivity.Bin> bins = background(new SplittableRandom(3), 50_000, 0.002, 0.0);
        int usual = bins.values().stream().mapToInt(HubActivity.Bin::serverErrorIdentities).max().orElseThrow();
        bins.put(T0 + 20 * BIN, new HubActivity.Bin(3 * usual, 0, 3 * usual, 0));
        assertThat(detector.detect(List.of(hub(50_000, bins)))).isEmpty();
        bins.put(T0 + 20 * BIN, new HubActivity.Bin(2_000, 0, 2_000, 0));
        assertThat(detector.detect(List.of(hub(50_000, bins)))).singleElement()
                .satisfies(e -> assertThat(e.trigger()).isEqualTo("server-errors"));
    }

    @Test
    void separateBurstsAreSeparateEvents() {
        TreeMap<Long, HubActivity.Bin> bins = new TreeMap<>();
        bins.put(T0 + 10 * BIN, upgrade(20));
        bins.put(T0 + 60 * BIN, upgrade(20));
        assertThat(detector.detect(List.of(hub(200, bins)))).hasSize(2);
    }

    @Test
    void anEventIsNeverLongerThanItsBound() {
        TreeMap<Long, HubActivity.Bin> bins = new TreeMap<>();
        for (int i = 10; i < 30; i++) {
            bins.put(T0 + i * BIN, upgrade(50));
        }
        List<FleetEvent> events = detector.detect(List.of(hub(500, bins)));
        assertThat(events).hasSizeGreaterThan(1).allSatisfy(e -> assertThat(e.to().toEpochMilli() - e.from().toEpochMilli())
                .isLessThanOrEqualTo(FleetThresholds.DEFAULTS.maxEvent().plus(FleetThresholds.DEFAULTS.grace()).toMillis()));
    }

    @Test
    void fewIdentitiesOfATinyHubAreNoEvent() {
        TreeMap<Long, HubActivity.Bin> bins = new TreeMap<>();
        bins.put(T0 + 10 * BIN, upgrade(4));
        assertThat(detector.detect(List.of(hub(20, bins)))).isEmpty();
    }

    /** Poisson counts per bin for a hub of {@code active} identities with per-bin drop probabilities. */
    private static TreeMap<Long, HubActivity.Bin> background(SplittableRandom random, int active, double server, double loss) {
        TreeMap<Long, HubActivity.Bin> bins = new TreeMap<>();
        for (int i = 0; i < BINS; i++) {
            int s = poisson(random, active * server);
            int l = poisson(random, active * loss);
            if (s + l > 0) {
                bins.put(T0 + i * BIN, new HubActivity.Bin(s + l, 0, s, l));
            }
        }
        return bins;
    }

    private static int poisson(SplittableRandom random, double mean) {
        if (mean > 50) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(random)));
        }
        double limit = Math.exp(-mean);
        double p = random.nextDouble();
        int k = 0;
        while (p > limit) {
            p *= random.nextDouble();
            k++;
        }
        return k;
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static HubActivity.Bin upgrade(int n) {
        return new HubActivity.Bin(n, n, 0, 0);
    }

    private static HubActivity.Bin sum(HubActivity.Bin a, HubActivity.Bin b) {
        return new HubActivity.Bin(a.droppingIdentities() + b.droppingIdentities(), a.upgradeIdentities() + b.upgradeIdentities(),
                a.serverErrorIdentities() + b.serverErrorIdentities(), a.connectionLossIdentities() + b.connectionLossIdentities());
    }

    private static HubActivity hub(long active, TreeMap<Long, HubActivity.Bin> bins) {
        return new HubActivity("hub-a", BIN, T0, T0 + BINS * BIN, active, bins);
    }
}

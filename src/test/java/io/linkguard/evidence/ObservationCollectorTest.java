package io.linkguard.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ObservationCollectorTest {

    @Test
    void inputOrderDoesNotChangeTheObservations() {
        Timelines t = Timelines.of("d");
        for (int i = 0; i < 50; i++) {
            t.at(30 * i).drop().at(30 * i + 2).connect("A").conflict("A");
        }
        List<ConnectionEvent> shuffled = new ArrayList<>(t.events());
        Collections.shuffle(shuffled, new Random(3));
        assertThat(collect(shuffled, 256)).isEqualTo(collect(t.events(), 256));
    }

    @Test
    void eventsAtTheSameInstantAreOrderedByTheirValuesNotByArrival() {
        Timelines t = Timelines.of("d").at(5).conflict("B").conflict("A").conflict(null)
                .sdk("2.0").connect("A").sdk("1.0").connect("A").sdk(null).connect("A");
        List<ConnectionEvent> reversed = new ArrayList<>(t.events());
        Collections.reverse(reversed);
        List<TimelineEvent> timeline = collect(t.events(), 256).get(0).timeline();
        assertThat(collect(reversed, 256).get(0).timeline()).isEqualTo(timeline);
        assertThat(timeline).extracting(TimelineEvent::kind).containsExactly(EventKind.CONNECT, EventKind.CONNECT,
                EventKind.CONNECT, EventKind.CONFLICT, EventKind.CONFLICT, EventKind.CONFLICT);
        assertThat(timeline.subList(0, 3)).extracting(TimelineEvent::sdkVersion).containsExactly("1.0", "2.0", null);
        assertThat(timeline.subList(3, 6)).extracting(TimelineEvent::maskedIp).containsExactly("A", "B", null);
    }

    @Test
    void timelineKeepsTheLatestEventsAndCountsTheRestExactly() {
        Timelines t = Timelines.of("d");
        for (int i = 0; i < 100; i++) {
            t.at(i).connect("A").conflict("A");
        }
        List<ConnectionEvent> shuffled = new ArrayList<>(t.events());
        Collections.shuffle(shuffled, new Random(5));
        IdentityObservations obs = collect(shuffled, 16).get(0);
        assertThat(obs.counts().conflicts()).isEqualTo(100);
        assertThat(obs.counts().connects()).isEqualTo(100);
        assertThat(obs.timeline()).hasSize(16);
        assertThat(obs.timelineOmitted()).isEqualTo(184);
        assertThat(obs.timeline().get(0).timeMillis()).isEqualTo(Timelines.T0 + 92_000);
        assertThat(obs.timeline()).isSortedAccordingTo((a, b) -> Long.compare(a.timeMillis(), b.timeMillis()));
    }

    @Test
    void identityNumbersGiveTheSameObservationsEvenWhenANumberIsWrong() {
        List<ConnectionEvent> events = new ArrayList<>();
        for (String device : List.of("a", "b", "c")) {
            Timelines t = Timelines.of(device);
            for (int i = 0; i < 20; i++) {
                t.at(10 * i).drop().at(10 * i + 2).connect("A").conflict("A");
            }
            events.addAll(t.events());
        }
        Collections.shuffle(events, new Random(9));
        ObservationCollector numbered = new ObservationCollector(16);
        ObservationCollector misnumbered = new ObservationCollector(16);
        for (ConnectionEvent e : events) {
            int number = e.identity().deviceId().charAt(0) - 'a';
            numbered.add(e, number);
            misnumbered.add(e, e.timeMillis() % 2 == 0 ? number : 2 - number); // half the rows carry another's number
        }
        assertThat(numbered.conflictingIdentities()).isEqualTo(collect(events, 16)).hasSize(3);
        assertThat(misnumbered.conflictingIdentities()).isEqualTo(collect(events, 16));
    }

    @Test
    void eventsMonthsApartKeepTheirExactTimes() {
        // beyond 24 days from the first event an int offset overflows: the times widen to longs
        Identity id = new Identity("hub-a", "d", null);
        Random random = new Random(4);
        List<ConnectionEvent> events = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            long t = Timelines.T0 + (i == 0 ? 0 : (random.nextLong() % (200L * 86_400_000L)));
            times.add(t);
            events.add(new ConnectionEvent(id, t, EventKind.CONFLICT, "409002", "A", null, "Mqtt"));
        }
        Collections.sort(times);
        IdentityObservations obs = collect(events, 16).get(0);
        assertThat(obs.timeline()).extracting(TimelineEvent::timeMillis).containsExactlyElementsOf(times.subList(84, 100));
        assertThat(obs.firstSeenMillis()).isEqualTo(times.get(0));
        assertThat(obs.lastSeenMillis()).isEqualTo(times.get(99));
        assertThat(obs.timelineOmitted()).isEqualTo(84);
    }

    @Test
    void identitiesWithoutConflictsAreNotReportedButCountForFleetActivity() {
        ObservationCollector collector = new ObservationCollector(64);
        for (int i = 0; i < 12; i++) {
            new Timelines(new Identity("hub-a", "quiet-" + i, null)).at(100).platformFault().at(110).connect("A")
                    .events().forEach(collector::add);
        }
        assertThat(collector.conflictingIdentities()).isEmpty();
        HubActivity hub = collector.hubActivity(300_000, 60_000).get(0);
        assertThat(hub.bins().values()).singleElement()
                .satisfies(bin -> {
                    assertThat(bin.droppingIdentities()).isEqualTo(12);
                    assertThat(bin.platformIdentities()).isEqualTo(12);
                });
    }

    @Test
    void aSasRenewalIsNotAFleetDropButAPlainDropIs() {
        ObservationCollector collector = new ObservationCollector(64);
        Timelines.of("renewing").at(100).authExpired().at(105).drop().at(106).connect("A").events().forEach(collector::add);
        Timelines.of("dropping").at(100).drop().at(106).connect("A").events().forEach(collector::add);
        HubActivity hub = collector.hubActivity(300_000, 60_000).get(0);
        assertThat(hub.bins().values()).singleElement()
                .satisfies(bin -> assertThat(bin.droppingIdentities()).isEqualTo(1));
    }

    @Test
    void modulesAreIdentitiesOfTheirOwn() {
        ObservationCollector collector = new ObservationCollector(64);
        new Timelines(new Identity("hub-a", "edge", null)).at(1).connect("A").conflict("A").events().forEach(collector::add);
        new Timelines(new Identity("hub-a", "edge", "m1")).at(1).connect("A").conflict("A").events().forEach(collector::add);
        assertThat(collector.conflictingIdentities()).extracting(o -> o.identity().moduleId()).containsExactly(null, "m1");
    }

    @Test
    void timesMonthsApartAreKeptToTheMillisecond() {
        long day = 86_400L;
        Timelines t = Timelines.of("d").at(0.001).connect("A").at(40 * day + 0.002).conflict("A")
                .at(-30 * day - 0.003).drop().at(0.004).conflict("A");
        List<ConnectionEvent> reversed = new ArrayList<>(t.events());
        Collections.reverse(reversed);
        for (List<ConnectionEvent> order : List.of(t.events(), reversed)) {
            assertThat(collect(order, 256).get(0).timeline()).extracting(TimelineEvent::timeMillis).containsExactly(
                    Timelines.T0 - 30 * day * 1000 - 3, Timelines.T0 + 1, Timelines.T0 + 4, Timelines.T0 + 40 * day * 1000 + 2);
        }
    }

    @Test
    void finishReleasesTheIdentitiesAndGivesWhatTheSeparatePassesGive() {
        ObservationCollector collector = new ObservationCollector(64);
        for (int i = 0; i < 30; i++) {
            Timelines t = new Timelines(new Identity("hub-" + i % 3, "d" + i, null)).sdk("1." + i % 2).at(100 + i).drop()
                    .at(105 + i).connect("10.0.0." + i);
            (i % 4 == 0 ? t.conflict("10.0.0." + i) : t).events().forEach(collector::add);
        }
        List<IdentityObservations> conflicting = collector.conflictingIdentities();
        List<HubActivity> hubs = collector.hubActivity(300_000, 60_000);
        List<HubPopulation> populations = collector.hubPopulations();

        ObservationCollector.Collected all = collector.finish(300_000, 60_000);

        assertThat(all.identities()).isEqualTo(conflicting).hasSize(8);
        assertThat(all.hubs()).isEqualTo(hubs).hasSize(3);
        assertThat(all.populations()).isEqualTo(populations);
        assertThat(collector.identities()).isZero();
        assertThat(all.identities().get(0).timeline().get(0).sdkVersion())
                .as("one instance of an SDK version for the fleet").isSameAs(all.identities().get(2).timeline().get(0).sdkVersion());
    }

    /**
     * Many events on few instants, in random order: the timeline is the stable sort by time, kind and values,
     * whatever path the sort takes (already in order, a sort of primitive keys with runs of ties, the
     * comparator sort for times too far apart), and the newest {@code cap} of them.
     */
    @Test
    void unorderedInputWithManyTiesIsSortedAsTheDocumentedOrderSays() {
        Random random = new Random(17);
        Identity identity = new Identity("hub", "d", null);
        String[] codes = {"409002", "400027", null, "404104"};
        String[] values = {"a", "b", null, "c"};
        EventKind[] kinds = {EventKind.CONNECT, EventKind.CONFLICT, EventKind.DROP, EventKind.AUTH_EXPIRED};
        Comparator<TimelineEvent> documented = Comparator.comparingLong(TimelineEvent::timeMillis)
                .thenComparingInt(e -> e.kind().ordinal())
                .thenComparing(e -> String.valueOf(e.code())).thenComparing(e -> String.valueOf(e.maskedIp()))
                .thenComparing(e -> String.valueOf(e.sdkVersion()))
                .thenComparing(e -> e.authType() == null ? String.valueOf(e.protocol()) : e.protocol() + "\u0000" + e.authType());
        for (long spread : new long[] {0, 3, 1_000, 40L * 24 * 3_600_000, Long.MAX_VALUE / 4}) {
            for (int cap : new int[] {8, 256}) {
                List<ConnectionEvent> events = new ArrayList<>();
                for (int i = 0; i < 700; i++) {
                    long time = Timelines.T0 + (spread == 0 ? 0 : Math.floorMod(random.nextLong(), Math.min(spread, 50)) * (spread / Math.min(spread, 50)));
                    events.add(new ConnectionEvent(identity, time, kinds[random.nextInt(kinds.length)],
                            codes[random.nextInt(codes.length)], values[random.nextInt(values.length)],
                            values[random.nextInt(values.length)], values[random.nextInt(values.length)],
                            random.nextBoolean() ? null : values[random.nextInt(3)]));
                }
                List<TimelineEvent> expected = events.stream()
                        .map(e -> new TimelineEvent(e.timeMillis(), e.kind(), e.code(), e.maskedIp(), e.sdkVersion(),
                                e.protocol(), e.authType()))
                        .sorted(documented).toList();
                expected = expected.subList(expected.size() - cap, expected.size());
                for (List<ConnectionEvent> order : List.of(events, sortedBy(events, documented), reversed(events))) {
                    List<IdentityObservations> observed = collect(order, cap);
                    assertThat(observed).hasSize(1);
                    assertThat(observed.get(0).timeline()).as("spread %d, cap %d", spread, cap).isEqualTo(expected);
                }
            }
        }
    }

    private static List<ConnectionEvent> sortedBy(List<ConnectionEvent> events, Comparator<TimelineEvent> order) {
        return events.stream().sorted(Comparator.comparing(e -> new TimelineEvent(e.timeMillis(), e.kind(), e.code(),
                e.maskedIp(), e.sdkVersion(), e.protocol(), e.authType()), order)).toList();
    }

    private static List<ConnectionEvent> reversed(List<ConnectionEvent> events) {
        List<ConnectionEvent> copy = new ArrayList<>(events);
        Collections.reverse(copy);
        return copy;
    }

    private static List<IdentityObservations> collect(List<ConnectionEvent> events, int cap) {
        ObservationCollector collector = new ObservationCollector(cap);
        events.forEach(collector::add);
        return collector.conflictingIdentities();
    }
}

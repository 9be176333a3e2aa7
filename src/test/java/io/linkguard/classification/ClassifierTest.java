package io.linkguard.classification;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.evidence.EvidenceSettings;
import io.linkguard.evidence.TimeWindow;
import io.linkguard.evidence.Timelines;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassifierTest {
    private final Classifier classifier = new Classifier(Thresholds.DEFAULTS, EvidenceSettings.DEFAULTS.precursorWindow());

    @Test
    void conflictsRightAfterDropsAreTransient() {
        Timelines t = Timelines.of("d").at(0).connect("A");
        for (int i = 1; i <= 6; i++) {
            t.at(1000 * i).drop().at(1000 * i + 2).connect("A").conflict("A");
        }
        Verdict v = classifier.classify(t.evidence());
        assertThat(v.classification()).isEqualTo(Classification.TRANSIENT);
        assertThat(v.confidence()).isGreaterThan(0.9);
        assertThat(v.reasons().get(0)).contains("6 of 6 conflicts came within 120 s after a drop");
    }

    @Test
    void reopeningWhileConnectedIsFaulty() {
        Timelines t = Timelines.of("d").at(0).connect("A");
        for (int i = 1; i <= 8; i++) {
            t.at(300 * i).connect("A").conflict("A");
        }
        Verdict v = classifier.classify(t.evidence());
        assertThat(v.classification()).isEqualTo(Classification.FAULTY_RECONNECT);
        assertThat(v.reasons().get(0)).startsWith("8 of 8 conflicts had no drop in the 120 s before them");
        assertThat(v.reasons()).anyMatch(r -> r.startsWith("one client: address A"));
    }

    @Test
    void fourUnexplainedConflictsAreNotEnoughToCallADeviceFaulty() {
        Timelines t = Timelines.of("d").at(0).connect("A");
        for (int i = 1; i <= 4; i++) {
            t.at(300 * i).connect("A").conflict("A");
        }
        assertThat(classifier.classify(t.evidence()).classification()).isEqualTo(Classification.TRANSIENT);
    }

    @Test
    void repeatedConflictStormsAfterDropsAreFaulty() {
        Timelines t = Timelines.of("d");
        for (int drop = 0; drop < 2; drop++) {
            t.at(2000 * drop).drop();
            for (int k = 1; k <= 3; k++) {
                t.at(2000 * drop + 4 * k).connect("A").conflict("A");
            }
        }
        Verdict v = classifier.classify(t.evidence());
        assertThat(v.classification()).isEqualTo(Classification.FAULTY_RECONNECT);
        assertThat(v.reasons().get(0)).contains("2 drops were each followed by a storm of conflicts");
    }

    @Test
    void aSingleStormAfterOneDropIsStillTransient() {
        Timelines t = Timelines.of("d").at(0).drop();
        for (int k = 1; k <= 3; k++) {
            t.at(4 * k).connect("A").conflict("A");
        }
        assertThat(classifier.classify(t.evidence()).classification()).isEqualTo(Classification.TRANSIENT);
    }

    @Test
    void twoClientsTakingTurnsAreASharedIdentity() {
        Timelines t = Timelines.of("d").at(0).connect("A");
        String[] clients = {"B", "A"};
        for (int i = 1; i <= 8; i++) {
            t.at(30 * i).connect(clients[i % 2 == 1 ? 0 : 1]).conflict(clients[i % 2 == 1 ? 1 : 0]);
        }
        Verdict v = classifier.classify(t.evidence());
        assertThat(v.classification()).isEqualTo(Classification.SHARED_IDENTITY);
        assertThat(v.reasons().get(0)).startsWith("connections alternated between 2 addresses (A, B)");
        assertThat(v.reasons()).anyMatch(r -> r.contains("give each client its own identity"));
    }

    @Test
    void clonesBehindOneAddressAreToldApartByTheirSdkVersions() {
        Timelines t = Timelines.of("d").at(0).sdk("sdk/1").connect("NAT");
        for (int i = 1; i <= 8; i++) {
            t.at(30 * i).sdk(i % 2 == 1 ? "sdk/2" : "sdk/1").connect("NAT").conflict("NAT");
        }
        Verdict v = classifier.classify(t.evidence());
        assertThat(v.classification()).isEqualTo(Classification.SHARED_IDENTITY);
        assertThat(v.reasons().get(0)).contains("2 SDK versions");
    }

    @Test
    void aDeviceThatMovedNetworkOnceIsNotShared() {
        Timelines t = Timelines.of("d").at(0).connect("A");
        for (int i = 1; i <= 8; i++) {
            t.at(300 * i).connect(i < 4 ? "A" : "B").conflict(i < 4 ? "A" : "B");
        }
        assertThat(classifier.classify(t.evidence()).classification()).isEqualTo(Classification.FAULTY_RECONNECT);
    }

    @Test
    void conflictsInsideAFleetEventArePlatformEventEvenWhenTheyLookFaulty() {
        Timelines t = Timelines.of("d").at(0).connect("A").at(500).platformFault();
        for (int i = 1; i <= 8; i++) {
            t.at(500 + 20 * i).connect("A").conflict("A");
        }
        TimeWindow event = new TimeWindow(Timelines.T0 + 400_000, Timelines.T0 + 1_500_000);
        Verdict v = classifier.classify(t.evidence(List.of(event)));
        assertThat(v.classification()).isEqualTo(Classification.PLATFORM_EVENT);
        assertThat(v.reasons().get(0)).isEqualTo("8 of 8 conflicts fell inside a hub-wide event");
        Verdict withoutEvent = classifier.classify(t.evidence());
        assertThat(withoutEvent.classification()).as("one storm after one platform close").isEqualTo(Classification.TRANSIENT);
    }

    @Test
    void thresholdsAreHonoured() {
        Timelines t = Timelines.of("d").at(0).connect("A");
        for (int i = 1; i <= 4; i++) {
            t.at(300 * i).connect("A").conflict("A");
        }
        Thresholds lenient = new Thresholds(3, 4, 0.5, 2, 3, 0.3, FleetThresholds.DEFAULTS);
        Classifier custom = new Classifier(lenient, EvidenceSettings.DEFAULTS.precursorWindow());
        assertThat(custom.classify(t.evidence()).classification()).isEqualTo(Classification.FAULTY_RECONNECT);
    }

    @Test
    void wholeSecondsPrintsWhatPercentPointZeroFDid() {
        // The evidence rounds medians to milliseconds: every such value up to ten minutes, then every value next to
        // a half second (where rounding could differ) up to a day.
        for (long millis = 0; millis <= 600_000; millis++) {
            assertWholeSecondsAsFormat(millis / 1000.0);
        }
        for (long second = 0; second <= 86_400; second++) {
            for (long millis : new long[] {499, 500, 501}) {
                assertWholeSecondsAsFormat((second * 1000 + millis) / 1000.0);
            }
        }
    }

    private static void assertWholeSecondsAsFormat(double seconds) {
        String expected = String.format(java.util.Locale.ROOT, "%.0f", seconds);
        if (!Classifier.wholeSeconds(seconds).equals(expected)) {
            assertThat(Classifier.wholeSeconds(seconds)).as("%s s", seconds).isEqualTo(expected);
        }
    }
}

package io.linkguard.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EvidenceCalculatorTest {

    @Test
    void conflictWithinTheWindowAfterADropIsExplainedAndTheGapIsMeasured() {
        IdentityEvidence e = Timelines.of("d").at(0).connect("A")
                .at(100).drop().at(103).connect("A").conflict("A")
                .at(1000).drop().at(1200).connect("A").conflict("A")
                .evidence();
        assertThat(e.conflicts()).isEqualTo(2);
        assertThat(e.conflictsAfterPrecursor()).isEqualTo(1);
        assertThat(e.conflictsWithoutPrecursor()).isEqualTo(1);
        assertThat(e.medianSecondsFromPrecursor()).isEqualTo(3.0);
    }

    @Test
    void aDropLoggedAFewSecondsAfterItsConflictStillExplainsIt() {
        IdentityEvidence e = Timelines.of("d").at(10).connect("A").conflict("A").at(13).drop().evidence();
        assertThat(e.conflictsAfterPrecursor()).isEqualTo(1);
        IdentityEvidence late = Timelines.of("d").at(10).connect("A").conflict("A").at(30).drop().evidence();
        assertThat(late.conflictsAfterPrecursor()).isZero();
    }

    @Test
    void stormyRecoveryCountsDropsFollowedByThreeOrMoreConflicts() {
        Timelines t = Timelines.of("d");
        for (int drop = 0; drop < 2; drop++) {
            t.at(1000 * drop).drop();
            for (int k = 1; k <= 4; k++) {
                t.at(1000 * drop + 5 * k).connect("A").conflict("A");
            }
        }
        t.at(5000).drop().at(5002).connect("A").conflict("A");
        IdentityEvidence e = t.evidence();
        assertThat(e.stormyRecoveries()).isEqualTo(2);
        assertThat(e.maxConflictsAfterOnePrecursor()).isEqualTo(4);
    }

    @Test
    void returnsCountAClientComingBackAfterAnother() {
        assertThat(EvidenceCalculator.returns(List.of("A", "B", "A", "B", "A"))).isEqualTo(3);
        assertThat(EvidenceCalculator.returns(List.of("A", "B", "C", "A", "C"))).isEqualTo(2);
        assertThat(EvidenceCalculator.returns(List.of("A", "A", "B", "B", "C"))).isZero();
    }

    @Test
    void takeoverIsAConflictOfOneAddressBesideTheConnectOfAnother() {
        IdentityEvidence e = Timelines.of("d")
                .at(0).connect("A")
                .at(10).connect("B").conflict("A")
                .at(20).connect("A").conflict("B")
                .at(30).connect("A").conflict("A")
                .evidence();
        assertThat(e.conflictsAcrossAddresses()).isEqualTo(2);
        assertThat(e.distinctIps()).isEqualTo(2);
        assertThat(e.ipReturns()).isEqualTo(1);
    }

    @Test
    void conflictsInsideAFleetWindowAreSetAsideWhenTheIdentityWasHitByTheEvent() {
        Timelines t = Timelines.of("d").at(0).connect("A").at(90).platformFault().at(100).connect("A").conflict("A")
                .at(5000).connect("A").conflict("A");
        TimeWindow window = new TimeWindow(Timelines.T0 + 50_000, Timelines.T0 + 200_000);
        IdentityEvidence e = t.evidence(List.of(window));
        assertThat(e.conflictsInTimeline()).isEqualTo(2);
        assertThat(e.conflictsInFleetEvent()).isEqualTo(1);
        assertThat(e.conflictsWithoutPrecursor()).isEqualTo(1);
        assertThat(e.unexplainedShare()).isEqualTo(1.0);
    }

    @Test
    void aConflictInsideAFleetWindowWithoutADropOfItsOwnIsJudgedOnItsOwn() {
        Timelines t = Timelines.of("d").at(0).connect("A").at(100).connect("A").conflict("A")
                .at(110).drop().at(400).connect("A").conflict("A");
        TimeWindow window = new TimeWindow(Timelines.T0 + 50_000, Timelines.T0 + 900_000);
        IdentityEvidence e = t.evidence(List.of(window));
        assertThat(e.conflictsInFleetEvent()).as("the drop at 110 s is too long before the conflict at 400 s").isZero();
        assertThat(e.conflictsWithoutPrecursor()).isEqualTo(2);
    }

    @Test
    void takeoversAreConflictsFromAnotherAddressWithNoDropBeforeThem() {
        IdentityEvidence e = Timelines.of("d").at(0).connect("A")
                .at(100).drop().at(102).connect("B").conflict("A")
                .at(500).connect("A").conflict("B")
                .evidence();
        assertThat(e.conflictsAcrossAddresses()).isEqualTo(2);
        assertThat(e.takeovers()).as("only the one with no drop before it").isEqualTo(1);
    }

    @Test
    void sasRenewalsAreCountedAsHealthyNoise() {
        IdentityEvidence e = Timelines.of("d").at(0).connect("A")
                .at(3600).authExpired().at(3605).drop().at(3607).connect("A").conflict("A")
                .at(7200).authExpired().at(7210).drop()
                .evidence();
        assertThat(e.sasRenewals()).isEqualTo(2);
        assertThat(e.conflictsAfterPrecursor()).isEqualTo(1);
    }

    @Test
    void aDropAfterAnotherPrecursorIsNoRenewalInTheEvidenceOrTheFleetBins() {
        Timelines t = Timelines.of("d").at(0).connect("A")
                .at(3600).authExpired().at(3602).serverError().at(3605).drop().at(3607).connect("A").conflict("A");
        assertThat(t.evidence().sasRenewals()).isZero();
        ObservationCollector collector = new ObservationCollector(64);
        t.events().forEach(collector::add);
        assertThat(collector.hubActivity(300_000, 60_000).get(0).bins().values())
                .singleElement().satisfies(bin -> assertThat(bin.droppingIdentities()).isEqualTo(1));
    }

    @Test
    void burstAndGapMeasures() {
        Timelines t = Timelines.of("d");
        for (int i = 0; i < 6; i++) {
            t.at(60 * i).connect("A").conflict("A");
        }
        t.at(10_000).connect("A").conflict("A");
        IdentityEvidence e = t.evidence();
        assertThat(e.maxConflictsInBurstWindow()).isEqualTo(6);
        assertThat(e.medianSecondsBetweenConflicts()).isEqualTo(60.0);
        assertThat(e.firstConflict()).isBefore(e.lastConflict());
    }
}

package io.linkguard.remediation.ladder;

import static io.linkguard.classification.Classification.FAULTY_RECONNECT;
import static io.linkguard.classification.Classification.PLATFORM_EVENT;
import static io.linkguard.classification.Classification.SHARED_IDENTITY;
import static io.linkguard.classification.Classification.TRANSIENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.classification.Classification;
import io.linkguard.classification.Verdict;
import io.linkguard.evidence.EventKind;
import io.linkguard.evidence.Identity;
import io.linkguard.evidence.IdentityEvidence;
import io.linkguard.evidence.TimelineEvent;
import io.linkguard.plan.ActionPolicy;
import io.linkguard.plan.Finding;
import io.linkguard.remediation.tag.BackoffState;
import io.linkguard.remediation.tag.LinkGuardTag;
import io.linkguard.remediation.tag.Stage;
import io.linkguard.tickets.TicketState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ladder's decisions, one identity and one run at a time, no hub. */
class LadderTest {
    private static final Instant T = Instant.parse("2026-11-26T10:00:00Z");
    private static final Identity ID = new Identity("hub", "dev", null);
    private final Ladder ladder = new Ladder(LadderSettings.DEFAULTS);

    private static Finding finding(Classification c, Instant until, int conflictsInLastHour, double perHour) {
        List<TimelineEvent> timeline = new ArrayList<>();
        for (int i = 0; i < conflictsInLastHour; i++) {
            timeline.add(new TimelineEvent(until.minusSeconds(3600L * i / Math.max(1, conflictsInLastHour)).toEpochMilli(),
                    EventKind.CONFLICT, "409002", null, null, null));
        }
        timeline.sort((a, b) -> Long.compare(a.timeMillis(), b.timeMillis()));
        IdentityEvidence ev = new IdentityEvidence(conflictsInLastHour, conflictsInLastHour, 0, 0, 0, 0, 0, 0, conflictsInLastHour,
                0, conflictsInLastHour, 0, 0, 0, null, null, 0, perHour, 0, 1, 1, 1, List.of(), List.of(), List.of(), 0, 0, 0, 0, 0, 0,
                until.minusSeconds(3600), until, until.minusSeconds(3600), until, timeline.size(), 0);
        return new Finding(ID, new Verdict(c, 0.8, List.of("because")), ev, ActionPolicy.DEFAULTS.actionsFor(c), timeline);
    }

    private Decision decide(Finding f, LinkGuardTag tag, Instant now) {
        return ladder.decide(f, tag, new RunInfo(now, "run", true), () -> "lg-new");
    }

    @Test
    void firstSightingOfAFaultyIdentityIsATagAndTheBackoffComesAfterConfirmation() {
        Decision first = decide(finding(FAULTY_RECONNECT, T, 20, 20), null, T);
        assertThat(first.step()).isEqualTo(Step.TAG);
        assertThat(first.target().stage()).isEqualTo(Stage.TAG);
        assertThat(first.why()).contains("back-off at 2026-11-26T10:10:00Z");

        Decision confirmed = decide(finding(FAULTY_RECONNECT, T.plusSeconds(600), 20, 20), first.target(), T.plusSeconds(600));
        assertThat(confirmed.step()).isEqualTo(Step.BACKOFF);
        BackoffState b = confirmed.target().backoff();
        assertThat(b.commandId()).isEqualTo("lg-new");
        assertThat(b.state()).isEqualTo(BackoffState.State.PENDING);
        assertThat(b.until()).isEqualTo(T.plusSeconds(600).plus(Duration.ofMinutes(60)));
        assertThat(b.rateAtSend()).isEqualTo(20);
        assertThat(confirmed.target().stage()).isEqualTo(Stage.BACKOFF);
    }

    @Test
    void sharedIdentityIsTicketedAtOnceAndBenignClassesAreNot() {
        assertThat(decide(finding(SHARED_IDENTITY, T, 5, 5), null, T).step()).isEqualTo(Step.TICKET);
        assertThat(decide(finding(TRANSIENT, T, 5, 5), null, T).step()).isEqualTo(Step.TAG);
        Decision platform = decide(finding(PLATFORM_EVENT, T, 5, 5), null, T);
        assertThat(platform.step()).isEqualTo(Step.NONE);
        assertThat(platform.why()).contains("policy takes no action for platform-event");
    }

    private LinkGuardTag sentBackoff(double rateAtSend) {
        Decision tag = decide(finding(FAULTY_RECONNECT, T, 20, rateAtSend), null, T);
        LinkGuardTag pending = tag.target().withStage(Stage.BACKOFF, T)
                .withBackoff(BackoffState.pending("lg-1", T.plusSeconds(3600), rateAtSend));
        return pending.withBackoff(pending.backoff().withDelivery(BackoffState.State.SENT, BackoffState.Via.METHOD, T, true, null));
    }

    @Test
    void backoffIsJudgedOnlyAfterVerifyAfterAndEscalatesWhenTheRateDidNotFall() {
        LinkGuardTag sent = sentBackoff(20);
        assertThat(decide(finding(FAULTY_RECONNECT, T.plusSeconds(1800), 20, 20), sent, T.plusSeconds(1800)).step())
                .isEqualTo(Step.TAG);
        Decision judged = decide(finding(FAULTY_RECONNECT, T.plusSeconds(3600), 20, 20), sent, T.plusSeconds(3600));
        assertThat(judged.step()).isEqualTo(Step.TICKET);
        assertThat(judged.target().stage()).isEqualTo(Stage.TICKET);
        assertThat(judged.target().backoff().verdict()).isEqualTo(BackoffState.Verdict.NOT_IMPROVED);
        assertThat(judged.why()).contains("20.00 conflicts/h since the back-off vs 20.00/h before");
    }

    @Test
    void aRateThatFellEnoughIsRecordedOnceAsImproved() {
        LinkGuardTag sent = sentBackoff(20);
        Decision judged = decide(finding(FAULTY_RECONNECT, T.plusSeconds(3600), 10, 20), sent, T.plusSeconds(3600));
        assertThat(judged.step()).isEqualTo(Step.TAG);
        assertThat(judged.target().backoff().verdict()).isEqualTo(BackoffState.Verdict.IMPROVED);
        assertThat(judged.target().backoff().rateAfter()).isEqualTo(10);

        Decision again = decide(finding(FAULTY_RECONNECT, T.plusSeconds(3600), 10, 20), judged.target(), T.plusSeconds(3700));
        assertThat(again.target().backoff().verifiedAt()).as("verdict unchanged: not rewritten").isEqualTo(T.plusSeconds(3600));
    }

    @Test
    void aTimelineThatNoLongerReachesTheBackoffMeansNotCalmed() {
        LinkGuardTag sent = sentBackoff(500);
        Finding f = finding(FAULTY_RECONNECT, T.plusSeconds(7200), 3, 20);
        IdentityEvidence e = f.evidence();
        IdentityEvidence omitted = new IdentityEvidence(e.conflicts(), e.conflicts409002(), e.conflicts400027(), e.drops404104(),
                e.authExpired401003(), e.serverErrors5xx(), e.platformFaults(), e.connects(), e.conflictsInTimeline(),
                e.conflictsAfterPrecursor(), e.conflictsWithoutPrecursor(), e.conflictsInFleetEvent(),
                e.maxConflictsAfterOnePrecursor(), e.stormyRecoveries(), e.medianSecondsFromPrecursor(),
                e.medianSecondsBetweenConflicts(), e.maxConflictsInBurstWindow(), e.conflictsPerHour(), e.sasRenewals(),
                e.distinctIps(), e.distinctSdkVersions(), e.distinctProtocols(), e.ips(), e.sdkVersions(), e.protocols(),
                e.connectsInTimeline(), e.conflictsAcrossAddresses(), e.takeovers(), e.ipReturns(), e.sdkReturns(), e.alternationRatio(),
                e.firstSeen(), e.lastSeen(), e.firstConflict(), e.lastConflict(), e.timelineEvents(), 5000);
        Finding truncated = new Finding(ID, f.verdict(), omitted, f.actions(), f.timeline());
        Decision d = decide(truncated, sent, T.plusSeconds(7200));
        assertThat(d.step()).isEqualTo(Step.TICKET);
        assertThat(d.why()).contains("timeline is full");
    }

    @Test
    void pendingBackoffIsDeliveredWithItsCommandIdAndReplacedOnlyOnceExpired() {
        LinkGuardTag pending = decide(finding(FAULTY_RECONNECT, T, 20, 20), null, T).target().withStage(Stage.BACKOFF, T)
                .withBackoff(BackoffState.pending("lg-old", T.plusSeconds(3600), 20)
                        .withFailedAttempt(BackoffState.Via.METHOD, "429"));
        Decision retry = decide(finding(FAULTY_RECONNECT, T.plusSeconds(300), 20, 20), pending, T.plusSeconds(300));
        assertThat(retry.step()).isEqualTo(Step.DELIVER_PENDING);
        assertThat(retry.target().backoff().commandId()).isEqualTo("lg-old");

        Decision expired = decide(finding(FAULTY_RECONNECT, T.plusSeconds(3600), 20, 20), pending, T.plusSeconds(3600));
        assertThat(expired.step()).isEqualTo(Step.BACKOFF);
        assertThat(expired.target().backoff().commandId()).isEqualTo("lg-new");
        assertThat(expired.why()).contains("expired undelivered");
    }

    @Test
    void openTicketIsRefreshedOnlyAfterItsCooldownOrWhenItIsNotOpen() {
        LinkGuardTag ticketed = decide(finding(SHARED_IDENTITY, T, 5, 5), null, T).target()
                .withTicket(new TicketState("s", "R1", null, TicketState.Status.OPEN, T, "shared-identity"));
        assertThat(decide(finding(SHARED_IDENTITY, T.plusSeconds(3600), 5, 5), ticketed, T.plusSeconds(3600)).step())
                .isEqualTo(Step.TAG);
        assertThat(decide(finding(SHARED_IDENTITY, T.plus(Duration.ofHours(6)), 5, 5), ticketed, T.plus(Duration.ofHours(6)))
                .step()).isEqualTo(Step.TICKET);
        LinkGuardTag pendingTicket = ticketed.withTicket(new TicketState(null, null, null, TicketState.Status.PENDING, T,
                "shared-identity"));
        assertThat(decide(finding(SHARED_IDENTITY, T.plusSeconds(60), 5, 5), pendingTicket, T.plusSeconds(60)).step())
                .isEqualTo(Step.TICKET);
    }

    @Test
    void quietIdentityIsResolvedOnlyOnCompleteInputAndAfterTheQuietPeriod() {
        LinkGuardTag tagged = decide(finding(TRANSIENT, T, 2, 2), null, T).target();
        assertThat(decide(null, tagged, T.plus(Duration.ofHours(23))).step()).isEqualTo(Step.NONE);
        Decision resolve = decide(null, tagged, T.plus(Duration.ofHours(24)));
        assertThat(resolve.step()).isEqualTo(Step.RESOLVE);
        assertThat(resolve.target().stage()).isEqualTo(Stage.RESOLVED);
        assertThat(resolve.target().resolvedAt()).isEqualTo(T.plus(Duration.ofHours(24)));
        Decision incomplete = ladder.decide(null, tagged, new RunInfo(T.plus(Duration.ofHours(30)), "r", false), () -> "x");
        assertThat(incomplete.step()).isEqualTo(Step.NONE);
        assertThat(decide(null, resolve.target(), T.plus(Duration.ofHours(48))).step()).isEqualTo(Step.NONE);
    }

    @Test
    void observationKeepsTheLatestConflictAndTheEpisodeStart() {
        LinkGuardTag first = decide(finding(TRANSIENT, T, 2, 2), null, T).target();
        LinkGuardTag later = Ladder.observe(first, finding(TRANSIENT, T.minusSeconds(7200), 2, 2), T.plusSeconds(60));
        assertThat(later.lastSeen()).as("late logs never move lastSeen back").isEqualTo(T);
        assertThat(later.since()).isEqualTo(first.since());
    }
}

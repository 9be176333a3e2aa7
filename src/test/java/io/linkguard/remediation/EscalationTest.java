package io.linkguard.remediation;

import static io.linkguard.classification.Classification.FAULTY_RECONNECT;
import static io.linkguard.classification.Classification.PLATFORM_EVENT;
import static io.linkguard.classification.Classification.SHARED_IDENTITY;
import static io.linkguard.classification.Classification.TRANSIENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.evidence.Identity;
import io.linkguard.remediation.report.IdentityResult;
import io.linkguard.remediation.report.RemediationReport;
import io.linkguard.remediation.tag.BackoffState;
import io.linkguard.remediation.tag.LinkGuardTag;
import io.linkguard.remediation.tag.Stage;
import io.linkguard.tickets.TicketState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ladder over several runs against the fake hub: tag, back-off, verification, ticket, resolve. */
class EscalationTest {
    private final Harness h = new Harness();

    @Test
    void faultyIdentityClimbsTheLadderWithCooldownsAndIsResolvedWhenQuiet() {
        Identity d = h.add("meter-1");

        RemediationReport run1 = h.run(Findings.of(d, FAULTY_RECONNECT, 30, h.now()));
        assertThat(h.tag(d).stage()).isEqualTo(Stage.TAG);
        assertThat(h.tag(d).classification()).isEqualTo("faulty-reconnect");
        assertThat(h.tag(d).conflicts().perHour()).isEqualTo(30);
        assertThat(h.hub.calls(FakeHub.Op.METHOD)).as("confirmation period before any command").isZero();
        assertThat(run1.counts()).containsEntry("tag", Map.of("written", 1));

        h.advance(Duration.ofMinutes(5));
        h.run(Findings.of(d, FAULTY_RECONNECT, 30, h.now()));
        assertThat(h.hub.calls(FakeHub.Op.METHOD)).as("still confirming").isZero();

        h.advance(Duration.ofMinutes(10));
        RemediationReport run3 = h.run(Findings.of(d, FAULTY_RECONNECT, 30, h.now()));
        assertThat(h.hub.calls(FakeHub.Op.METHOD)).isEqualTo(1);
        LinkGuardTag afterBackoff = h.tag(d);
        BackoffState b = afterBackoff.backoff();
        assertThat(afterBackoff.stage()).isEqualTo(Stage.BACKOFF);
        assertThat(b.state()).isEqualTo(BackoffState.State.SENT);
        assertThat(b.via()).isEqualTo(BackoffState.Via.METHOD);
        assertThat(b.acknowledged()).isTrue();
        assertThat(b.rateAtSend()).isEqualTo(30);
        assertThat(b.until()).isEqualTo(h.now().plus(Duration.ofMinutes(60)));
        assertThat(h.hub.deliveries).singleElement().satisfies(x -> assertThat(x.instruction())
                .containsEntry("commandId", b.commandId()).containsEntry("schema", "linkguard.backoff/1"));
        assertThat(run3.counts()).containsEntry("backoff", Map.of("acknowledged-method", 1));

        h.advance(Duration.ofMinutes(30));
        RemediationReport run4 = h.run(Findings.of(d, FAULTY_RECONNECT, 30, h.now()));
        assertThat(h.hub.calls(FakeHub.Op.METHOD)).as("one back-off per episode; still verifying").isEqualTo(1);
        assertThat(run4.identities().get(0).verification()).as("not judged yet").isNull();
        assertThat(h.tickets.raised).isEmpty();

        h.advance(Duration.ofMinutes(35));
        RemediationReport run5 = h.run(Findings.of(d, FAULTY_RECONNECT, 30, h.now()));
        LinkGuardTag escalated = h.tag(d);
        assertThat(escalated.stage()).isEqualTo(Stage.TICKET);
        assertThat(escalated.backoff().verdict()).isEqualTo(BackoffState.Verdict.NOT_IMPROVED);
        assertThat(escalated.backoff().rateAfter()).isGreaterThan(15);
        assertThat(escalated.ticket().status()).isEqualTo(TicketState.Status.OPEN);
        assertThat(escalated.ticket().reference()).isEqualTo("INC-meter-1");
        assertThat(h.tickets.raised).singleElement().satisfies(r -> {
            assertThat(r.key().value()).isEqualTo("linkguard:hub-a:meter-1:faulty-reconnect");
            assertThat(r.actionsTaken()).anyMatch(l -> l.contains(b.commandId()) && l.contains("acknowledged"));
            assertThat(r.actionsTaken()).anyMatch(l -> l.contains("not-improved"));
        });
        assertThat(run5.identities().get(0).why()).contains("back-off did not calm it");
        assertThat(run5.identities().get(0).verification()).isEqualTo(BackoffState.Verdict.NOT_IMPROVED);
        assertThat(h.hub.calls(FakeHub.Op.METHOD)).isEqualTo(1);

        h.advance(Duration.ofMinutes(10));
        RemediationReport run6 = h.run(Findings.of(d, FAULTY_RECONNECT, 30, h.now()));
        assertThat(h.tickets.raised).as("ticket updates have a cooldown").hasSize(1);
        assertThat(run6.identities().get(0).verification()).as("judged once per back-off").isNull();

        h.advance(Duration.ofHours(7));
        h.run(Findings.of(d, FAULTY_RECONNECT, 30, h.now()));
        assertThat(h.tickets.raised).as("updated once the cooldown passed").hasSize(2);
        assertThat(h.tag(d).ticket().reference()).isEqualTo("INC-meter-1");

        h.advance(Duration.ofHours(23));
        RemediationReport quietTooShort = h.run();
        assertThat(h.tag(d).stage()).isEqualTo(Stage.TICKET);
        assertThat(quietTooShort.identities().get(0).why()).contains("resolves at");

        h.advance(Duration.ofHours(2));
        RemediationReport resolved = h.run();
        LinkGuardTag done = h.tag(d);
        assertThat(done.stage()).isEqualTo(Stage.RESOLVED);
        assertThat(done.resolvedAt()).isEqualTo(h.now());
        assertThat(done.ticket().status()).isEqualTo(TicketState.Status.RESOLVED);
        assertThat(h.tickets.resolved).singleElement().satisfies(r -> assertThat(r.finding()).isNull());
        assertThat(resolved.counts()).containsEntry("resolve", Map.of("resolved", 1));

        h.advance(Duration.ofHours(1));
        int writes = h.hub.writes();
        h.run();
        assertThat(h.hub.writes()).as("a resolved identity is left alone").isEqualTo(writes);
    }

    @Test
    void backoffThatCalmedTheIdentityIsNotEscalatedAndTheDesiredInstructionIsClearedOnResolve() {
        Identity d = h.add("meter-2");
        h.hub.twin(d).device = FakeHub.Device.NOT_REACHABLE;
        h.set("LINKGUARD_BACKOFF_CONFIRM_MINUTES", "0");
        h.run(Findings.of(d, FAULTY_RECONNECT, 40, h.now()));
        BackoffState sent = h.tag(d).backoff();
        assertThat(sent.via()).isEqualTo(BackoffState.Via.DESIRED);
        assertThat(h.hub.desiredBackoff(d)).containsEntry("commandId", sent.commandId());

        h.advance(Duration.ofMinutes(61));
        // conflicts only before the back-off, two after: 2 in 61 min is far below half of 40/h
        List<io.linkguard.evidence.TimelineEvent> timeline = new java.util.ArrayList<>(
                Findings.conflicts(h.now().minus(Duration.ofMinutes(120)), h.now().minus(Duration.ofMinutes(62)), 38));
        timeline.addAll(Findings.conflicts(h.now().minus(Duration.ofMinutes(30)), h.now().minus(Duration.ofMinutes(20)), 2));
        RemediationReport judged = h.run(Findings.of(d, FAULTY_RECONNECT, timeline, 20));
        assertThat(judged.identities().get(0).verification()).isEqualTo(BackoffState.Verdict.IMPROVED);
        assertThat(h.run(Findings.of(d, FAULTY_RECONNECT, timeline, 20)).identities().get(0).verification())
                .as("the verdict is already in the tag").isNull();
        LinkGuardTag verified = h.tag(d);
        assertThat(verified.stage()).isEqualTo(Stage.BACKOFF);
        assertThat(verified.backoff().verdict()).isEqualTo(BackoffState.Verdict.IMPROVED);
        assertThat(h.tickets.raised).isEmpty();

        h.advance(Duration.ofHours(25));
        h.run();
        assertThat(h.tag(d).stage()).isEqualTo(Stage.RESOLVED);
        assertThat(h.hub.desiredBackoff(d)).as("desired back-off cleared").isNull();
        assertThat(h.tickets.resolved).as("no ticket to resolve").isEmpty();
    }

    @Test
    void sharedIdentityGoesStraightToATicketAndNeverGetsABackoff() {
        Identity d = h.add("clone-1");
        RemediationReport report = h.run(Findings.of(d, SHARED_IDENTITY, 50, h.now()));
        assertThat(h.tag(d).stage()).isEqualTo(Stage.TICKET);
        assertThat(h.tag(d).ticket().reference()).isEqualTo("INC-clone-1");
        assertThat(h.hub.calls(FakeHub.Op.METHOD)).isZero();
        assertThat(h.hub.calls(FakeHub.Op.PATCH_DESIRED)).isZero();
        assertThat(report.counts()).containsEntry("ticket", Map.of("opened", 1));
        assertThat(h.hub.calls(FakeHub.Op.PATCH_TAG)).as("one write: tag and ticket together").isEqualTo(1);
    }

    @Test
    void transientIsTaggedAndPlatformEventIsOnlyObservedPerPolicy() {
        Identity t = h.add("flaky-1");
        Identity p = h.add("upgraded-1");
        RemediationReport report = h.run(Findings.of(t, TRANSIENT, 2, h.now()), Findings.of(p, PLATFORM_EVENT, 5, h.now()));
        assertThat(h.tag(t).stage()).isEqualTo(Stage.TAG);
        assertThat(h.tag(p)).isNull();
        assertThat(h.hub.calls(FakeHub.Op.READ)).as("an untagged platform-event identity is not even read").isEqualTo(1);
        assertThat(report.identities()).extracting(IdentityResult::status)
                .containsExactly(IdentityResult.Status.DONE, IdentityResult.Status.NOTHING);

        h.advance(Duration.ofHours(2));
        h.run(Findings.of(t, TRANSIENT, 2, h.now()));
        assertThat(h.hub.calls(FakeHub.Op.METHOD) + h.tickets.raised.size()).as("transient is never escalated").isZero();
    }

    @Test
    void aPlatformEventDoesNotKeepAnEpisodeOpen() {
        Identity d = h.add("meter-3");
        h.run(Findings.of(d, TRANSIENT, 2, h.now()));
        h.advance(Duration.ofHours(25));
        h.run(Findings.of(d, PLATFORM_EVENT, 9, h.now()));
        assertThat(h.tag(d).stage()).as("quiet for its own faults: resolved").isEqualTo(Stage.RESOLVED);
    }

    @Test
    void aNewEpisodeAfterResolveStartsAgainFromTheTagRung() {
        Identity d = h.add("meter-4");
        h.set("LINKGUARD_BACKOFF_CONFIRM_MINUTES", "0");
        h.run(Findings.of(d, FAULTY_RECONNECT, 30, h.now()));
        String first = h.tag(d).backoff().commandId();
        h.advance(Duration.ofHours(25));
        h.run();
        assertThat(h.tag(d).stage()).isEqualTo(Stage.RESOLVED);
        h.advance(Duration.ofHours(1));
        h.run(Findings.of(d, FAULTY_RECONNECT, 30, h.now()));
        LinkGuardTag again = h.tag(d);
        assertThat(again.stage()).isEqualTo(Stage.BACKOFF);
        assertThat(again.since()).as("the new episode's first conflict").isEqualTo(Harness.T0.plus(Duration.ofHours(25)));
        assertThat(again.backoff().commandId()).isNotEqualTo(first);
        assertThat(again.resolvedAt()).as("history kept").isNotNull();
    }

    @Test
    void incompleteInputResolvesNothing() {
        Identity d = h.add("meter-5");
        h.run(Findings.of(d, TRANSIENT, 2, h.now()));
        h.advance(Duration.ofHours(30));
        var plan = new io.linkguard.plan.Plan(new io.linkguard.evidence.InputSummary("cut", 10, 10, Map.of(), List.of(),
                "truncated gzip"), List.of(), List.of());
        RemediationReport report = h.run(plan);
        assertThat(h.tag(d).stage()).isEqualTo(Stage.TAG);
        assertThat(report.inputComplete()).isFalse();
        assertThat(report.identities().get(0).why()).contains("input incomplete");
    }
}

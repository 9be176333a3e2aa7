package io.linkguard.remediation;

import static io.linkguard.classification.Classification.FAULTY_RECONNECT;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.evidence.Identity;
import io.linkguard.plan.Finding;
import io.linkguard.remediation.report.HubWrite;
import io.linkguard.remediation.report.IdentityResult;
import io.linkguard.remediation.report.RemediationReport;
import io.linkguard.remediation.report.WriteKind;
import io.linkguard.remediation.tag.BackoffState;
import io.linkguard.remediation.tag.LinkGuardTag;
import io.linkguard.remediation.tag.Stage;
import io.linkguard.remediation.tag.TagCodec;
import io.linkguard.remediation.ladder.Ladder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Delivering a back-off: method, desired-property fallback, 412 races and faults, idempotency. */
class BackoffDeliveryTest {
    private final Harness h = new Harness();
    private Identity d;

    @BeforeEach
    void faultyDeviceBackedOffAtOnce() {
        h.set("LINKGUARD_BACKOFF_CONFIRM_MINUTES", "0");
        d = h.add("meter-1");
        h.hub.twin(d).tags.put("customer", new LinkedHashMap<>(Map.of("site", "north", "floor", 3)));
    }

    private Finding faulty() {
        return Findings.of(d, FAULTY_RECONNECT, 30, Harness.T0);
    }

    @Test
    void methodAnsweredRecordsTheAcknowledgementAndSetsNoDesiredProperty() {
        RemediationReport report = h.run(faulty());
        BackoffState b = h.tag(d).backoff();
        assertThat(b.state()).isEqualTo(BackoffState.State.SENT);
        assertThat(b.via()).isEqualTo(BackoffState.Via.METHOD);
        assertThat(b.acknowledged()).isTrue();
        assertThat(h.hub.desiredBackoff(d)).isNull();
        assertThat(h.hub.twin(d).tags.get("customer")).as("customer tags untouched").isEqualTo(Map.of("site", "north", "floor", 3));
        List<HubWrite> writes = report.writes();
        assertThat(writes).extracting(HubWrite::kind)
                .containsExactly(WriteKind.TAG_PATCH, WriteKind.METHOD, WriteKind.TAG_PATCH);
        assertThat(writes.get(0).body()).as("pending first, with its commandId").extracting("tags").extracting("linkguard")
                .extracting("backoff").extracting("state").isEqualTo("pending");
        assertThat(writes.get(1).body()).containsEntry("connectTimeoutInSeconds", 5L).containsEntry("responseTimeoutInSeconds", 10L);
    }

    @ParameterizedTest
    @EnumSource(value = FakeHub.Device.class, names = {"NOT_REACHABLE", "TIMES_OUT"})
    void unreachableDeviceGetsTheSameInstructionAsADesiredProperty(FakeHub.Device device) {
        h.hub.twin(d).device = device;
        RemediationReport report = h.run(faulty());
        BackoffState b = h.tag(d).backoff();
        assertThat(b.via()).isEqualTo(BackoffState.Via.DESIRED);
        assertThat(b.state()).isEqualTo(BackoffState.State.SENT);
        assertThat(b.acknowledged()).isFalse();
        Map<String, Object> desired = h.hub.desiredBackoff(d);
        assertThat(desired).containsEntry("commandId", b.commandId()).containsEntry("schema", "linkguard.backoff/1")
                .containsEntry("holdUntil", "2026-11-26T11:00:00Z");
        assertThat(report.counts()).containsEntry("backoff", Map.of("sent-desired", 1));
        assertThat(h.tag(d).action().outcome()).contains("desired property");
    }

    @Test
    void deviceThatRejectsTheInstructionIsRecordedAsRejected() {
        h.hub.twin(d).device = FakeHub.Device.REJECTS;
        h.run(faulty());
        assertThat(h.tag(d).backoff().state()).isEqualTo(BackoffState.State.REJECTED);
        assertThat(h.tag(d).backoff().acknowledged()).isFalse();
    }

    @Test
    void throttledMethodStaysPendingAndTheNextRunSendsTheSameCommand() {
        h.hub.failNext(FakeHub.Op.METHOD, MethodResult.Outcome.THROTTLED);
        RemediationReport first = h.run(faulty());
        LinkGuardTag pending = h.tag(d);
        assertThat(pending.backoff().state()).isEqualTo(BackoffState.State.PENDING);
        assertThat(pending.backoff().attempts()).isEqualTo(1);
        assertThat(pending.backoff().lastError()).contains("throttled");
        assertThat(first.identities().get(0).status()).isEqualTo(IdentityResult.Status.FAILED);
        assertThat(h.hub.deliveries).isEmpty();

        h.advance(Duration.ofMinutes(5));
        RemediationReport second = h.run(Findings.of(d, FAULTY_RECONNECT, 30, h.now()));
        assertThat(h.tag(d).backoff().state()).isEqualTo(BackoffState.State.SENT);
        assertThat(h.tag(d).backoff().commandId()).isEqualTo(pending.backoff().commandId());
        assertThat(h.tag(d).backoff().lastError()).isNull();
        assertThat(h.hub.deliveries).singleElement().extracting(FakeHub.Delivery::instruction)
                .extracting(m -> m.get("commandId")).isEqualTo(pending.backoff().commandId());
        assertThat(second.identities().get(0).why()).contains("not delivered");
    }

    @Test
    void pendingBackoffIsDeliveredEvenWithoutAFindingThisRun() {
        h.hub.failNext(FakeHub.Op.METHOD, MethodResult.Outcome.FAILED);
        h.run(faulty());
        h.advance(Duration.ofMinutes(5));
        h.run();
        assertThat(h.tag(d).backoff().state()).isEqualTo(BackoffState.State.SENT);
        assertThat(h.hub.calls(FakeHub.Op.METHOD)).isEqualTo(2);
    }

    @Test
    void failedIntentWriteSendsNothing() {
        h.hub.failNext(FakeHub.Op.PATCH_TAG, WriteResult.Status.FAILED);
        RemediationReport report = h.run(faulty());
        assertThat(h.hub.calls(FakeHub.Op.METHOD)).isZero();
        assertThat(h.tag(d)).isNull();
        assertThat(report.identities().get(0).status()).isEqualTo(IdentityResult.Status.FAILED);
        assertThat(report.counts().get("backoff")).containsKey("failed");
    }

    @Test
    void deliveredButUnrecordedIsResentWithTheSameCommandIdNotASecondInstruction() {
        h.hub.failNext(FakeHub.Op.PATCH_TAG, FakeHub.PASS);
        h.hub.failNext(FakeHub.Op.PATCH_TAG, WriteResult.Status.THROTTLED);
        RemediationReport first = h.run(faulty());
        assertThat(first.identities().get(0).status()).isEqualTo(IdentityResult.Status.FAILED);
        assertThat(first.identities().get(0).why()).contains("same commandId");
        String commandId = h.tag(d).backoff().commandId();
        assertThat(h.tag(d).backoff().state()).isEqualTo(BackoffState.State.PENDING);

        h.advance(Duration.ofMinutes(5));
        h.run(Findings.of(d, FAULTY_RECONNECT, 30, h.now()));
        assertThat(h.hub.deliveries).hasSize(2).allSatisfy(x -> assertThat(x.instruction().get("commandId")).isEqualTo(commandId));
        assertThat(h.tag(d).backoff().state()).isEqualTo(BackoffState.State.SENT);
    }

    @Test
    void desiredPropertyWriteFailureKeepsTheBackoffPending() {
        h.hub.twin(d).device = FakeHub.Device.NOT_REACHABLE;
        h.hub.failNext(FakeHub.Op.PATCH_DESIRED, WriteResult.Status.FAILED);
        h.run(faulty());
        assertThat(h.tag(d).backoff().state()).isEqualTo(BackoffState.State.PENDING);
        assertThat(h.tag(d).backoff().lastError()).contains("desired property not written");
        h.advance(Duration.ofMinutes(5));
        h.run();
        assertThat(h.tag(d).backoff().via()).isEqualTo(BackoffState.Via.DESIRED);
        assertThat(h.tag(d).backoff().state()).isEqualTo(BackoffState.State.SENT);
    }

    @Test
    void a412OnTheTagIsReReadAndReDecidedKeepingTheOtherWritersChange() {
        h.hub.raceNextWrite(d, twin -> twin.tags.put("customer", Map.of("site", "south")));
        RemediationReport report = h.run(faulty());
        assertThat(h.tag(d).backoff().state()).isEqualTo(BackoffState.State.SENT);
        assertThat(h.hub.twin(d).tags.get("customer")).isEqualTo(Map.of("site", "south"));
        assertThat(report.writes()).extracting(HubWrite::result)
                .containsExactly("precondition-failed", "written", "answered 200", "written");
        assertThat(h.hub.calls(FakeHub.Op.READ)).isEqualTo(2);
    }

    @Test
    void a412AfterTheMethodDoesNotInvokeItAgain() {
        h.hub.raceWrite(d, 1, twin -> { });
        RemediationReport report = h.run(faulty());
        assertThat(h.hub.calls(FakeHub.Op.METHOD)).isEqualTo(1);
        assertThat(report.writes()).extracting(HubWrite::result)
                .containsExactly("written", "answered 200", "precondition-failed", "written");
        assertThat(h.tag(d).backoff().state()).isEqualTo(BackoffState.State.SENT);
    }

    @Test
    void aBackoffAnotherRunJustDecidedIsLeftToItAndThenDeliveredWithItsCommandId() {
        h.hub.raceNextWrite(d, twin -> {
            LinkGuardTag theirs = Ladder.observe(null, faulty(), Harness.T0).withStage(Stage.BACKOFF, Harness.T0)
                    .withBackoff(BackoffState.pending("lg-other-run", Harness.T0.plus(Duration.ofHours(1)), 30))
                    .withRunId("timer-7");
            twin.tags.put("linkguard", FakeHub.copy(TagCodec.encode(theirs)));
        });
        RemediationReport report = h.run(faulty());
        assertThat(h.hub.deliveries).as("the other run is delivering it").isEmpty();
        assertThat(report.identities().get(0).why()).contains("run timer-7 is delivering back-off lg-other-run");

        h.advance(Duration.ofMinutes(2));
        h.run(Findings.of(d, FAULTY_RECONNECT, 30, h.now()));
        assertThat(h.hub.deliveries).as("the other run died: the same instruction, delivered by this one")
                .singleElement().extracting(x -> x.instruction().get("commandId")).isEqualTo("lg-other-run");
        assertThat(h.tag(d).backoff().commandId()).isEqualTo("lg-other-run");
    }

    @Test
    void persistent412GivesUpAfterThreeAttemptsWithoutSendingAnything() {
        for (int i = 0; i < 3; i++) {
            h.hub.raceNextWrite(d, twin -> { });
        }
        RemediationReport report = h.run(faulty());
        assertThat(report.identities().get(0).status()).isEqualTo(IdentityResult.Status.FAILED);
        assertThat(report.identities().get(0).why()).contains("412 3 times");
        assertThat(h.hub.calls(FakeHub.Op.METHOD)).isZero();
        assertThat(h.tag(d)).isNull();
    }

    @Test
    void runningTheSamePlanTwiceChangesNothingTheSecondTime() {
        Identity shared = h.add("clone-1");
        Identity unreachable = h.add("meter-2");
        h.hub.twin(unreachable).device = FakeHub.Device.NOT_REACHABLE;
        io.linkguard.plan.Plan plan = Findings.plan(faulty(),
                Findings.of(shared, io.linkguard.classification.Classification.SHARED_IDENTITY, 20, Harness.T0),
                Findings.of(unreachable, FAULTY_RECONNECT, 25, Harness.T0));
        h.run(plan);
        Map<String, Object> tagsBefore = h.hub.linkguardTag(d);
        int writes = h.hub.writes();
        int tickets = h.tickets.raised.size();

        RemediationReport second = h.run(plan);
        assertThat(h.hub.writes()).isEqualTo(writes);
        assertThat(h.tickets.raised).hasSize(tickets);
        assertThat(h.hub.linkguardTag(d)).isEqualTo(tagsBefore);
        assertThat(second.identities()).extracting(IdentityResult::status).containsOnly(IdentityResult.Status.NOTHING);
        assertThat(second.writes()).isEmpty();
    }

    @Test
    void moduleIdentitiesAreBackedOffOnTheirModuleTwin() {
        Identity module = new Identity(Harness.HUB, "gateway-1", "modbus");
        h.hub.add(module);
        h.run(Findings.of(module, FAULTY_RECONNECT, 30, Harness.T0));
        assertThat(h.hub.deliveries).singleElement().extracting(FakeHub.Delivery::identity).isEqualTo(module);
        assertThat(h.tag(module).backoff().state()).isEqualTo(BackoffState.State.SENT);
    }

    @Test
    void identityMissingFromTheRegistryIsSkipped() {
        Identity ghost = Harness.device("deleted-1");
        RemediationReport report = h.run(faulty(), Findings.of(ghost, FAULTY_RECONNECT, 30, Harness.T0));
        assertThat(report.identities()).filteredOn(r -> r.identity().equals(ghost)).singleElement()
                .satisfies(r -> assertThat(r.actions()).extracting("outcome").containsExactly("not-found"));
    }

    @Test
    void unreadableTwinIsAFailureForThatIdentityOnly() {
        Identity other = h.add("meter-2");
        h.hub.failNext(FakeHub.Op.READ, "503");
        RemediationReport report = h.run(faulty(), Findings.of(other, FAULTY_RECONNECT, 30, Harness.T0));
        assertThat(report.statuses()).containsEntry("failed", 1).containsEntry("done", 1);
    }
}

package io.linkguard.remediation;

import static io.linkguard.classification.Classification.FAULTY_RECONNECT;
import static io.linkguard.classification.Classification.SHARED_IDENTITY;
import static io.linkguard.classification.Classification.TRANSIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkguard.evidence.Identity;
import io.linkguard.plan.Finding;
import io.linkguard.plan.Plan;
import io.linkguard.remediation.report.HubResult;
import io.linkguard.remediation.report.HubWrite;
import io.linkguard.remediation.report.IdentityResult;
import io.linkguard.remediation.report.RemediationReport;
import io.linkguard.remediation.report.WriteKind;
import io.linkguard.remediation.safety.Mode;
import io.linkguard.remediation.tag.Stage;
import io.linkguard.tickets.TicketOutcome;
import io.linkguard.tickets.TicketPort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Modes, caps, the fleet guard, suppressions and robustness against what an operator or a sink may do. */
class SafetyTest {
    private final Harness h = new Harness();

    private Plan mixedFleet() {
        h.set("LINKGUARD_BACKOFF_CONFIRM_MINUTES", "0");
        Identity faulty = h.add("meter-1");
        Identity unreachable = h.add("meter-2");
        h.hub.twin(unreachable).device = FakeHub.Device.NOT_REACHABLE;
        Identity shared = h.add("clone-1");
        Identity flaky = h.add("flaky-1");
        return Findings.plan(Findings.of(faulty, FAULTY_RECONNECT, 30, h.now()),
                Findings.of(unreachable, FAULTY_RECONNECT, 25, h.now()),
                Findings.of(shared, SHARED_IDENTITY, 10, h.now()),
                Findings.of(flaky, TRANSIENT, 2, h.now()));
    }

    @Test
    void dryRunWritesNothingAndListsEveryWrite() {
        Plan plan = mixedFleet();
        h.set("LINKGUARD_MODE", "dry-run");
        RemediationReport dry = h.run(plan);
        assertThat(h.hub.writes()).isZero();
        assertThat(h.tickets.raised).isEmpty();
        assertThat(dry.identities()).extracting(IdentityResult::status).containsOnly(IdentityResult.Status.WOULD_DO);
        assertThat(dry.writes()).allSatisfy(w -> assertThat(w.result()).startsWith("would-"));
        assertThat(dry.writes()).extracting(w -> w.kind() + " " + w.target()).containsExactly(
                "TICKET_RAISE linkguard:hub-a:clone-1:shared-identity", "TAG_PATCH hub-a/clone-1",
                "TAG_PATCH hub-a/flaky-1",
                "TAG_PATCH hub-a/meter-1", "METHOD hub-a/meter-1", "DESIRED_PATCH hub-a/meter-1", "TAG_PATCH hub-a/meter-1",
                "TAG_PATCH hub-a/meter-2", "METHOD hub-a/meter-2", "DESIRED_PATCH hub-a/meter-2", "TAG_PATCH hub-a/meter-2");
        assertThat(dry.writes()).filteredOn(w -> w.kind() == WriteKind.DESIRED_PATCH)
                .allSatisfy(w -> assertThat(w.condition()).contains("404"));
        assertThat(dry.counts().get("backoff")).containsEntry("would-acknowledged-method", 2);
    }

    @Test
    void enforceMakesExactlyTheWritesTheDryRunListed() {
        h.set("LINKGUARD_BACKOFF_CONFIRM_MINUTES", "0");
        Identity reachable = h.add("meter-1");
        Identity unreachable = h.add("meter-2");
        Identity flaky = h.add("flaky-1");
        Plan plan = Findings.plan(Findings.of(reachable, FAULTY_RECONNECT, 30, h.now()),
                Findings.of(unreachable, FAULTY_RECONNECT, 25, h.now()), Findings.of(flaky, TRANSIENT, 2, h.now()));
        h.set("LINKGUARD_MODE", "dry-run");
        RemediationReport dry = h.run(plan);
        h.hub.twin(unreachable).device = FakeHub.Device.NOT_REACHABLE;
        h.set("LINKGUARD_MODE", "enforce");
        RemediationReport enforced = h.run(plan);

        List<HubWrite> listed = dry.writes();
        List<HubWrite> made = enforced.writes();
        assertThat(comparable(made.stream().filter(w -> !w.target().endsWith("meter-2")).toList()))
                .as("where the devices behave as the dry-run assumes, the very same writes")
                .isEqualTo(comparable(listed.stream().filter(w -> w.condition() == null && !w.target().endsWith("meter-2"))
                        .toList()));
        HubWrite conditional = listed.stream().filter(w -> w.kind() == WriteKind.DESIRED_PATCH && w.target().endsWith("meter-2"))
                .findFirst().orElseThrow();
        HubWrite fallback = made.stream().filter(w -> w.kind() == WriteKind.DESIRED_PATCH).findFirst().orElseThrow();
        assertThat(fallback.target()).endsWith("meter-2");
        assertThat(fallback.body()).as("the listed fallback is the one written").isEqualTo(conditional.body());
    }

    /** Kind, target and body of each write, the run id in tag patches blanked (the runs differ by it). */
    private static List<String> comparable(List<HubWrite> writes) {
        return writes.stream().map(w -> w.kind() + " " + w.target() + " " + runId(w.body(), "*")).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> runId(Map<String, Object> body, String runId) {
        Map<String, Object> copy = FakeHub.copy(body);
        if (copy.get("tags") instanceof Map<?, ?> tags && tags.get("linkguard") instanceof Map<?, ?> lg
                && lg.containsKey("runId")) {
            ((Map<String, Object>) lg).put("runId", runId);
        }
        return copy;
    }

    @Test
    void observeModeNeedsNoHubAndTouchesNothing() {
        Plan plan = mixedFleet();
        h.set("LINKGUARD_MODE", "observe");
        RemediationReport report = new Remediator(RemediationSettings.fromSettings(h.settings), null, null, h.clock)
                .run(plan, List.of(), "observe-1");
        assertThat(report.identities()).hasSize(4).extracting(IdentityResult::status).containsOnly(IdentityResult.Status.OBSERVED);
        assertThat(report.counts().get("observe")).containsEntry("faulty-reconnect", 2).containsEntry("shared-identity", 1);
        assertThat(report.hubs()).singleElement().extracting(HubResult::status).isEqualTo(HubResult.Status.OBSERVED);
        assertThat(h.hub.calls(FakeHub.Op.READ) + h.hub.writes()).isZero();
    }

    @Test
    void enforceWithoutAGatewayIsRefused() {
        assertThatThrownBy(() -> new Remediator(RemediationSettings.DEFAULTS.withMode(Mode.ENFORCE), null, null, h.clock))
                .hasMessageContaining("needs a hub gateway");
    }

    @Test
    void defaultModeIsNotEnforce() {
        assertThat(RemediationSettings.fromSettings(Map.of()).mode()).isEqualTo(Mode.DRY_RUN);
    }

    @Test
    void backoffCapActsOnTheBusiestFirstAndTagsTheRest() {
        h.set("LINKGUARD_BACKOFF_CONFIRM_MINUTES", "0").set("LINKGUARD_MAX_BACKOFFS_PER_RUN", "2");
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            findings.add(Findings.of(h.add("meter-" + i), FAULTY_RECONNECT, 10 + i * 10, h.now()));
        }
        RemediationReport report = h.run(findings);
        assertThat(h.hub.deliveries).extracting(d -> d.identity().deviceId()).containsExactlyInAnyOrder("meter-4", "meter-3");
        assertThat(report.counts().get("backoff")).containsEntry("acknowledged-method", 2).containsEntry("capped", 3);
        assertThat(h.tag(Harness.device("meter-0")).stage()).as("capped identities are still tagged").isEqualTo(Stage.TAG);

        h.advance(Duration.ofMinutes(5));
        h.run(findings.stream().map(f -> Findings.of(f.identity(), FAULTY_RECONNECT, f.evidence().conflictsPerHour(), h.now()))
                .toList());
        assertThat(h.hub.deliveries).as("the next run continues").hasSize(4);
    }

    @Test
    void tagWriteCapStopsWritingAndSaysWhich() {
        h.set("LINKGUARD_MAX_TAG_WRITES_PER_RUN", "2");
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            findings.add(Findings.of(h.add("flaky-" + i), TRANSIENT, 2, h.now()));
        }
        RemediationReport report = h.run(findings);
        assertThat(h.hub.calls(FakeHub.Op.PATCH_TAG)).isEqualTo(2);
        assertThat(report.counts().get("skip")).containsEntry("cap", 2);
        assertThat(report.identities()).filteredOn(r -> r.status() == IdentityResult.Status.SKIPPED)
                .allSatisfy(r -> assertThat(r.why()).isNotBlank());
        assertThat(report.identities()).flatExtracting(IdentityResult::actions)
                .anySatisfy(a -> assertThat(a.detail()).contains("LINKGUARD_MAX_TAG_WRITES_PER_RUN (2 per hub per 5 min)"));
    }

    @Test
    void ticketCapLeavesTheRestForTheNextRun() {
        h.set("LINKGUARD_MAX_TICKETS_PER_RUN", "1");
        RemediationReport report = h.run(Findings.of(h.add("clone-1"), SHARED_IDENTITY, 10, h.now()),
                Findings.of(h.add("clone-2"), SHARED_IDENTITY, 12, h.now()));
        assertThat(h.tickets.raised).hasSize(1);
        assertThat(report.counts().get("ticket")).containsEntry("opened", 1).containsEntry("capped", 1);
    }

    @ParameterizedTest(name = "hub concurrency {0}")
    @ValueSource(strings = {"1", "4"})
    void ticketCapGoesToTheIdentitiesWithMostConflictsTiesByIdentity(String concurrency) {
        h.set("LINKGUARD_MAX_TICKETS_PER_RUN", "2").set("LINKGUARD_HUB_CONCURRENCY", concurrency);
        RemediationReport report = h.run(Findings.of(h.add("clone-a"), SHARED_IDENTITY, 10, h.now()),
                Findings.of(h.add("clone-b"), SHARED_IDENTITY, 30, h.now()),
                Findings.of(h.add("clone-c"), SHARED_IDENTITY, 30, h.now()),
                Findings.of(h.add("clone-d"), SHARED_IDENTITY, 50, h.now()));
        assertThat(h.tickets.raised).extracting(r -> r.key().value()).containsExactlyInAnyOrder(
                "linkguard:hub-a:clone-d:shared-identity", "linkguard:hub-a:clone-b:shared-identity");
        assertThat(report.identities()).filteredOn(r -> r.actions().stream().anyMatch(a -> a.outcome().equals("capped")))
                .extracting(r -> r.identity().deviceId()).containsExactlyInAnyOrder("clone-a", "clone-c");
    }

    @ParameterizedTest(name = "hub concurrency {0}")
    @ValueSource(strings = {"1", "4"})
    void tagWriteCapGoesToTheIdentitiesWithMostConflictsTiesByIdentity(String concurrency) {
        h.set("LINKGUARD_MAX_TAG_WRITES_PER_RUN", "2").set("LINKGUARD_HUB_CONCURRENCY", concurrency);
        int[] conflicts = {2, 5, 9, 5, 1};
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < conflicts.length; i++) {
            findings.add(Findings.of(h.add("flaky-" + i), TRANSIENT, conflicts[i], h.now()));
        }
        RemediationReport report = h.run(findings);
        assertThat(report.identities()).filteredOn(r -> r.status() == IdentityResult.Status.DONE)
                .extracting(r -> r.identity().deviceId()).containsExactlyInAnyOrder("flaky-2", "flaky-1");
        assertThat(h.tag(Harness.device("flaky-0"))).as("plan order would have written this one").isNull();
        assertThat(h.tag(Harness.device("flaky-3"))).as("tied with flaky-1, later by identity").isNull();
    }

    @Test
    void fleetGuardHoldsBackTheWholeHubAndSaysWhy() {
        h.hubSize = 20;
        h.set("LINKGUARD_BACKOFF_CONFIRM_MINUTES", "0").set("LINKGUARD_FLEET_GUARD_SHARE", "0.1")
                .set("LINKGUARD_FLEET_GUARD_MIN_IDENTITIES", "2");
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            findings.add(Findings.of(h.add("meter-" + i), FAULTY_RECONNECT, 30, h.now()));
        }
        findings.add(Findings.of(h.add("flaky-1"), TRANSIENT, 2, h.now()));
        RemediationReport report = h.run(findings);
        assertThat(h.hub.writes()).isZero();
        assertThat(report.hubs()).singleElement().satisfies(hub -> {
            assertThat(hub.status()).isEqualTo(HubResult.Status.GUARDED);
            assertThat(hub.acting()).isEqualTo(3);
            assertThat(hub.reason()).contains("3 of 20").contains("LINKGUARD_FLEET_GUARD_SHARE");
        });
        assertThat(report.identities()).extracting(IdentityResult::status).containsOnly(IdentityResult.Status.SKIPPED);
        assertThat(report.anyGuarded()).isTrue();

        h.hubSize = 1000;
        h.run(findings);
        assertThat(h.hub.deliveries).as("within the share it acts").hasSize(3);
    }

    @Test
    void unknownHubSizeHoldsBackDeviceActions() {
        h.hubSize = HubRoster.UNKNOWN;
        h.set("LINKGUARD_BACKOFF_CONFIRM_MINUTES", "0");
        RemediationReport report = h.run(Findings.of(h.add("meter-1"), FAULTY_RECONNECT, 30, h.now()));
        assertThat(report.hubs().get(0).reason()).contains("size is unknown");
        assertThat(h.hub.writes()).isZero();
    }

    @Test
    void suppressionByPatternIsHonouredBeforeEvenReadingTheTwin() {
        h.set("LINKGUARD_SUPPRESS_IDS", "lab-*, hub-a/test-??");
        Identity lab = h.add("lab-17");
        Identity test = h.add("test-01");
        Identity prod = h.add("prod-1");
        RemediationReport report = h.run(Findings.of(lab, SHARED_IDENTITY, 10, h.now()),
                Findings.of(test, SHARED_IDENTITY, 10, h.now()), Findings.of(prod, SHARED_IDENTITY, 10, h.now()));
        assertThat(h.hub.calls(FakeHub.Op.READ)).isEqualTo(1);
        assertThat(h.tickets.raised).singleElement().satisfies(r -> assertThat(r.key().value()).contains("prod-1"));
        assertThat(report.identities()).filteredOn(r -> r.status() == IdentityResult.Status.SKIPPED)
                .extracting(IdentityResult::why).containsExactlyInAnyOrder("suppressed by pattern 'lab-*'",
                        "suppressed by pattern 'hub-a/test-??'");
    }

    @Test
    void operatorSuppressionTagIsHonouredUntilItExpires() {
        Identity d = h.add("meter-1");
        h.hub.twin(d).tags.put("linkguardSuppress", new LinkedHashMap<>(Map.of("until", "2026-11-27T10:00:00Z",
                "reason", "firmware rollout")));
        RemediationReport suppressed = h.run(Findings.of(d, SHARED_IDENTITY, 10, h.now()));
        assertThat(h.hub.writes()).isZero();
        assertThat(suppressed.identities().get(0).why()).contains("until 2026-11-27T10:00:00Z").contains("firmware rollout");

        h.advance(Duration.ofDays(1));
        RemediationReport expired = h.run(Findings.of(d, SHARED_IDENTITY, 10, h.now()));
        assertThat(h.tickets.raised).hasSize(1);
        assertThat(expired.identities().get(0).why()).contains("expired 2026-11-27T10:00:00Z");
        assertThat(h.hub.twin(d).tags.get("linkguardSuppress")).as("the operator's tag is theirs").isNotNull();
    }

    @Test
    void suppressionTagWithoutAReadableUntilIsHonouredWithoutEnd() {
        Identity d = h.add("meter-1");
        h.hub.twin(d).tags.put("linkguardSuppress", new LinkedHashMap<>(Map.of("until", "next tuesday")));
        RemediationReport report = h.run(Findings.of(d, SHARED_IDENTITY, 10, h.now()));
        assertThat(h.hub.writes()).isZero();
        assertThat(report.identities().get(0).why()).contains("unreadable until 'next tuesday'");
    }

    @Test
    void suppressionSetBetweenReadAndWriteIsHonouredBeforeAnyCommand() {
        h.set("LINKGUARD_BACKOFF_CONFIRM_MINUTES", "0");
        Identity d = h.add("meter-1");
        h.hub.raceNextWrite(d, twin -> twin.tags.put("linkguardSuppress", Map.of("until", "2027-01-01T00:00:00Z")));
        RemediationReport report = h.run(Findings.of(d, FAULTY_RECONNECT, 10, h.now()));
        assertThat(h.hub.calls(FakeHub.Op.METHOD)).isZero();
        assertThat(h.tag(d)).isNull();
        assertThat(report.identities().get(0).why()).contains("suppressed by tags.linkguardSuppress");
    }

    @Test
    void garbledTagIsCountedTreatedAsAbsentAndReplacedWithoutTouchingCustomerTags() {
        Identity d = h.add("meter-1");
        Map<String, Object> garbage = new LinkedHashMap<>();
        garbage.put("v", 1);
        garbage.put("stage", "backoff");
        garbage.put("stageAt", "yesterday");
        garbage.put("note", "edited by hand");
        h.hub.twin(d).tags.put("linkguard", garbage);
        h.hub.twin(d).tags.put("owner", "plant-7");
        RemediationReport report = h.run(Findings.of(d, TRANSIENT, 2, h.now()));
        assertThat(report.unreadableTags()).isEqualTo(1);
        assertThat(report.identities().get(0).why()).contains("stageAt: expected an ISO-8601 time");
        assertThat(h.tag(d).stage()).isEqualTo(Stage.TAG);
        assertThat(h.hub.linkguardTag(d)).doesNotContainKey("note");
        assertThat(h.hub.twin(d).tags.get("owner")).isEqualTo("plant-7");
    }

    @Test
    void tagFromANewerLinkGuardIsLeftAlone() {
        Identity d = h.add("meter-1");
        h.hub.twin(d).tags.put("linkguard", new LinkedHashMap<>(Map.of("v", 2, "stage", "quarantine")));
        RemediationReport report = h.run(Findings.of(d, SHARED_IDENTITY, 10, h.now()));
        assertThat(h.hub.writes()).isZero();
        assertThat(report.counts().get("skip")).containsEntry("unsupported-tag", 1);
    }

    @Test
    void basicTierHubAndHubsOutsideTheRunAreSkippedWithAReason() {
        Identity d = h.add("meter-1");
        h.hub.hub(new HubLimits(Harness.HUB, "hub-a.azure-devices.net", "B1", 1, false, 0, 0, 0, 0, 0));
        Identity elsewhere = new Identity("hub-b", "meter-9", null);
        Plan plan = Findings.plan(Findings.of(d, SHARED_IDENTITY, 10, h.now()), Findings.of(elsewhere, SHARED_IDENTITY, 10,
                h.now()));
        RemediationReport report = new Remediator(RemediationSettings.fromSettings(h.settings), h.hub, h.tickets, h.clock)
                .run(plan, List.of(new HubRoster(Harness.HUB, 10, List.of())), "run-1");
        assertThat(report.identities()).extracting(IdentityResult::why)
                .containsExactly("hub-a is on B1, which has no twins, methods or jobs", "hub hub-b is not part of this run");
        assertThat(h.hub.calls(FakeHub.Op.READ)).isZero();
    }

    @Test
    void pendingTicketIsRememberedAndRetried() {
        Identity d = h.add("clone-1");
        h.tickets.failNext(TicketOutcome.Kind.PENDING);
        RemediationReport first = h.run(Findings.of(d, SHARED_IDENTITY, 10, h.now()));
        assertThat(first.identities().get(0).status()).isEqualTo(IdentityResult.Status.FAILED);
        assertThat(h.tag(d).stage()).isEqualTo(Stage.TICKET);
        assertThat(h.tag(d).ticket().status()).isEqualTo(io.linkguard.tickets.TicketState.Status.PENDING);

        h.advance(Duration.ofMinutes(5));
        h.run(Findings.of(d, SHARED_IDENTITY, 10, h.now()));
        assertThat(h.tickets.raised).hasSize(2);
        assertThat(h.tag(d).ticket().reference()).isEqualTo("INC-clone-1");
    }

    @Test
    void misconfiguredTicketSinkIsCalledOnceAndReportedOnce() {
        h.tickets.failNext(TicketOutcome.Kind.MISCONFIGURED);
        RemediationReport report = h.run(Findings.of(h.add("clone-1"), SHARED_IDENTITY, 10, h.now()),
                Findings.of(h.add("clone-2"), SHARED_IDENTITY, 10, h.now()),
                Findings.of(h.add("clone-3"), SHARED_IDENTITY, 10, h.now()));
        assertThat(h.tickets.raised).hasSize(1);
        assertThat(report.notes()).anyMatch(n -> n.contains("ticket sink refused its configuration"));
        assertThat(report.counts().get("ticket")).containsEntry("misconfigured", 3);
    }

    @Test
    void withoutATicketSinkTheEscalationIsRecordedInTheTag() {
        Identity d = h.add("clone-1");
        RemediationReport report = new Remediator(RemediationSettings.fromSettings(h.settings), h.hub, TicketPort.disabled(),
                h.clock).run(Findings.plan(Findings.of(d, SHARED_IDENTITY, 10, h.now())), h.rosters(Findings.plan()), "r1");
        assertThat(h.tag(d).stage()).isEqualTo(Stage.TICKET);
        assertThat(h.tag(d).action().outcome()).contains("no ticket sink");
        assertThat(report.counts().get("ticket")).containsEntry("disabled", 1);
        int writes = h.hub.writes();
        new Remediator(RemediationSettings.fromSettings(h.settings), h.hub, TicketPort.disabled(), h.clock)
                .run(Findings.plan(Findings.of(d, SHARED_IDENTITY, 10, h.now())), h.rosters(Findings.plan()), "r2");
        assertThat(h.hub.writes()).isEqualTo(writes);
    }

    @Test
    void concurrentRunGivesTheSameOutcomeAsASequentialOne() {
        Harness sequential = new Harness().set("LINKGUARD_BACKOFF_CONFIRM_MINUTES", "0");
        Harness concurrent = new Harness().set("LINKGUARD_BACKOFF_CONFIRM_MINUTES", "0").set("LINKGUARD_HUB_CONCURRENCY", "8");
        for (Harness x : List.of(sequential, concurrent)) {
            List<Finding> findings = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Identity d = x.add("meter-" + i);
                x.hub.twin(d).device = i % 3 == 0 ? FakeHub.Device.NOT_REACHABLE : FakeHub.Device.ACCEPTS;
                findings.add(Findings.of(d, i % 4 == 0 ? SHARED_IDENTITY : FAULTY_RECONNECT, 10 + i, x.now()));
            }
            x.run(findings);
        }
        for (int i = 0; i < 40; i++) {
            Identity d = Harness.device("meter-" + i);
            assertThat(concurrent.hub.linkguardTag(d)).isEqualTo(sequential.hub.linkguardTag(d));
        }
        assertThat(concurrent.hub.writes()).isEqualTo(sequential.hub.writes());
    }
}

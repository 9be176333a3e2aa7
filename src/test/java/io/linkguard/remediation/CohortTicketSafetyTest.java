package io.linkguard.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.evidence.Identity;
import io.linkguard.findings.Cohort;
import io.linkguard.findings.CohortDimension;
import io.linkguard.plan.Plan;
import io.linkguard.remediation.report.HubResult;
import io.linkguard.remediation.report.IdentityResult;
import io.linkguard.remediation.report.RemediationReport;
import io.linkguard.remediation.safety.Usage;
import io.linkguard.tickets.TicketKey;
import io.linkguard.tickets.TicketOutcome;
import io.linkguard.tickets.TicketRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cohort tickets under the run's safety rules: members are folded only into a ticket that stands, a hub held by the
 * fleet guard gets no cohort ticket, cohort tickets share the run's ticket cap with identity tickets, and cohorts
 * with the same members get one ticket.
 */
class CohortTicketSafetyTest {
    private final Harness harness = new Harness().set(RemediationSettings.COHORT_TICKETS, "fold");
    private final CohortPlans plans = new CohortPlans(harness);
    private final CohortTicketRecord record = CohortTicketRecord.inMemory();
    private int runs;

    private RemediationReport run(Plan plan) {
        return new Remediator(RemediationSettings.fromSettings(harness.settings), harness.hub, harness.tickets,
                harness.clock, record).run(plan, harness.rosters(plan).get(0), "run-" + (++runs),
                WriterLeases.WriterLease.ALWAYS, Usage.NONE, spent -> { });
    }

    private List<TicketRequest> cohortRaises() {
        return harness.tickets.raised.stream().filter(r -> r.key().isCohort()).toList();
    }

    private List<Identity> identitiesTicketed() {
        return harness.tickets.raised.stream().filter(r -> !r.key().isCohort()).map(r -> r.finding().identity()).toList();
    }

    private static boolean folded(IdentityResult r) {
        return r.actions().stream().anyMatch(a -> a.action().equals("ticket") && a.outcome().equals("folded"));
    }

    private List<IdentityResult> membersOf(RemediationReport report) {
        return report.identities().stream().filter(r -> plans.members.contains(r.identity())).toList();
    }

    @Test
    void membersOfACohortWhoseTicketFailedKeepTheirOwnTickets() {
        harness.tickets.failNext(TicketOutcome.Kind.PENDING);

        RemediationReport report = run(plans.plan(List.of(plans.cohort(CohortPlans.SDK))));

        assertThat(cohortRaises()).hasSize(1);
        assertThat(identitiesTicketed()).containsAll(plans.members).contains(plans.loner);
        assertThat(membersOf(report)).noneMatch(CohortTicketSafetyTest::folded);
        assertThat(report.notes()).anyMatch(n -> n.contains("members not folded, the ticket is not open"));
    }

    @Test
    void membersOfACohortWhoseTicketTheSinkRefusedAreNotFolded() {
        harness.tickets.failNext(TicketOutcome.Kind.MISCONFIGURED);

        RemediationReport report = run(plans.plan(List.of(plans.cohort(CohortPlans.SDK))));

        assertThat(membersOf(report)).hasSize(4).noneMatch(CohortTicketSafetyTest::folded);
        assertThat(membersOf(report)).allMatch(r -> r.actions().stream()
                .anyMatch(a -> a.action().equals("ticket") && a.outcome().equals("misconfigured")));
    }

    @Test
    void membersOfACappedCohortTicketAreNotFolded() {
        harness.set(RemediationSettings.MAX_TICKETS_PER_RUN, "0");

        RemediationReport report = run(plans.plan(List.of(plans.cohort(CohortPlans.SDK))));

        assertThat(harness.tickets.raised).isEmpty();
        assertThat(report.notes()).anyMatch(n -> n.contains(": capped (LINKGUARD_MAX_TICKETS_PER_RUN)"));
        assertThat(membersOf(report)).hasSize(4).noneMatch(CohortTicketSafetyTest::folded);
        assertThat(String.valueOf(harness.hub.linkguardTag(plans.members.get(0)))).doesNotContain("folded");
    }

    /** A record whose storage is unreachable. */
    private static CohortTicketRecord unreachable() {
        return new CohortTicketRecord() {
            @Override
            public java.util.Map<TicketKey, io.linkguard.tickets.TicketState> open(String hub) {
                throw new IllegalStateException("table unreachable");
            }

            @Override
            public void remember(String hub, TicketKey key, io.linkguard.tickets.TicketState state) {
                throw new IllegalStateException("table unreachable");
            }
        };
    }

    @Test
    void aPlanWithoutComputedCohortsNeitherReadsTheRecordNorResolvesAnything() {
        run(plans.plan(List.of(plans.cohort(CohortPlans.SDK))));
        harness.advance(Duration.ofHours(2));
        Plan complete = plans.plan(List.of());
        Plan targeted = new Plan(complete.input(), List.of(), complete.findings(),
                io.linkguard.findings.FleetFindings.NONE);

        RemediationReport report = new Remediator(RemediationSettings.fromSettings(harness.settings), harness.hub,
                harness.tickets, harness.clock, unreachable()).run(targeted, harness.rosters(targeted).get(0), "run-t",
                WriterLeases.WriterLease.ALWAYS, Usage.NONE, spent -> { });
        run(targeted);

        assertThat(report.notes()).noneMatch(n -> n.contains("cohort"));
        assertThat(harness.tickets.resolved).noneMatch(r -> r.key().isCohort());
        assertThat(record.open(Harness.HUB)).hasSize(1);
    }

    @Test
    void anUnreadableRecordRaisesNoCohortTicketAndFoldsNobodyButTheRunGoesOn() {
        Plan plan = plans.plan(List.of(plans.cohort(CohortPlans.SDK)));

        RemediationReport report = new Remediator(RemediationSettings.fromSettings(harness.settings), harness.hub,
                harness.tickets, harness.clock, unreachable()).run(plan, harness.rosters(plan).get(0), "run-x",
                WriterLeases.WriterLease.ALWAYS, Usage.NONE, spent -> { });

        assertThat(cohortRaises()).isEmpty();
        assertThat(identitiesTicketed()).containsAll(plans.members);
        assertThat(report.notes()).anyMatch(n -> n.startsWith("cohort tickets on hub-a: none raised or resolved, their "
                + "record could not be read (") && n.contains("table unreachable"));
    }

    @Test
    void aDryRunFoldsTheMembersInItsReportAsEnforceWould() {
        harness.set(RemediationSettings.MODE, "dry-run");

        RemediationReport report = run(plans.plan(List.of(plans.cohort(CohortPlans.SDK))));

        assertThat(harness.tickets.raised).isEmpty();
        assertThat(membersOf(report)).hasSize(4).allMatch(CohortTicketSafetyTest::folded);
    }

    @Test
    void aHubHeldByTheFleetGuardGetsNoCohortTicket() {
        harness.hubSize = 10;
        harness.set(RemediationSettings.FLEET_GUARD_SHARE, "0.1").set(RemediationSettings.FLEET_GUARD_MIN_IDENTITIES, "1");

        RemediationReport report = run(plans.plan(List.of(plans.cohort(CohortPlans.SDK))));

        assertThat(report.hubs()).singleElement().extracting(HubResult::status).isEqualTo(HubResult.Status.GUARDED);
        assertThat(harness.tickets.raised).as("neither the cohort's ticket nor an identity's").isEmpty();
        assertThat(report.notes()).anyMatch(n -> n.equals("cohort tickets on hub-a: none raised or resolved, the fleet guard held the hub"));
        assertThat(record.open(Harness.HUB)).isEmpty();
    }

    @Test
    void aHubHeldByTheFleetGuardResolvesNoCohortTicketEither() {
        run(plans.plan(List.of(plans.cohort(CohortPlans.SDK))));
        assertThat(record.open(Harness.HUB)).hasSize(1);
        harness.advance(Duration.ofHours(2));
        harness.hubSize = 10;
        harness.set(RemediationSettings.FLEET_GUARD_SHARE, "0.1").set(RemediationSettings.FLEET_GUARD_MIN_IDENTITIES, "1");
        Plan withoutCohort = plans.plan(List.of());
        List<io.linkguard.plan.Finding> findings = new java.util.ArrayList<>(withoutCohort.findings());
        for (int i = 0; i < 3; i++) {
            findings.add(Findings.of(harness.add("new-" + i), io.linkguard.classification.Classification.SHARED_IDENTITY,
                    30, harness.now()));
        }
        RemediationReport report = run(new Plan(withoutCohort.input(), List.of(), findings, withoutCohort.fleetFindings()));

        assertThat(report.hubs()).singleElement().extracting(HubResult::status).isEqualTo(HubResult.Status.GUARDED);

        assertThat(harness.tickets.resolved).noneMatch(r -> r.key().isCohort());
        assertThat(record.open(Harness.HUB)).hasSize(1);
    }

    @Test
    void cohortAndIdentityTicketsTogetherStayWithinTheRunsTicketCap() {
        harness.set(RemediationSettings.COHORT_TICKETS, "alongside").set(RemediationSettings.MAX_TICKETS_PER_RUN, "3");

        RemediationReport report = run(plans.plan(List.of(plans.cohort(CohortPlans.SDK))));

        assertThat(harness.tickets.raised).hasSize(3);
        assertThat(cohortRaises()).as("the cohort's ticket comes before its members'").hasSize(1);
        assertThat(report.identities()).filteredOn(r -> r.actions().stream()
                .anyMatch(a -> a.action().equals("ticket") && a.outcome().equals("capped"))).hasSize(3);
    }

    @Test
    void aCohortTicketsResolveCountsAgainstTheCapToo() {
        harness.set(RemediationSettings.COHORT_TICKETS, "alongside");
        run(plans.plan(List.of(plans.cohort(CohortPlans.SDK))));
        harness.advance(Duration.ofHours(2));
        harness.set(RemediationSettings.MAX_TICKETS_PER_RUN, "0");

        RemediationReport report = run(plans.plan(List.of()));

        assertThat(harness.tickets.resolved).isEmpty();
        assertThat(report.notes()).anyMatch(n -> n.contains(": resolve capped (LINKGUARD_MAX_TICKETS_PER_RUN)"));
        assertThat(record.open(Harness.HUB)).hasSize(1);
    }

    @Test
    void anSdkNameAndItsOneVersionWithTheSameMembersGetOneTicketNamingBoth() {
        Cohort version = plans.cohort(CohortDimension.SDK_VERSION, CohortPlans.SDK, plans.members, 20.0);
        Cohort name = plans.cohort(CohortDimension.SDK, "azure-iot-device", plans.members, 8.0);

        RemediationReport report = run(plans.plan(List.of(name, version)));

        assertThat(cohortRaises()).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(TicketKey.of(version));
            assertThat(r.overlapping()).containsExactly(name);
        });
        assertThat(report.notes()).anyMatch(n -> n.startsWith("cohort " + name.id() + ": no ticket of its own"));
        assertThat(membersOf(report)).hasSize(4).allMatch(CohortTicketSafetyTest::folded)
                .allMatch(r -> r.actions().stream().anyMatch(a -> a.detail() != null
                        && a.detail().equals("into the cohort ticket " + TicketKey.of(version).value())));
        harness.advance(Duration.ofHours(2));

        run(plans.plan(List.of(name, version)));
        assertThat(harness.tickets.resolved).as("the name cohort has no ticket to resolve").isEmpty();
        assertThat(record.open(Harness.HUB)).containsOnlyKeys(TicketKey.of(version));
    }

    @Test
    void theCohortExplainingMoreStandsForOneWithinIt() {
        Identity extra = harness.add("cohort-dev-extra");
        List<Identity> all = new java.util.ArrayList<>(plans.members);
        all.add(extra);
        Cohort name = plans.cohort(CohortDimension.SDK, "azure-iot-device", all, 8.0);
        Cohort version = plans.cohort(CohortDimension.SDK_VERSION, CohortPlans.SDK, plans.members, 20.0);

        run(plans.plan(List.of(version, name)));

        assertThat(cohortRaises()).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(TicketKey.of(name));
            assertThat(r.overlapping()).containsExactly(version);
        });
    }

    @Test
    void aTicketStaysWithItsCohortWhenAnEqualCohortWouldNowBeChosenFirst() {
        Identity extra = harness.add("cohort-dev-extra");
        List<Identity> all = new java.util.ArrayList<>(plans.members);
        all.add(extra);
        Cohort version = plans.cohort(CohortDimension.SDK_VERSION, CohortPlans.SDK, plans.members, 20.0);
        Cohort nameWithExtra = plans.cohort(CohortDimension.SDK, "azure-iot-device", all, 8.0);
        Cohort nameWithoutExtra = plans.cohort(CohortDimension.SDK, "azure-iot-device", plans.members, 8.0);

        run(plans.plan(List.of(version, nameWithExtra)));
        harness.advance(Duration.ofHours(2));
        run(plans.plan(List.of(version, nameWithoutExtra))); // the extra member went quiet: the two are equal now
        harness.advance(Duration.ofHours(2));
        run(plans.plan(List.of(version, nameWithExtra)));

        assertThat(cohortRaises()).as("every run raises the name cohort's ticket, never the version's")
                .allSatisfy(r -> assertThat(r.key()).isEqualTo(TicketKey.of(nameWithExtra)));
        assertThat(harness.tickets.resolved).as("no ticket closed while its cohort is in the plan")
                .noneMatch(r -> r.key().isCohort());
        assertThat(record.open(Harness.HUB)).containsOnlyKeys(TicketKey.of(nameWithExtra));
    }

    @Test
    void aCohortNowCoveredByAnotherOnesTicketKeepsItsOwnOpenTicket() {
        Cohort version = plans.cohort(CohortDimension.SDK_VERSION, CohortPlans.SDK, plans.members, 20.0);
        run(plans.plan(List.of(version)));
        harness.advance(Duration.ofHours(2));
        Identity extra = harness.add("cohort-dev-extra");
        List<Identity> all = new java.util.ArrayList<>(plans.members);
        all.add(extra);
        Cohort name = plans.cohort(CohortDimension.SDK, "azure-iot-device", all, 8.0);

        run(plans.plan(List.of(version, name)));

        assertThat(harness.tickets.resolved).noneMatch(r -> r.key().isCohort());
        assertThat(record.open(Harness.HUB)).containsKey(TicketKey.of(version));
    }

    @Test
    void cohortsSharingOnlySomeMembersGetATicketEachAndEveryMemberIsFoldedOnce() {
        List<Identity> mqtt = List.of(plans.members.get(2), plans.members.get(3), plans.loner);
        Cohort version = plans.cohort(CohortPlans.SDK);
        Cohort protocol = plans.cohort(CohortDimension.PROTOCOL, "Mqtt", mqtt, 3.0);

        RemediationReport report = run(plans.plan(List.of(version, protocol)));

        assertThat(cohortRaises()).extracting(TicketRequest::key).containsExactly(TicketKey.of(version), TicketKey.of(protocol));
        assertThat(identitiesTicketed()).isEmpty();
        assertThat(report.identities()).filteredOn(CohortTicketSafetyTest::folded).hasSize(5);
        assertThat(report.identities()).filteredOn(r -> r.identity().equals(plans.members.get(2))).singleElement()
                .satisfies(r -> assertThat(r.actions()).filteredOn(a -> a.outcome().equals("folded")).singleElement()
                        .satisfies(a -> assertThat(a.detail()).endsWith(TicketKey.of(version).value())));
    }
}

package io.linkguard.remediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.linkguard.classification.Classification;
import io.linkguard.evidence.Identity;
import io.linkguard.evidence.InputSummary;
import io.linkguard.findings.Cohort;
import io.linkguard.findings.CohortDimension;
import io.linkguard.findings.CohortSettings;
import io.linkguard.findings.FleetFindings;
import io.linkguard.findings.PrecursorBreakdown;
import io.linkguard.findings.PrecursorCause;
import io.linkguard.loganalytics.QueryRateLimiter;
import io.linkguard.plan.Finding;
import io.linkguard.plan.Plan;
import io.linkguard.remediation.report.RemediationReport;
import io.linkguard.testing.MutableClock;
import io.linkguard.tickets.Redactor;
import io.linkguard.tickets.Secret;
import io.linkguard.tickets.TicketOrchestrator;
import io.linkguard.tickets.TlsStub;
import io.linkguard.tickets.github.FakeGitHub;
import io.linkguard.tickets.github.GitHubSink;
import io.linkguard.tickets.http.HttpOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cohort tickets end to end: the Remediator over a fake hub and the real GitHub sink against a stateful GitHub
 * Issues API over HTTPS (FakeGitHub, which follows the REST API's issues endpoints).
 */
class CohortTicketsTest {
    private static final String SDK = "azure-iot-device 1.18.3";

    private FakeGitHub github;
    private final Harness harness = new Harness();
    private final MutableClock clock = new MutableClock(Instant.now());
    private final CohortTicketRecord record = CohortTicketRecord.inMemory();
    private final List<Identity> members = new ArrayList<>();
    private Identity loner;
    private int runs;

    @BeforeEach
    void start() throws Exception {
        github = new FakeGitHub("contoso/fleet-ops");
        for (int i = 0; i < 4; i++) {
            members.add(harness.add("cohort-dev-" + i));
        }
        loner = harness.add("loner");
    }

    @AfterEach
    void stop() {
        github.stop();
    }

    private TicketOrchestrator tickets() {
        HttpOptions options;
        try {
            options = new HttpOptions(TlsStub.client(), Duration.ofSeconds(10),
                new QueryRateLimiter(600, Duration.ofMinutes(1)), new Redactor(), Clock.systemUTC());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return TicketOrchestrator.builder()
                .sink(GitHubSink.create(github.api(), "contoso/fleet-ops", Secret.of("ghp_token_token_token"), List.of(), options))
                .build();
    }

    private Cohort cohort(String value) {
        PrecursorBreakdown precursors = new PrecursorBreakdown(4,
                Map.of(PrecursorCause.KEEP_ALIVE_LOSS, new PrecursorBreakdown.Count(3, 40)));
        return new Cohort(Harness.HUB, Classification.SHARED_IDENTITY, CohortDimension.SDK_VERSION, value, 4, 5, 40, 1000,
                20.0, 1e-9, 1e-7, List.copyOf(members), precursors);
    }

    private List<Finding> findings() {
        List<Finding> f = new ArrayList<>();
        for (Identity i : members) {
            f.add(Findings.of(i, Classification.SHARED_IDENTITY, 30, clock.instant()));
        }
        f.add(Findings.of(loner, Classification.SHARED_IDENTITY, 30, clock.instant()));
        return f;
    }

    private Plan plan(List<Cohort> cohorts, String incompleteBecause) {
        return new Plan(new InputSummary("test", 100, 100, Map.of(), List.of(), incompleteBecause), List.of(), findings(),
                new FleetFindings(true, 10, CohortSettings.DEFAULTS, cohorts, Map.of()));
    }

    private RemediationReport run(Plan plan, String policy, String mode) {
        harness.set(RemediationSettings.COHORT_TICKETS, policy).set(RemediationSettings.MODE, mode);
        Remediator remediator = new Remediator(RemediationSettings.fromSettings(harness.settings), harness.hub, tickets(),
                clock, record);
        return remediator.run(plan, harness.rosters(plan).get(0), "run-" + (++runs), WriterLeases.WriterLease.ALWAYS,
                io.linkguard.remediation.safety.Usage.NONE, spent -> { });
    }

    private List<ObjectNode> cohortIssues() {
        return github.issues.values().stream().filter(i -> i.get("title").asText().startsWith("[LinkGuard] cohort")).toList();
    }

    private List<ObjectNode> identityIssues() {
        return github.issues.values().stream().filter(i -> !i.get("title").asText().startsWith("[LinkGuard] cohort")).toList();
    }

    @Test
    void foldRaisesOneCohortTicketWithTheEvidenceAndNoTicketsForItsMembers() {
        RemediationReport report = run(plan(List.of(cohort(SDK)), null), "fold", "enforce");

        assertThat(cohortIssues()).hasSize(1);
        String body = cohortIssues().get(0).get("body").asText();
        assertThat(cohortIssues().get(0).get("title").asText()).contains("sdk-version", SDK, Harness.HUB, "shared-identity");
        assertThat(body).contains("80.0% (4 of 5)", "4.0% (40 of 1000)", "20.0", "keep-alive-loss", "404104", "Remedy: the device lost its connection",
                "(<" + PrecursorCause.KEEP_ALIVE_LOSS.doc() + ">)", "cohort-dev-0", "cohort-dev-3");
        assertThat(identityIssues()).hasSize(1);
        assertThat(identityIssues().get(0).get("title").asText()).contains("loner");
        assertThat(report.identities()).filteredOn(r -> members.contains(r.identity())).hasSize(4)
                .allMatch(r -> r.actions().stream().anyMatch(a -> a.action().equals("ticket") && a.outcome().equals("folded")));
        assertThat(harness.hub.linkguardTag(members.get(0)).get("stage")).isEqualTo("ticket");
    }

    @Test
    void aCohortWithTheSameMembersIsNamedInTheOnesTicketInsteadOfGettingItsOwn() {
        Cohort version = cohort(SDK);
        Cohort name = new Cohort(version.hub(), version.classification(), CohortDimension.SDK, "azure-iot-device", 4, 5, 60,
                1000, 13.3, 1e-8, 1e-6, version.memberIds(), version.precursors());

        run(plan(List.of(name, version), null), "fold", "enforce");

        assertThat(cohortIssues()).singleElement().satisfies(issue -> {
            assertThat(issue.get("title").asText()).contains("sdk-version", SDK);
            assertThat(issue.get("body").asText()).contains("The same identities, seen through other attributes",
                    "sdk `azure-iot-device`: 4 identities, 80.0% of the class, lift 13.3");
        });
    }

    @Test
    void aSecondRunChangesNothing() {
        run(plan(List.of(cohort(SDK)), null), "fold", "enforce");
        int issues = github.issues.size();
        int comments = github.comments.get();
        clock.advance(Duration.ofMinutes(5));

        RemediationReport second = run(plan(List.of(cohort(SDK)), null), "fold", "enforce");

        assertThat(github.issues).hasSize(issues);
        assertThat(github.comments.get()).isEqualTo(comments);
        assertThat(second.notes()).anyMatch(n -> n.startsWith("cohort ticket") && n.contains(": unchanged"));
    }

    @Test
    void alongsideKeepsTheMembersOwnTickets() {
        run(plan(List.of(cohort(SDK)), null), "alongside", "enforce");

        assertThat(cohortIssues()).hasSize(1);
        assertThat(identityIssues()).hasSize(5);
    }

    @Test
    void offRaisesNoCohortTicket() {
        run(plan(List.of(cohort(SDK)), null), "off", "enforce");

        assertThat(cohortIssues()).isEmpty();
        assertThat(identityIssues()).hasSize(5);
    }

    @Test
    void aCohortExplainingAMinorityOfItsClassGetsNoTicket() {
        Cohort c = cohort(SDK);
        Cohort minority = new Cohort(c.hub(), c.classification(), c.dimension(), c.value(), 4, 9, 40, 1000, 20.0, 1e-9,
                1e-7, c.memberIds(), c.precursors());
        run(plan(List.of(minority), null), "fold", "enforce");

        assertThat(cohortIssues()).isEmpty();
        assertThat(identityIssues()).hasSize(5);
    }

    @Test
    void theCohortTicketIsResolvedWhenACompletePlanNoLongerHasTheCohort() {
        run(plan(List.of(cohort(SDK)), null), "fold", "enforce");
        clock.advance(Duration.ofMinutes(5));

        run(plan(List.of(), "the query timed out"), "fold", "enforce");
        assertThat(cohortIssues().get(0).get("state").asText()).isEqualTo("open");

        RemediationReport gone = run(plan(List.of(), null), "fold", "enforce");
        assertThat(cohortIssues()).hasSize(1);
        assertThat(cohortIssues().get(0).get("state").asText()).isEqualTo("closed");
        assertThat(gone.notes()).anyMatch(n -> n.startsWith("cohort ticket") && n.contains(": resolved"));
    }

    @Test
    void fleetRemediationHandsEachHubItsCohortsAndRemembersTheTicketFromRunToRun() {
        harness.set(RemediationSettings.COHORT_TICKETS, "fold");
        FleetRemediation fleet = new FleetRemediation(RemediationSettings.fromSettings(harness.settings), target ->
                new HubConnection() {
                    @Override
                    public HubGateway gateway() {
                        return harness.hub;
                    }

                    @Override
                    public HubRoster roster(RosterScope scope) {
                        return new HubRoster(target.hubName(), 1000, List.of());
                    }

                    @Override
                    public void close() {
                    }
                }, tickets(), clock);
        List<HubTarget> hubs = List.of(HubTarget.parse("hub-a.azure-devices.net"));

        fleet.run(plan(List.of(cohort(SDK)), null), hubs, RosterScope.COUNT_AND_TAGGED, false, "run-1", o -> { });
        assertThat(cohortIssues()).hasSize(1);
        assertThat(identityIssues()).hasSize(1);

        clock.advance(Duration.ofMinutes(5));
        fleet.run(plan(List.of(), null), hubs, RosterScope.COUNT_AND_TAGGED, false, "run-2", o -> { });
        assertThat(cohortIssues().get(0).get("state").asText()).isEqualTo("closed");
    }

    @Test
    void dryRunShowsTheCohortTicketWithoutWriting() {
        RemediationReport dry = run(plan(List.of(cohort(SDK)), null), "fold", "dry-run");

        assertThat(github.issues).isEmpty();
        assertThat(dry.notes()).anyMatch(n -> n.startsWith("cohort ticket linkguard:hub-a:~cohort:sdk-version=azure-iot-device~201.18.3:")
                && n.contains("would raise"));
    }

    @Test
    void deviceControlledTextInTheCohortIsOneLineInTheTicket() {
        run(plan(List.of(cohort("evil 1.0\n## injected\u202Eheading")), null), "fold", "enforce");

        ObjectNode issue = cohortIssues().get(0);
        assertThat(issue.get("title").asText()).doesNotContain("\n").doesNotContain("\u202E");
        assertThat(issue.get("body").asText()).doesNotContain("\n## injected").doesNotContain("\u202E")
                .contains("~cohort:sdk-version=evil~201.0~0a~23~23~20injected~e2~80~aeheading:shared-identity");
    }

    @Test
    void anUnknownPolicyFailsAtStartUpNamingTheSetting() {
        assertThatThrownBy(() -> RemediationSettings.fromSettings(Map.of(RemediationSettings.COHORT_TICKETS, "sometimes")))
                .hasMessageContaining("LINKGUARD_COHORT_TICKETS").hasMessageContaining("alongside, fold, off");
        assertThat(RemediationSettings.DEFAULTS.cohortTickets()).isEqualTo(CohortTicketPolicy.FOLD);
    }
}

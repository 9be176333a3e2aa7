package io.linkguard.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.data.tables.TableServiceClientBuilder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.linkguard.bench.Azurite;
import io.linkguard.cli.Adapters;
import io.linkguard.loganalytics.QueryRateLimiter;
import io.linkguard.remediation.report.RemediationReport;
import io.linkguard.state.AzuriteExtension;
import io.linkguard.state.StateTables;
import io.linkguard.tickets.Redactor;
import io.linkguard.tickets.Secret;
import io.linkguard.tickets.TicketOrchestrator;
import io.linkguard.tickets.TlsStub;
import io.linkguard.tickets.github.FakeGitHub;
import io.linkguard.tickets.github.GitHubSink;
import io.linkguard.tickets.http.HttpOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A cohort ticket raised by one process is resolved by another: each run is a new FleetRemediation with its own
 * ticket port and its own HubCoordination (as a new {@code apply}, or a restarted Functions host, builds them),
 * sharing only the state table in Azurite and the ticket system (the stateful GitHub fake over HTTPS).
 */
@ExtendWith(AzuriteExtension.class)
class CohortTicketsAcrossProcessesTest {
    private static final HubTarget HUB = HubTarget.parse(Harness.HUB + ".azure-devices.net");

    private final Harness harness = new Harness().set(RemediationSettings.COHORT_TICKETS, "fold");
    private final CohortPlans plans = new CohortPlans(harness);
    private FakeGitHub github;
    private StateTables tables;

    @BeforeEach
    void start(Azurite azurite) throws Exception {
        github = new FakeGitHub("contoso/fleet-ops");
        tables = new StateTables(new TableServiceClientBuilder().connectionString(azurite.connectionString()).buildClient(),
                Azurite.uniquePrefix());
    }

    @AfterEach
    void stop() {
        github.stop();
    }

    /** One run of a new process: everything built afresh but the state table and the ticket system. */
    private RemediationReport runInNewProcess(List<io.linkguard.findings.Cohort> cohorts, String runId,
                                              Supplier<HubCoordination> coordination) {
        List<RemediationReport> reports = new ArrayList<>();
        new FleetRemediation(RemediationSettings.fromSettings(harness.settings), target -> new HubConnection() {
            @Override
            public HubGateway gateway() {
                return harness.hub;
            }

            @Override
            public HubRoster roster(RosterScope scope) {
                return harness.rosters(plans.plan(cohorts)).get(0);
            }

            @Override
            public void close() {
            }
        }, tickets(), harness.clock, coordination.get()).run(plans.plan(cohorts), List.of(HUB),
                RosterScope.COUNT_AND_TAGGED, false, runId, o -> reports.add(((FleetRemediation.HubOutcome.Remediated) o).report()));
        return reports.get(0);
    }

    private TicketOrchestrator tickets() {
        try {
            HttpOptions options = new HttpOptions(TlsStub.client(), Duration.ofSeconds(10),
                    new QueryRateLimiter(600, Duration.ofMinutes(1)), new Redactor(), Clock.systemUTC());
            return TicketOrchestrator.builder().sink(GitHubSink.create(github.api(), "contoso/fleet-ops",
                    Secret.of("ghp_token_token_token"), List.of(), options)).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<ObjectNode> cohortIssues() {
        return github.issues.values().stream().filter(i -> i.get("title").asText().startsWith("[LinkGuard] cohort")).toList();
    }

    @Test
    void aCohortGoneFromACompletePlanIsResolvedByTheNextProcess() {
        Supplier<HubCoordination> stateTable = () -> Adapters.coordination(tables, Duration.ofMinutes(10));

        runInNewProcess(List.of(plans.cohort(CohortPlans.SDK)), "run-1", stateTable);
        assertThat(cohortIssues()).hasSize(1);
        assertThat(cohortIssues().get(0).get("state").asText()).isEqualTo("open");

        harness.advance(Duration.ofMinutes(5));
        RemediationReport second = runInNewProcess(List.of(), "run-2", stateTable);

        assertThat(cohortIssues()).hasSize(1);
        assertThat(cohortIssues().get(0).get("state").asText()).isEqualTo("closed");
        assertThat(second.notes()).anyMatch(n -> n.startsWith("cohort ticket") && n.contains(": resolved"));
        assertThat(stateTable.get().cohortTickets().open(Harness.HUB)).as("the resolved ticket is forgotten").isEmpty();
    }

    @Test
    void theSameCohortInTheNextProcessIsTheSameTicket() {
        Supplier<HubCoordination> stateTable = () -> Adapters.coordination(tables, Duration.ofMinutes(10));
        runInNewProcess(List.of(plans.cohort(CohortPlans.SDK)), "run-1", stateTable);
        harness.advance(Duration.ofMinutes(5));

        RemediationReport second = runInNewProcess(List.of(plans.cohort(CohortPlans.SDK)), "run-2", stateTable);

        assertThat(cohortIssues()).hasSize(1);
        assertThat(second.notes()).anyMatch(n -> n.startsWith("cohort ticket") && n.contains(": unchanged"));
    }

    @Test
    void withoutTheStateTableANewProcessLeavesTheGoneCohortsTicketOpen() {
        Supplier<HubCoordination> inMemory = HubCoordination::unshared;

        runInNewProcess(List.of(plans.cohort(CohortPlans.SDK)), "run-1", inMemory);
        harness.advance(Duration.ofMinutes(5));
        runInNewProcess(List.of(), "run-2", inMemory);

        assertThat(cohortIssues().get(0).get("state").asText()).as("what the state table is for").isEqualTo("open");
    }
}

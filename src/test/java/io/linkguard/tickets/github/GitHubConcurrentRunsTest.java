package io.linkguard.tickets.github;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.loganalytics.QueryRateLimiter;
import io.linkguard.plan.Finding;
import io.linkguard.tickets.Findings;
import io.linkguard.tickets.Redactor;
import io.linkguard.tickets.Secret;
import io.linkguard.tickets.TicketKey;
import io.linkguard.tickets.TicketOrchestrator;
import io.linkguard.tickets.TicketOutcome;
import io.linkguard.tickets.TicketState;
import io.linkguard.tickets.TlsStub;
import io.linkguard.tickets.http.HttpOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two runs, each its own orchestrator and GitHub sink, raise the same finding at the same moment against
 * a stateful GitHub whose search index lags behind: both create, both re-check by label, and one open
 * issue is left. Then repeated runs neither create nor comment.
 */
class GitHubConcurrentRunsTest {
    private FakeGitHub github;

    @BeforeEach
    void start() throws Exception {
        github = new FakeGitHub("contoso/fleet-ops");
    }

    @AfterEach
    void stop() {
        github.stop();
    }

    private TicketOrchestrator run() throws Exception {
        HttpOptions options = new HttpOptions(TlsStub.client(), Duration.ofSeconds(10),
                new QueryRateLimiter(600, Duration.ofMinutes(1)), new Redactor(), Clock.systemUTC());
        return TicketOrchestrator.builder()
                .sink(GitHubSink.create(github.api(), "contoso/fleet-ops", Secret.of("ghp_token_token_token"), List.of(), options))
                .build();
    }

    @Test
    void racingRunsLeaveOneOpenIssueAndRepeatedRunsAddNothing() throws Exception {
        Finding f = Findings.shared();
        TicketKey key = Findings.request(f, "x", null).key();
        github.raceCreates(2);
        TicketOrchestrator a = run();
        TicketOrchestrator b = run();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        TicketOutcome oa;
        TicketOutcome ob;
        try {
            Future<TicketOutcome> fa = pool.submit(() -> a.raise(Findings.request(f, "run-a", null)));
            Future<TicketOutcome> fb = pool.submit(() -> b.raise(Findings.request(f, "run-b", null)));
            oa = fa.get(30, TimeUnit.SECONDS);
            ob = fb.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(github.issues).hasSize(2);
        assertThat(github.issues.get(1).get("state").asText()).isEqualTo("open");
        assertThat(github.issues.get(2).get("state").asText()).isEqualTo("closed");
        assertThat(github.issues.get(1).get("body").asText()).contains(GitHubSink.marker(key));
        assertThat(oa.state().reference()).isEqualTo("1");
        assertThat(ob.state().reference()).isEqualTo("1");

        int commentsBefore = github.comments.get();
        TicketState state = oa.state();
        for (int i = 0; i < 3; i++) {
            TicketOutcome again = run().raise(Findings.request(f, "run-" + i, state));
            assertThat(again.kind()).isEqualTo(TicketOutcome.Kind.UNCHANGED);
            state = again.state();
        }
        assertThat(github.issues).hasSize(2);
        assertThat(github.comments.get()).isEqualTo(commentsBefore);

        TicketOutcome resolved = run().resolve(Findings.request(f, "run-r", state));
        assertThat(resolved.kind()).as(resolved.detail()).isEqualTo(TicketOutcome.Kind.RESOLVED);
        assertThat(github.issues.get(1).get("state").asText()).isEqualTo("closed");
        TicketOutcome back = run().raise(Findings.request(f, "run-back", resolved.state()));
        assertThat(back.kind()).isEqualTo(TicketOutcome.Kind.REOPENED);
        assertThat(github.issues).hasSize(2);
        assertThat(github.issues.get(1).get("state").asText()).isEqualTo("open");
    }
}

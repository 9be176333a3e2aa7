package io.linkguard.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.bench.ColdStartBenchmark;
import io.linkguard.bench.ColdStartHarness;
import io.linkguard.bench.LocalStubs;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A cold timer invocation in a fresh JVM, configured only through the environment the way Azure configures it:
 * DefaultAzureCredential finds the host's managed-identity endpoint (IDENTITY_ENDPOINT / IDENTITY_HEADER, read
 * by MSAL straight from the process environment, hence the separate JVM), and its tokens reach Azurite over
 * HTTPS (Azurite's OAuth checks audience, issuer and lifetime) and the Log Analytics query API. No keys, no
 * connection strings. The figures of the same harness are the cold-start benchmark's; nothing here times anything.
 */
class ManagedIdentityColdRunTest {

    @Test
    void theTimerRunsOnManagedIdentityTokensAlone() {
        try (ColdStartHarness harness = ColdStartHarness.start()) {
            ColdStartHarness.ProbeRun run = harness.run(System.getProperty("java.class.path"), ColdStartBenchmark.WORKER_OPTIONS);

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.lastLogLine()).contains("linkguard run.summary ").contains("timer/scheduled (observe) completed");
            List<LocalStubs.Request> tokens = harness.stubs().identityRequests();
            assertThat(tokens).allSatisfy(t -> {
                assertThat(t.identityHeader()).isEqualTo(LocalStubs.IDENTITY_HEADER);
                assertThat(t.uri()).contains("api-version=2019-08-01");
            });
            assertThat(tokens).extracting(LocalStubs.Request::uri)
                    .anySatisfy(u -> assertThat(u).contains("resource=https%3A%2F%2Fstorage.azure.com"))
                    .anySatisfy(u -> assertThat(u).contains("resource=https%3A%2F%2F127.0.0.1"));
            List<LocalStubs.Request> queries = harness.stubs().queries();
            assertThat(queries).hasSize(4).allSatisfy(q -> {
                assertThat(q.uri()).isEqualTo("/v1/workspaces/" + ColdStartHarness.WORKSPACE + "/query");
                assertThat(q.authorization()).startsWith("Bearer ey");
            });
            assertThat(queries.get(0).body()).contains("hub-cold");
            assertThat(run.firstQuery()).isGreaterThan(run.firstToken());
        }
    }
}

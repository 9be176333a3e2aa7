package io.linkguard.hub;

import static io.linkguard.hub.GatewayFixture.device;
import static io.linkguard.hub.GatewayFixture.module;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkguard.evidence.Identity;
import io.linkguard.hub.stub.Fault;
import io.linkguard.hub.stub.JobProgress;
import io.linkguard.hub.stub.JobSnapshot;
import io.linkguard.hub.stub.MethodBehaviour;
import io.linkguard.hub.stub.StubHub;
import io.linkguard.hub.stub.StubOperation;
import io.linkguard.remediation.JobResult;
import io.linkguard.remediation.MethodCall;
import io.linkguard.remediation.backoff.JobChunks;
import io.linkguard.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bulk path: IoT Hub jobs through the real ScheduledJobsClient against the stub hub (S1: one active job). */
class IotHubGatewayJobTest {
    private static final MethodCall BACKOFF = new MethodCall("linkguardBackoff",
            Map.of("schema", "linkguard.backoff/1", "minBackoffSeconds", 30), Duration.ofSeconds(5), Duration.ofSeconds(10));

    private StubHub stub;
    private MutableClock clock;
    private IotHubGateway gateway;

    @BeforeEach
    void start() {
        stub = StubHub.start();
        clock = new MutableClock(Instant.EPOCH.plusSeconds(5));
        AtomicInteger n = new AtomicInteger();
        gateway = GatewayFixture.fakeTime(stub, clock).jobIds(() -> "job-" + n.incrementAndGet()).build();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private List<Identity> devices(String... ids) {
        for (String id : ids) {
            stub.addDevice(id, true);
        }
        return List.of(ids).stream().map(id -> device(stub, id)).toList();
    }

    @Test
    void aMethodJobNamesItsDevicesInTheQueryCondition() {
        List<Identity> ds = devices("j-a", "j-b", "j'c");

        JobResult created = gateway.scheduleMethodJob(stub.hubName(), ds, BACKOFF);

        assertThat(created.status()).isEqualTo(JobResult.Status.QUEUED);
        assertThat(created.jobId()).isEqualTo("job-1");
        JobSnapshot job = stub.job("job-1").orElseThrow();
        assertThat(job.type()).isEqualTo("scheduleDeviceMethod");
        assertThat(job.queryCondition()).isEqualTo("deviceId IN ['j-a','j-b','j\\'c']");
        assertThat(job.deviceIds()).containsExactly("j-a", "j-b", "j'c");

        JobResult done = gateway.jobStatus(stub.hubName(), "job-1");

        assertThat(done.status()).isEqualTo(JobResult.Status.COMPLETED);
        assertThat(done.succeeded()).isEqualTo(3);
        assertThat(done.failed()).isZero();
        assertThat(stub.methodCalls()).extracting(inv -> inv.deviceId()).containsExactlyInAnyOrder("j-a", "j-b", "j'c");
    }

    @Test
    void aMethodJobRunsTheMethodOnEachDeviceAndCountsWhoAnswered() {
        List<Identity> ds = devices("mj-1", "mj-2", "mj-3");
        stub.onMethod("mj-2", MethodBehaviour.notOnline());
        stub.jobProgress(JobProgress.onReads(2));

        JobResult created = gateway.scheduleMethodJob(stub.hubName(), ds, BACKOFF);
        JobResult running = gateway.jobStatus(stub.hubName(), created.jobId());
        JobResult done = gateway.jobStatus(stub.hubName(), created.jobId());

        assertThat(running.status()).isEqualTo(JobResult.Status.RUNNING);
        assertThat(done.status()).isEqualTo(JobResult.Status.COMPLETED);
        assertThat(done.succeeded()).isEqualTo(2);
        assertThat(done.failed()).isEqualTo(1);
        assertThat(stub.methodCalls()).allSatisfy(inv -> {
            assertThat(inv.jobId()).isEqualTo(created.jobId());
            assertThat(inv.connectTimeoutSeconds()).isEqualTo(5);
            assertThat(inv.responseTimeoutSeconds()).isEqualTo(10);
            assertThat(inv.payload().path("minBackoffSeconds").asInt()).isEqualTo(30);
        });
        assertThat(stub.job(created.jobId()).orElseThrow().request().path("cloudToDeviceMethod").path("methodName").asText())
                .isEqualTo("linkguardBackoff");
    }

    @Test
    void aSecondJobWhileOneIsActiveOnS1IsTooManyJobsUntilTheFirstCompletes() {
        stub.jobProgress(JobProgress.manual());
        List<Identity> ds = devices("s1-a", "s1-b");

        JobResult first = gateway.scheduleMethodJob(stub.hubName(), ds.subList(0, 1), BACKOFF);
        JobResult second = gateway.scheduleMethodJob(stub.hubName(), ds.subList(1, 2), BACKOFF);

        assertThat(first.status()).isEqualTo(JobResult.Status.QUEUED);
        assertThat(second.status()).isEqualTo(JobResult.Status.TOO_MANY_JOBS);
        assertThat(second.jobId()).isNull();
        assertThat(second.detail()).contains("429004").contains("1 active job");
        assertThat(stub.count(StubOperation.JOB_CREATE, 429)).as("429004 is not retried").isEqualTo(1);
        assertThat(stub.jobs()).hasSize(1);

        stub.completeJob(first.jobId());
        assertThat(gateway.jobStatus(stub.hubName(), first.jobId()).status()).isEqualTo(JobResult.Status.COMPLETED);
        JobResult again = gateway.scheduleMethodJob(stub.hubName(), ds.subList(1, 2), BACKOFF);
        assertThat(again.status()).isEqualTo(JobResult.Status.QUEUED);
    }

    @Test
    void aJobWhoseCreationAnswerWasLostIsFoundNotCreatedTwice() {
        List<Identity> ds = devices("lost-a");
        stub.jobProgress(JobProgress.manual());
        stub.inject(Fault.status(500).afterApplying().on(StubOperation.JOB_CREATE));

        JobResult created = gateway.scheduleMethodJob(stub.hubName(), ds, BACKOFF);

        assertThat(created.status()).isEqualTo(JobResult.Status.QUEUED);
        assertThat(created.jobId()).isEqualTo("job-1");
        assertThat(stub.jobs()).hasSize(1);
        assertThat(stub.count(StubOperation.JOB_CREATE)).isEqualTo(2);
        assertThat(stub.count(StubOperation.JOB_CREATE, 409)).isEqualTo(1);
    }

    @Test
    void aServerErrorOnCreationIsRetriedWithTheSameJobId() {
        List<Identity> ds = devices("flaky-a");
        stub.inject(Fault.status(503).on(StubOperation.JOB_CREATE));

        JobResult created = gateway.scheduleMethodJob(stub.hubName(), ds, BACKOFF);

        assertThat(created.status()).isEqualTo(JobResult.Status.QUEUED);
        assertThat(stub.requests(StubOperation.JOB_CREATE)).extracting(r -> r.path()).containsOnly("jobs/v2/job-1");
    }

    @Test
    void theHubsJobDeviceOperationsBudgetHoldsBackTheNextJobAndRefusesPastTheDeadline() {
        List<Identity> many = devices(IntStream.range(0, 100).mapToObj(i -> "budget-" + i).toArray(String[]::new));
        stub.maxActiveJobs(10);
        IotHubGateway s1 = GatewayFixture.fakeTime(stub, clock)
                .settings(new HubSettings(1.0, Duration.ofSeconds(5), 5, Duration.ofSeconds(10))).build();

        JobResult first = s1.scheduleMethodJob(stub.hubName(), many.subList(0, 60), BACKOFF);
        JobResult second = s1.scheduleMethodJob(stub.hubName(), many.subList(60, 100), BACKOFF);

        assertThat(first.status()).isEqualTo(JobResult.Status.QUEUED);
        assertThat(second.status()).isEqualTo(JobResult.Status.THROTTLED);
        assertThat(second.detail()).contains("client-side");
        assertThat(second.retryAfter()).as("60 device operations at S1's 10/s").isBetween(Duration.ofMillis(5900), Duration.ofSeconds(6));
        assertThat(stub.jobs()).hasSize(1);

        clock.advance(Duration.ofSeconds(2));
        JobResult later = s1.scheduleMethodJob(stub.hubName(), many.subList(60, 100), BACKOFF);
        assertThat(later.status()).isEqualTo(JobResult.Status.QUEUED);
        assertThat(clock.nonZeroSleeps()).as("waited off the rest of the first job's operations")
                .anySatisfy(d -> assertThat(d).isBetween(Duration.ofMillis(3900), Duration.ofSeconds(4)));
    }

    @Test
    void modulesAndOversizedConditionsAreRefusedBeforeAnythingIsSent() {
        stub.addModule("edge-3", "m", true);
        assertThatThrownBy(() -> gateway.scheduleMethodJob(stub.hubName(), List.of(module(stub, "edge-3", "m")), BACKOFF))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("module");
        List<Identity> thousand = IntStream.range(0, 1000).mapToObj(i -> device(stub, "long-device-name-" + i)).toList();
        assertThatThrownBy(() -> gateway.scheduleMethodJob(stub.hubName(), thousand, BACKOFF))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JobChunks.split");
        assertThat(stub.count(StubOperation.JOB_CREATE)).isZero();
    }

    @Test
    void theStatusOfAnUnknownJobIsAFailureThatSaysSo() {
        JobResult r = gateway.jobStatus(stub.hubName(), "no-such-job");
        assertThat(r.status()).isEqualTo(JobResult.Status.FAILED);
        assertThat(r.detail()).contains("no job no-such-job");
    }

    @Test
    void remediationsChunksEachFitTheAdaptersConditionAndTogetherNameEveryDevice() {
        List<String> ids = IntStream.range(0, 1000).mapToObj(i -> (i % 7 == 0 ? "it's\\" : "") + "long-device-name-" + i).toList();
        List<List<Identity>> chunks = JobChunks.split(ids.stream().map(id -> device(stub, id)).toList(),
                JobChunks.QUERY_CONDITION_LIMIT_BYTES);
        assertThat(chunks).hasSizeGreaterThan(1);
        assertThat(chunks.stream().flatMap(List::stream).map(Identity::deviceId).toList()).isEqualTo(ids);
        stub.maxActiveJobs(100);
        for (List<Identity> chunk : chunks) {
            List<String> chunkIds = chunk.stream().map(Identity::deviceId).toList();
            assertThat(QueryConditions.bytes(QueryConditions.deviceIdIn(chunkIds))).isLessThanOrEqualTo(QueryConditions.MAX_BYTES);
            stub.addDevices(chunkIds);
            JobResult r = gateway.scheduleMethodJob(stub.hubName(), chunk, BACKOFF);
            assertThat(r.status()).isEqualTo(JobResult.Status.QUEUED);
        }
        assertThat(stub.jobs().stream().flatMap(j -> j.deviceIds().stream()).toList()).isEqualTo(ids);
    }
}

package io.linkguard.remediation;

import static io.linkguard.classification.Classification.FAULTY_RECONNECT;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.evidence.Identity;
import io.linkguard.plan.Finding;
import io.linkguard.remediation.report.RemediationReport;
import io.linkguard.remediation.tag.BackoffState;
import io.linkguard.remediation.tag.LinkGuardTag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Above the bulk threshold: IoT Hub jobs, chunked, one active job on S1, completion tracked across runs. */
class BulkBackoffTest {
    private final Harness h = new Harness();

    @BeforeEach
    void bulkAboveThree() {
        h.set("LINKGUARD_BACKOFF_CONFIRM_MINUTES", "0").set("LINKGUARD_BULK_THRESHOLD", "3");
    }

    private List<Finding> faulty(List<Identity> devices) {
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < devices.size(); i++) {
            findings.add(Findings.of(devices.get(i), FAULTY_RECONNECT, 20 + i, h.now()));
        }
        return findings;
    }

    private List<Identity> devices(String prefix, int n) {
        List<Identity> devices = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            devices.add(h.add(prefix + i));
        }
        return devices;
    }

    @Test
    void oneJobCarriesTheBackoffAndItsCompletionIsTrackedInTheTags() {
        List<Identity> devices = devices("meter-", 5);
        h.hub.twin(devices.get(4)).device = FakeHub.Device.NOT_REACHABLE;
        Identity module = new Identity(Harness.HUB, "gateway-1", "modbus");
        h.hub.add(module);
        List<Finding> findings = new ArrayList<>(faulty(devices));
        findings.add(Findings.of(module, FAULTY_RECONNECT, 50, h.now()));

        RemediationReport first = h.run(findings);
        assertThat(h.hub.jobs()).singleElement().satisfies(job -> {
            assertThat(job.devices()).containsExactlyInAnyOrderElementsOf(devices);
            assertThat(job.call().methodName()).isEqualTo("linkguardBackoff");
        });
        assertThat(h.hub.calls(FakeHub.Op.METHOD)).as("only the module is called directly").isEqualTo(1);
        String commandId = (String) h.hub.jobs().get(0).call().payload().get("commandId");
        for (Identity d : devices) {
            BackoffState b = h.tag(d).backoff();
            assertThat(b.state()).isEqualTo(BackoffState.State.SCHEDULED);
            assertThat(b.via()).isEqualTo(BackoffState.Via.JOB);
            assertThat(b.jobId()).isEqualTo("job-1");
            assertThat(b.commandId()).isEqualTo(commandId);
        }
        assertThat(first.counts().get("backoff")).containsEntry("scheduled-job", 5).containsEntry("acknowledged-method", 1);

        h.advance(Duration.ofMinutes(5));
        h.run();
        assertThat(h.tag(devices.get(0)).backoff().state()).as("job still queued").isEqualTo(BackoffState.State.SCHEDULED);
        assertThat(h.hub.calls(FakeHub.Op.JOB_STATUS)).as("one status call per job, not per device").isEqualTo(1);

        h.hub.runJobs();
        h.advance(Duration.ofMinutes(5));
        RemediationReport third = h.run();
        for (Identity d : devices) {
            LinkGuardTag tag = h.tag(d);
            assertThat(tag.backoff().state()).isEqualTo(BackoffState.State.SENT);
            assertThat(tag.backoff().via()).as("a job with failures falls back to the desired property for its devices")
                    .isEqualTo(BackoffState.Via.DESIRED);
            assertThat(h.hub.desiredBackoff(d)).containsEntry("commandId", commandId);
        }
        assertThat(third.counts().get("backoff")).containsEntry("sent-desired", 5);
        assertThat(h.hub.deliveries.stream().map(x -> x.instruction().get("commandId")).collect(Collectors.toSet()))
                .as("the job and the fallback carry one instruction")
                .hasSize(2).contains(commandId);
    }

    @Test
    void completedJobWithoutFailuresIsRecordedAsSentByTheJob() {
        List<Identity> devices = devices("meter-", 4);
        h.run(faulty(devices));
        h.hub.runJobs();
        h.advance(Duration.ofMinutes(5));
        h.run();
        assertThat(devices).allSatisfy(d -> {
            assertThat(h.tag(d).backoff().via()).isEqualTo(BackoffState.Via.JOB);
            assertThat(h.tag(d).backoff().state()).isEqualTo(BackoffState.State.SENT);
            assertThat(h.hub.desiredBackoff(d)).isNull();
        });
    }

    @Test
    void noDesiredFallbackForAnInstructionWhoseHoldHasPassed() {
        List<Identity> devices = devices("meter-", 4);
        h.hub.twin(devices.get(0)).device = FakeHub.Device.NOT_REACHABLE;
        h.run(faulty(devices));
        h.hub.runJobs();
        h.advance(Duration.ofMinutes(61));
        RemediationReport late = h.run();
        assertThat(h.hub.calls(FakeHub.Op.PATCH_DESIRED)).isZero();
        assertThat(late.counts().get("backoff")).containsEntry("job-expired", 4);
        assertThat(h.tag(devices.get(0)).backoff().lastError()).contains("too late for the desired property");
    }

    @Test
    void chunksBeyondTheActiveJobLimitWaitForALaterRun() {
        List<Identity> devices = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            devices.add(h.add(String.format("%0100d", i)));
        }
        h.set("LINKGUARD_MAX_BACKOFFS_PER_RUN", "1000");
        h.hubSize = 10_000;
        RemediationReport first = h.run(faulty(devices));
        assertThat(h.hub.jobs()).hasSize(1);
        int inFirstJob = h.hub.jobs().get(0).devices().size();
        assertThat(inFirstJob).isBetween(50, 149);
        assertThat(first.counts().get("backoff")).containsEntry("scheduled-job", inFirstJob)
                .containsEntry("deferred", 150 - inFirstJob);

        h.advance(Duration.ofMinutes(5));
        h.run(faulty(devices));
        assertThat(h.hub.jobs()).as("the slot is still taken by the first job").hasSize(1);
        assertThat(h.hub.calls(FakeHub.Op.SCHEDULE_JOB)).isEqualTo(1);

        h.hub.runJobs();
        h.advance(Duration.ofMinutes(5));
        h.run(faulty(devices));
        assertThat(h.hub.jobs()).hasSize(2);
        Set<Identity> covered = h.hub.jobs().stream().flatMap(j -> j.devices().stream()).collect(Collectors.toSet());
        assertThat(covered).hasSize(Math.min(150, inFirstJob * 2));
        assertThat(h.hub.jobs().get(1).devices()).doesNotContainAnyElementsOf(h.hub.jobs().get(0).devices());
    }

    @Test
    void aJobTheHubRefusesLeavesThePendingInstructionForTheNextRun() {
        List<Identity> devices = devices("meter-", 4);
        h.hub.failNext(FakeHub.Op.SCHEDULE_JOB, JobResult.Status.TOO_MANY_JOBS);
        RemediationReport first = h.run(faulty(devices));
        assertThat(first.counts().get("backoff")).containsEntry("pending", 4);
        String commandId = h.tag(devices.get(0)).backoff().commandId();
        assertThat(devices).allSatisfy(d -> assertThat(h.tag(d).backoff().state()).isEqualTo(BackoffState.State.PENDING));

        h.advance(Duration.ofMinutes(5));
        h.run(faulty(devices));
        assertThat(h.hub.deliveries).as("pending instructions go out one by one with their own commandId").hasSize(4)
                .allSatisfy(x -> assertThat(x.instruction().get("commandId")).isEqualTo(commandId));
        assertThat(devices).allSatisfy(d -> assertThat(h.tag(d).backoff().state()).isEqualTo(BackoffState.State.SENT));
    }

    @Test
    void dryRunListsTheJobWithoutSchedulingIt() {
        List<Identity> devices = devices("meter-", 4);
        h.set("LINKGUARD_MODE", "dry-run");
        RemediationReport report = h.run(faulty(devices));
        assertThat(h.hub.writes()).isZero();
        assertThat(report.notes()).anyMatch(n -> n.contains("job on hub-a for 4 devices: would-schedule"));
        assertThat(report.counts().get("backoff")).isEqualTo(Map.of("would-scheduled-job", 4));
    }
}

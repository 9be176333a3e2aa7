package io.linkguard.remediation;

import static io.linkguard.classification.Classification.FAULTY_RECONNECT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.linkguard.evidence.Identity;
import io.linkguard.hub.stub.Fault;
import io.linkguard.hub.stub.MethodBehaviour;
import io.linkguard.hub.stub.MethodInvocation;
import io.linkguard.hub.stub.RecordedRequest;
import io.linkguard.hub.stub.StubHub;
import io.linkguard.hub.stub.StubOperation;
import io.linkguard.plan.Finding;
import io.linkguard.remediation.report.HubResult;
import io.linkguard.remediation.report.IdentityResult;
import io.linkguard.remediation.report.RemediationReport;
import io.linkguard.remediation.tag.BackoffState;
import io.linkguard.remediation.tag.LinkGuardTag;
import io.linkguard.remediation.tag.Stage;
import io.linkguard.tickets.TicketState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Remediator through the real IoT Hub adapter (iot-service-client, IotHubManager for the tier, roster
 * queries) against the HTTPS stub hub: what the twins hold afterwards, what the hub received, what the report
 * says. The in-memory tests (EscalationTest, BackoffDeliveryTest, SafetyTest...) cover the decisions in depth;
 * these check that the decisions survive the wire.
 */
class RemediationEndToEndTest {
    private StubHubRuns h;

    private StubHubRuns hub(StubHub.Config config) {
        h = new StubHubRuns(config);
        return h;
    }

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
    }

    private Finding faulty(Identity d, double perHour) {
        return Findings.of(d, FAULTY_RECONNECT, perHour, h.now());
    }

    private static void assertCustomerStateUntouched(StubHubRuns h, Identity d) {
        var twin = h.twin(d);
        assertThat(twin.tags().path("owner").asText()).isEqualTo("plant-ops");
        assertThat(twin.tags().path("site").path("line").asInt()).isEqualTo(3);
        assertThat(twin.desired().path("telemetryPeriod").asInt()).isEqualTo(30);
    }

    /** Every twin write the adapter sent: ETag-guarded where the domain gave one, LinkGuard's subtree only. */
    private static void assertWritesTouchOnlyLinkGuard(StubHubRuns h) {
        for (RecordedRequest r : h.stub.requests(StubOperation.TWIN_UPDATE)) {
            assertThat(r.body()).doesNotContain("plant-ops").doesNotContain("telemetryPeriod").contains("linkguard");
            String ifMatch = r.header("If-Match");
            if (ifMatch != null && !ifMatch.equals("*")) {
                assertThat(ifMatch).startsWith("\"").endsWith("\"");
            }
        }
    }

    @Test
    void escalationOverSeveralRunsTagBackoffTicketResolveAndEachRunRepeatedChangesNothing() {
        hub(StubHub.Config.defaults().hubName("plant").sku("S1", 1));
        Identity d = h.add("meter-1");
        h.add("bystander");

        RemediationReport run1 = h.run(faulty(d, 30));
        assertThat(h.tag(d).stage()).isEqualTo(Stage.TAG);
        assertThat(h.tag(d).conflicts().perHour()).isEqualTo(30);
        assertThat(run1.counts()).containsEntry("tag", Map.of("written", 1));
        assertThat(run1.hubs()).singleElement().satisfies(hr -> {
            assertThat(hr.status()).isEqualTo(HubResult.Status.ACTED);
            assertThat(hr.identities()).as("from the hub's COUNT query").isEqualTo(2);
        });
        assertThat(h.stub.count(StubOperation.METHOD)).as("confirmation period before any command").isZero();
        assertIdempotent(faulty(d, 30));

        h.advance(Duration.ofMinutes(15));
        RemediationReport run2 = h.run(faulty(d, 30));
        LinkGuardTag backedOff = h.tag(d);
        BackoffState b = backedOff.backoff();
        assertThat(backedOff.stage()).isEqualTo(Stage.BACKOFF);
        assertThat(b.state()).isEqualTo(BackoffState.State.SENT);
        assertThat(b.via()).isEqualTo(BackoffState.Via.METHOD);
        assertThat(b.acknowledged()).isTrue();
        assertThat(b.until()).isEqualTo(h.now().plus(Duration.ofMinutes(60)));
        assertThat(run2.counts()).containsEntry("backoff", Map.of("acknowledged-method", 1));
        MethodInvocation call = h.stub.methodCalls("meter-1").get(0);
        assertThat(call.methodName()).isEqualTo("linkguardBackoff");
        assertThat(call.connectTimeoutSeconds()).isEqualTo(5);
        assertThat(call.responseTimeoutSeconds()).isEqualTo(10);
        assertThat(call.jobId()).isNull();
        assertThat(call.payload().path("commandId").asText()).isEqualTo(b.commandId());
        assertThat(call.payload().path("schema").asText()).isEqualTo("linkguard.backoff/1");
        assertThat(h.desiredBackoff(d).isMissingNode()).as("acknowledged: no desired fallback").isTrue();
        assertIdempotent(faulty(d, 30));

        h.advance(Duration.ofMinutes(65));
        RemediationReport run3 = h.run(faulty(d, 30));
        LinkGuardTag escalated = h.tag(d);
        assertThat(escalated.stage()).isEqualTo(Stage.TICKET);
        assertThat(escalated.backoff().verdict()).isEqualTo(BackoffState.Verdict.NOT_IMPROVED);
        assertThat(escalated.ticket().status()).isEqualTo(TicketState.Status.OPEN);
        assertThat(escalated.ticket().reference()).isEqualTo("INC-meter-1");
        assertThat(run3.identities().get(0).why()).contains("back-off did not calm it");
        assertThat(h.tickets.raised).singleElement()
                .satisfies(r -> assertThat(r.key().value()).isEqualTo("linkguard:plant:meter-1:faulty-reconnect"));
        assertThat(h.stub.methodCalls("meter-1")).as("one back-off per episode").hasSize(1);
        assertIdempotent(faulty(d, 30));
        assertThat(h.tickets.raised).as("ticket refresh has a cooldown").hasSize(1);

        h.advance(Duration.ofHours(25));
        RemediationReport resolved = h.run();
        LinkGuardTag done = h.tag(d);
        assertThat(done.stage()).isEqualTo(Stage.RESOLVED);
        assertThat(done.resolvedAt()).isEqualTo(h.now());
        assertThat(done.ticket().status()).isEqualTo(TicketState.Status.RESOLVED);
        assertThat(resolved.counts()).containsEntry("resolve", Map.of("resolved", 1));
        assertThat(h.stub.requests(StubOperation.QUERY)).as("the roster found the tagged identity")
                .anySatisfy(r -> assertThat(r.body()).contains("tags.linkguard.stage != 'resolved'"));
        assertIdempotent();

        assertCustomerStateUntouched(h, d);
        assertThat(h.twin(h.device("bystander")).linkguardTag().isMissingNode()).isTrue();
        assertWritesTouchOnlyLinkGuard(h);
        assertThat(h.stub.requests()).allSatisfy(r -> assertThat(r.status()).as(r.method() + " " + r.path()).isLessThan(400));
    }

    /** The same plan again at the same moment: no twin write, no method, no job. */
    private void assertIdempotent(Finding... findings) {
        long writes = h.writes();
        long versions = h.stub.twins().stream().mapToLong(t -> t.version()).sum();
        RemediationReport again = h.run(findings);
        assertThat(h.writes()).as("a second identical run writes nothing").isEqualTo(writes);
        assertThat(h.stub.twins().stream().mapToLong(t -> t.version()).sum()).isEqualTo(versions);
        assertThat(again.statuses()).doesNotContainKeys("done", "failed");
    }

    @Test
    void methodSuccessNotOnlineAndTimeoutAndTheDesiredFallbackClearedOnResolve() {
        hub(StubHub.Config.defaults().hubName("plant")).set("LINKGUARD_BACKOFF_CONFIRM_MINUTES", "0");
        Identity ok = h.add("ok-1");
        Identity offline = h.add("offline-1");
        Identity silent = h.add("silent-1");
        h.stub.onMethod("offline-1", MethodBehaviour.notOnline());
        h.stub.onMethod("silent-1", MethodBehaviour.timeout());

        RemediationReport report = h.run(faulty(ok, 30), faulty(offline, 40), faulty(silent, 50));

        assertThat(report.counts().get("backoff")).containsEntry("acknowledged-method", 1).containsEntry("sent-desired", 2);
        assertThat(h.stub.count(StubOperation.METHOD, 404)).isEqualTo(1);
        assertThat(h.stub.count(StubOperation.METHOD, 504)).isEqualTo(1);
        assertThat(h.tag(ok).backoff().via()).isEqualTo(BackoffState.Via.METHOD);
        assertThat(h.desiredBackoff(ok).isMissingNode()).isTrue();
        for (Identity d : List.of(offline, silent)) {
            BackoffState b = h.tag(d).backoff();
            assertThat(b.state()).isEqualTo(BackoffState.State.SENT);
            assertThat(b.via()).isEqualTo(BackoffState.Via.DESIRED);
            assertThat(b.acknowledged()).isFalse();
            JsonNode desired = h.desiredBackoff(d);
            assertThat(desired.path("commandId").asText()).as("the same instruction as the method's").isEqualTo(b.commandId())
                    .isEqualTo(h.stub.methodCalls(d.deviceId()).get(0).payload().path("commandId").asText());
            assertThat(desired.path("schema").asText()).isEqualTo("linkguard.backoff/1");
            assertThat(desired.path("holdUntil").asText()).isEqualTo("2026-11-26T11:00:00Z");
        }
        assertIdempotent(faulty(ok, 30), faulty(offline, 40), faulty(silent, 50));

        h.advance(Duration.ofHours(25));
        RemediationReport resolved = h.run();
        assertThat(resolved.counts()).containsEntry("resolve", Map.of("resolved", 3));
        for (Identity d : List.of(ok, offline, silent)) {
            assertThat(h.tag(d).stage()).isEqualTo(Stage.RESOLVED);
            assertThat(h.desiredBackoff(d).isMissingNode()).as("desired back-off deleted on the hub").isTrue();
            assertCustomerStateUntouched(h, d);
        }
        assertThat(h.stub.requests(StubOperation.TWIN_UPDATE)).as("the clearing patch sends null")
                .anySatisfy(r -> assertThat(r.body().replace(" ", "")).contains("\"backoff\":null"));
        assertWritesTouchOnlyLinkGuard(h);
        assertIdempotent();
    }

    @Test
    void aMethodTheHubFailsStaysPendingAndTheNextRunSendsTheSameInstructionToAModule() {
        hub(StubHub.Config.defaults().hubName("plant")).set("LINKGUARD_BACKOFF_CONFIRM_MINUTES", "0");
        h.stub.addModule("gateway-1", "agent", true);
        h.stub.updateTwin("gateway-1", "agent", "{\"tags\":{\"owner\":\"plant-ops\"}}");
        Identity module = new Identity("plant", "gateway-1", "agent");
        h.stub.inject(Fault.status(503).on(StubOperation.METHOD));

        RemediationReport first = h.run(faulty(module, 30));
        BackoffState pending = h.tag(module).backoff();
        assertThat(pending.state()).isEqualTo(BackoffState.State.PENDING);
        assertThat(pending.attempts()).isEqualTo(1);
        assertThat(first.identities().get(0).status()).isEqualTo(IdentityResult.Status.FAILED);
        assertThat(h.stub.count(StubOperation.METHOD)).as("a method is not repeated within a run").isEqualTo(1);
        assertThat(h.twin(h.device("gateway-1")).linkguardTag().isMissingNode()).as("the module twin, not the device's")
                .isTrue();

        h.advance(Duration.ofMinutes(5));
        h.run(faulty(module, 30));
        BackoffState sent = h.tag(module).backoff();
        assertThat(sent.state()).isEqualTo(BackoffState.State.SENT);
        assertThat(sent.commandId()).isEqualTo(pending.commandId());
        assertThat(h.stub.methodCalls("gateway-1")).extracting(c -> c.moduleId() + " " + c.payload().path("commandId").asText())
                .as("the faulted call never reached the module; the repeat carries the recorded instruction")
                .containsExactly("agent " + pending.commandId());
        assertThat(h.stub.count(StubOperation.METHOD)).isEqualTo(2);
        assertThat(h.twin(module).tags().path("owner").asText()).isEqualTo("plant-ops");
        assertIdempotent(faulty(module, 30));
    }

    @Test
    void aWriteRacingAnOperatorGets412AndIsRedecidedFromTheFreshTwin() throws Exception {
        hub(StubHub.Config.defaults().hubName("plant")).set("LINKGUARD_HUB_CONCURRENCY", "1");
        Identity suppressed = h.add("race-suppressed");
        Identity retagged = h.add("race-retagged");

        // the operator suppresses the identity between LinkGuard's read and its write
        writeDuringNextTagPatch("race-suppressed",
                "{\"tags\":{\"linkguardSuppress\":{\"until\":\"2026-12-31T00:00:00Z\",\"reason\":\"field visit\"}}}");
        RemediationReport first = h.run(faulty(suppressed, 30));
        assertThat(h.stub.count(StubOperation.TWIN_UPDATE, 412)).isEqualTo(1);
        assertThat(h.stub.count(StubOperation.TWIN_UPDATE, 200)).as("the suppression is honoured on the re-read").isZero();
        assertThat(h.twin(suppressed).linkguardTag().isMissingNode()).isTrue();
        assertThat(first.identities().get(0).status()).isEqualTo(IdentityResult.Status.SKIPPED);
        assertThat(h.twin(suppressed).tags().path("linkguardSuppress").path("reason").asText()).isEqualTo("field visit");

        // the customer's backend writes its own tag in the same window: re-read, write again, both kept
        writeDuringNextTagPatch("race-retagged", "{\"tags\":{\"firmware\":\"4.2\"}}");
        h.run(faulty(retagged, 30));
        assertThat(h.stub.count(StubOperation.TWIN_UPDATE, 412)).isEqualTo(2);
        assertThat(h.tag(retagged).stage()).isEqualTo(Stage.TAG);
        assertThat(h.twin(retagged).tags().path("firmware").asText()).isEqualTo("4.2");
        assertCustomerStateUntouched(h, retagged);
        assertWritesTouchOnlyLinkGuard(h);
    }

    @Test
    void aTagWriteThatLandedButWhoseAnswerWasLostIsNotMadeTwice() {
        hub(StubHub.Config.defaults().hubName("plant"));
        Identity d = h.add("lost-answer");
        long before = h.twin(d).version();
        h.stub.inject(Fault.status(503).afterApplying().on(StubOperation.TWIN_UPDATE));

        h.run(faulty(d, 30));

        assertThat(h.stub.requests(StubOperation.TWIN_UPDATE)).extracting(RecordedRequest::status)
                .as("landed (503), the repeat with the same ETag is refused (412)").startsWith(503, 412);
        assertThat(h.twin(d).version()).as("exactly one write landed").isEqualTo(before + 1);
        assertThat(h.tag(d).stage()).isEqualTo(Stage.TAG);
        assertIdempotent(faulty(d, 30));
    }

    /**
     * Delays LinkGuard's next twin write on the stub and, once LinkGuard has read {@code deviceId}'s twin,
     * writes {@code patch} to it as someone else would: LinkGuard's write then carries a stale ETag.
     */
    private void writeDuringNextTagPatch(String deviceId, String patch) {
        h.stub.inject(Fault.delay(Duration.ofMillis(1000)).on(StubOperation.TWIN_UPDATE));
        int readsBefore = reads(deviceId);
        CompletableFuture.runAsync(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (reads(deviceId) == readsBefore && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            h.stub.updateTwin(deviceId, null, patch);
        });
    }

    private int reads(String deviceId) {
        return (int) h.stub.requests(StubOperation.TWIN_READ).stream().filter(r -> r.path().equals("twins/" + deviceId)).count();
    }

    @Test
    void manyBackoffsGoThroughAJobWhoseOutcomeALaterRunRecords() {
        hub(StubHub.Config.defaults().hubName("plant")).set("LINKGUARD_BACKOFF_CONFIRM_MINUTES", "0")
                .set("LINKGUARD_BULK_THRESHOLD", "2");
        List<Identity> fleet = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            fleet.add(h.add("bulk-" + i));
        }
        h.stub.setConnected("bulk-5", null, false);
        List<Finding> findings = fleet.stream().map(d -> faulty(d, 30)).toList();

        RemediationReport first = h.run(findings);
        assertThat(first.counts().get("backoff")).containsEntry("scheduled-job", 5);
        assertThat(h.stub.jobs()).singleElement().satisfies(job ->
                assertThat(h.stub.requests(StubOperation.JOB_CREATE)).singleElement().satisfies(r -> assertThat(r.body())
                        .contains("linkguardBackoff").contains("bulk-1").contains("bulk-5")));
        String jobId = h.stub.jobs().get(0).jobId();
        String commandId = h.tag(fleet.get(0)).backoff().commandId();
        for (Identity d : fleet) {
            BackoffState b = h.tag(d).backoff();
            assertThat(b.state()).isEqualTo(BackoffState.State.SCHEDULED);
            assertThat(b.jobId()).isEqualTo(jobId);
            assertThat(b.commandId()).as("one instruction per job").isEqualTo(commandId);
        }
        assertThat(h.stub.count(StubOperation.METHOD)).as("no direct calls").isZero();

        h.advance(Duration.ofMinutes(2));
        RemediationReport second = h.run(findings);
        assertThat(h.stub.count(StubOperation.JOB_READ)).isPositive();
        assertThat(h.stub.methodCalls()).hasSize(5).allSatisfy(c -> {
            assertThat(c.jobId()).isEqualTo(jobId);
            assertThat(c.payload().path("commandId").asText()).isEqualTo(commandId);
        });
        assertThat(h.stub.job(jobId).orElseThrow().failed()).as("bulk-5 is offline").isEqualTo(1);
        for (Identity d : fleet) {
            BackoffState b = h.tag(d).backoff();
            assertThat(b.state()).isEqualTo(BackoffState.State.SENT);
            assertThat(b.commandId()).isEqualTo(commandId);
            assertCustomerStateUntouched(h, d);
        }
        // a job with a failure falls back to the desired property for its devices, with the same instruction
        assertThat(h.desiredBackoff(fleet.get(4)).path("commandId").asText()).isEqualTo(commandId);
        assertThat(second.counts().get("backoff")).isNotEmpty().doesNotContainKeys("failed", "error", "pending");
        assertThat(h.stub.count(StubOperation.JOB_CREATE)).isEqualTo(1);
        assertIdempotent(findings.toArray(Finding[]::new));
        assertWritesTouchOnlyLinkGuard(h);
    }

    @Test
    void suppressionsAndTheBackoffCapAreHonouredOnTheWire() {
        hub(StubHub.Config.defaults().hubName("plant")).set("LINKGUARD_BACKOFF_CONFIRM_MINUTES", "0")
                .set("LINKGUARD_SUPPRESS_IDS", "lab-*").set("LINKGUARD_MAX_BACKOFFS_PER_RUN", "1");
        Identity lab = h.add("lab-7");
        Identity held = h.add("held-1");
        h.stub.updateTwin("held-1", null, "{\"tags\":{\"linkguardSuppress\":{\"until\":\"2026-12-31T00:00:00Z\"}}}");
        Identity expired = h.add("expired-1");
        h.stub.updateTwin("expired-1", null, "{\"tags\":{\"linkguardSuppress\":{\"until\":\"2026-01-01T00:00:00Z\"}}}");
        Identity busy = h.add("busy-1");

        RemediationReport first = h.run(faulty(lab, 90), faulty(held, 80), faulty(expired, 20), faulty(busy, 60));

        assertThat(reads("lab-7")).as("an id pattern is checked before the twin is read").isZero();
        assertThat(h.twin(lab).linkguardTag().isMissingNode()).isTrue();
        assertThat(h.twin(held).linkguardTag().isMissingNode()).isTrue();
        assertThat(h.stub.requests(StubOperation.TWIN_UPDATE)).noneMatch(r -> r.path().contains("lab-7") || r.path().contains("held-1"));
        assertThat(first.identities()).filteredOn(r -> r.identity().equals(lab) || r.identity().equals(held))
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(IdentityResult.Status.SKIPPED));
        assertThat(h.stub.methodCalls()).as("the cap: the busiest first").singleElement()
                .satisfies(c -> assertThat(c.deviceId()).isEqualTo("busy-1"));
        assertThat(first.counts().get("backoff")).containsEntry("capped", 1);
        assertThat(h.tag(expired).stage()).as("capped, but tagged").isEqualTo(Stage.TAG);

        h.advance(Duration.ofMinutes(5));
        h.run(faulty(lab, 90), faulty(held, 80), faulty(expired, 20), faulty(busy, 60));
        assertThat(h.stub.methodCalls()).extracting(MethodInvocation::deviceId).containsExactly("busy-1", "expired-1");
        assertThat(h.tag(expired).stage()).isEqualTo(Stage.BACKOFF);
        assertThat(h.twin(expired).tags().path("linkguardSuppress").path("until").asText())
                .as("LinkGuard never writes or removes the suppression").isEqualTo("2026-01-01T00:00:00Z");
        assertWritesTouchOnlyLinkGuard(h);
    }

    @Test
    void theFleetGuardHoldsBackTheWholeHubSizedByItsCountQuery() {
        hub(StubHub.Config.defaults().hubName("plant").sku("S2", 1)).set("LINKGUARD_BACKOFF_CONFIRM_MINUTES", "0")
                .set("LINKGUARD_FLEET_GUARD_SHARE", "0.1").set("LINKGUARD_FLEET_GUARD_MIN_IDENTITIES", "2");
        List<String> quiet = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            quiet.add("quiet-" + i);
        }
        h.stub.addDevices(quiet);
        List<Finding> storm = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            storm.add(faulty(h.add("storm-" + i), 30));
        }

        RemediationReport report = h.run(storm);

        assertThat(report.anyGuarded()).isTrue();
        assertThat(report.hubs()).singleElement().satisfies(hr -> {
            assertThat(hr.status()).isEqualTo(HubResult.Status.GUARDED);
            assertThat(hr.identities()).isEqualTo(30);
            assertThat(hr.acting()).isEqualTo(4);
            assertThat(hr.reason()).contains("LINKGUARD_FLEET_GUARD_SHARE");
        });
        assertThat(h.writes()).as("not even tags").isZero();
        assertThat(h.stub.twins()).allSatisfy(t -> assertThat(t.linkguardTag().isMissingNode()).isTrue());

        h.set("LINKGUARD_FLEET_GUARD_SHARE", "0.2");
        RemediationReport allowed = h.run(storm);
        assertThat(allowed.hubs().get(0).status()).isEqualTo(HubResult.Status.ACTED);
        assertThat(h.stub.methodCalls()).hasSize(4);
    }
}

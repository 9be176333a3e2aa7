package io.linkguard.tickets.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.linkguard.plan.Finding;
import io.linkguard.tickets.Findings;
import io.linkguard.tickets.RemoteTicket;
import io.linkguard.tickets.Secret;
import io.linkguard.tickets.SinkStub;
import io.linkguard.tickets.TicketBodies;
import io.linkguard.tickets.TicketContent;
import io.linkguard.tickets.TicketKey;
import io.linkguard.tickets.TicketRequest;
import io.linkguard.tickets.TicketSinkException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The webhook: payload, headers, and a signature checked here the way docs/tickets.md tells a receiver to. */
class WebhookSinkTest {
    private static final String SECRET = "whsec-5f0c1d2e3a4b5c6d7e8f9a0b1c2d3e4f";
    private static final String SIG = "sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=AbCdEf0123456789LogicAppSignature";
    @RegisterExtension
    static final SinkStub stub = SinkStub.perClass();
    private final ObjectMapper json = new ObjectMapper();
    private final Finding finding = Findings.shared();
    private final TicketRequest request = Findings.request(finding, "run-7", null, "tag written", "ticket opened");
    private final TicketKey key = request.key();

    @BeforeEach
    void acceptInvocations() {
        stub.server.stubFor(post(urlPathEqualTo("/workflows/abc/triggers/manual/paths/invoke")).willReturn(aResponse().withStatus(202)));
    }

    private URI url() {
        return stub.uri("/workflows/abc/triggers/manual/paths/invoke?" + SIG);
    }

    private WebhookSink sink() throws Exception {
        return WebhookSink.create(url(), Secret.of(SECRET), stub.options());
    }

    private TicketContent content(TicketContent.Event event) {
        return new TicketContent(event, key, TicketBodies.title(request), TicketBodies.opening(request, null), request);
    }

    /** What a receiver does, written independently of WebhookSignature. */
    static boolean verify(String secret, LoggedRequest r, long now, long toleranceSeconds) throws Exception {
        String timestamp = r.getHeader("X-LinkGuard-Timestamp");
        String signature = r.getHeader("X-LinkGuard-Signature");
        if (timestamp == null || signature == null || !signature.startsWith("sha256=")) {
            return false;
        }
        if (Math.abs(now - Long.parseLong(timestamp)) > toleranceSeconds) {
            return false;
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] body = r.getBody();
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        StringBuilder hex = new StringBuilder();
        for (byte b : mac.doFinal(signed)) {
            hex.append(String.format("%02x", b));
        }
        return MessageDigest.isEqual(("sha256=" + hex).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void postsASignedPayloadThatAReceiverCanVerify() throws Exception {
        RemoteTicket t = sink().create(key, content(TicketContent.Event.OPENED));
        assertThat(t.reference()).matches("[0-9a-f-]{36}");
        LoggedRequest r = stub.requests().get(0);
        assertThat(r.getUrl()).isEqualTo("/workflows/abc/triggers/manual/paths/invoke?" + SIG);
        assertThat(r.getHeader("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(r.getHeader("X-LinkGuard-Event")).isEqualTo("opened");
        assertThat(r.getHeader("X-LinkGuard-Delivery")).matches("[0-9a-f-]{36}");
        assertThat(r.getHeader("X-LinkGuard-Timestamp")).isEqualTo(String.valueOf(stub.clock.instant().getEpochSecond()));
        assertThat(r.getHeader("Authorization")).isNull();
        long now = stub.clock.instant().getEpochSecond();
        assertThat(verify(SECRET, r, now, 300)).isTrue();
        assertThat(verify("another-secret-another-secret-xx", r, now, 300)).isFalse();
        assertThat(verify(SECRET, r, now + 301, 300)).as("a replay after five minutes").isFalse();

        JsonNode p = json.readTree(r.getBody());
        List<String> fields = new ArrayList<>();
        p.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("schema", "event", "reason", "deliveryId", "ticketId", "sentAt", "runId", "key",
                "title", "finding", "cohort", "overlappingCohorts", "actionsTaken", "text");
        assertThat(p.get("schema").asText()).isEqualTo("linkguard.ticket/1");
        assertThat(p.get("deliveryId").asText()).isEqualTo(r.getHeader("X-LinkGuard-Delivery"));
        assertThat(p.get("ticketId").asText()).isEqualTo(t.reference());
        assertThat(p.get("key").asText()).isEqualTo(key.value());
        assertThat(p.get("reason").isNull()).isTrue();
        assertThat(p.get("sentAt").asText()).isEqualTo("2026-11-26T10:00:00Z");
        JsonNode f = p.get("finding");
        assertThat(f.get("deviceId").asText()).isEqualTo(finding.identity().deviceId());
        assertThat(f.get("classification").asText()).isEqualTo("shared-identity");
        assertThat(f.get("evidence").get("conflicts").asLong()).isEqualTo(finding.evidence().conflicts());
        assertThat(f.get("timeline").size()).isEqualTo(Math.min(50, finding.timeline().size()));
        assertThat(p.get("actionsTaken")).extracting(JsonNode::asText).containsExactly("tag written", "ticket opened");
        assertThat(p.get("text").asText()).contains("### Recommended fix");
    }

    @Test
    void theBodyBytesAreExactlyWhatIsSigned() throws Exception {
        sink().update(new RemoteTicket("tid", "tid", null, true, 0, null, null), content(TicketContent.Event.UPDATED));
        LoggedRequest r = stub.requests().get(0);
        String body = new String(r.getBody(), StandardCharsets.UTF_8);
        String ts = r.getHeader("X-LinkGuard-Timestamp");
        assertThat(r.getHeader("X-LinkGuard-Signature"))
                .isEqualTo(WebhookSignature.sign(Secret.of(SECRET), Long.parseLong(ts), body.getBytes(StandardCharsets.UTF_8)));
        byte[] changed = body.replace("shared-identity", "faulty-reconnect").getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookSignature.sign(Secret.of(SECRET), Long.parseLong(ts), changed)).isNotEqualTo(r.getHeader("X-LinkGuard-Signature"));
        assertThat(WebhookSignature.sign(Secret.of(SECRET), Long.parseLong(ts) + 1, body.getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(r.getHeader("X-LinkGuard-Signature"));
    }

    @Test
    void eventsNameTheStep() throws Exception {
        WebhookSink sink = sink();
        RemoteTicket t = new RemoteTicket("tid-1", "tid-1", null, true, 0, null, null);
        sink.update(t, content(TicketContent.Event.UPDATED));
        sink.resolve(t, content(TicketContent.Event.RESOLVED));
        sink.reopen(t, content(TicketContent.Event.REOPENED));
        sink.resolve(t, content(TicketContent.Event.SUPERSEDED));
        List<LoggedRequest> all = stub.requests();
        assertThat(all).extracting(r -> r.getHeader("X-LinkGuard-Event")).containsExactly("updated", "resolved", "reopened", "resolved");
        assertThat(json.readTree(all.get(1).getBody()).get("reason").asText()).isEqualTo("stopped");
        assertThat(json.readTree(all.get(3).getBody()).get("reason").asText()).isEqualTo("reclassified");
        assertThat(all).allSatisfy(r -> assertThat(json.readTree(r.getBody()).get("ticketId").asText()).isEqualTo("tid-1"));
        assertThat(sink.searchable()).isFalse();
    }

    @Test
    void aResolveWithoutAFindingSendsANullFinding() throws Exception {
        TicketRequest quiet = new TicketRequest(key, null, List.of("back-off cleared"), "run-9", null);
        sink().resolve(new RemoteTicket("tid-2", "tid-2", null, true, 0, null, null), new TicketContent(
                TicketContent.Event.RESOLVED, key, TicketBodies.title(quiet), TicketBodies.resolution(quiet), quiet));
        JsonNode p = json.readTree(stub.requests().get(0).getBody());
        assertThat(p.get("finding").isNull()).isTrue();
        assertThat(p.get("title").asText()).isEqualTo("[LinkGuard] " + key.value());
        assertThat(p.get("text").asText()).contains("saw no more connection conflicts for `" + key.value() + "`");
        assertThat(p.get("actionsTaken")).extracting(JsonNode::asText).containsExactly("back-off cleared");
    }

    @Test
    void plainHttpIsRefusedAtConfigurationTime() {
        assertThatThrownBy(() -> WebhookSink.create(URI.create("http://hooks.example.com/x"), Secret.of(SECRET), stub.options()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("webhook URL must be an https:// URL");
    }

    @Test
    void failuresNeverShowTheSignedUrlOrTheSecret() throws Exception {
        stub.server.stubFor(post(urlPathEqualTo("/workflows/abc/triggers/manual/paths/invoke")).willReturn(aResponse()
                .withStatus(400).withBody("{\"error\":{\"code\":\"DirectApiAuthorizationRequired\",\"message\":\"bad sig "
                        + "AbCdEf0123456789LogicAppSignature for " + url() + "\"}}")));
        assertThatThrownBy(() -> sink().create(key, content(TicketContent.Event.OPENED))).satisfies(e -> {
            assertThat(e.getMessage()).contains("HTTP 400").doesNotContain("AbCdEf0123456789LogicAppSignature")
                    .doesNotContain(url().toString());
        });
        stub.server.stubFor(post(urlPathEqualTo("/workflows/abc/triggers/manual/paths/invoke")).willReturn(aResponse().withStatus(410)));
        assertThatThrownBy(() -> sink().create(key, content(TicketContent.Event.OPENED)))
                .satisfies(e -> assertThat(((TicketSinkException) e).kind()).isEqualTo(TicketSinkException.Kind.MISCONFIGURED));
        stub.server.stubFor(post(urlPathEqualTo("/workflows/abc/triggers/manual/paths/invoke")).willReturn(aResponse().withStatus(500)));
        assertThatThrownBy(() -> sink().create(key, content(TicketContent.Event.OPENED)))
                .satisfies(e -> assertThat(((TicketSinkException) e).kind()).isEqualTo(TicketSinkException.Kind.TRANSIENT));
        stub.server.stubFor(post(urlPathEqualTo("/workflows/abc/triggers/manual/paths/invoke")).willReturn(aResponse()
                .withStatus(202).withFixedDelay(1500)));
        WebhookSink slow = WebhookSink.create(url(), Secret.of(SECRET), stub.options(Duration.ofMillis(300)));
        assertThatThrownBy(() -> slow.create(key, content(TicketContent.Event.OPENED))).hasMessageContaining("no answer within");
        assertThat(sink().toString()).doesNotContain("sig=").doesNotContain("workflows");
    }
}

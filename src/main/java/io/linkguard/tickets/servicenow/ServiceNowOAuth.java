package io.linkguard.tickets.servicenow;

import com.fasterxml.jackson.databind.JsonNode;
import io.linkguard.tickets.Redactor;
import io.linkguard.tickets.Secret;
import io.linkguard.tickets.TicketSinkException;
import io.linkguard.tickets.TicketSinkException.Kind;
import io.linkguard.tickets.http.HttpAuth;
import io.linkguard.tickets.http.HttpOptions;
import io.linkguard.tickets.http.SinkHttp;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * ServiceNow OAuth 2.0 client credentials: {@code POST {instance}/oauth_token.do} with
 * {@code grant_type=client_credentials}, the token cached until a minute before it expires. The instance
 * must allow the grant (system property glide.oauth.inbound.client.credential.grant_type.enabled) and
 * the OAuth application user must hold the incident roles (docs/tickets.md).
 */
final class ServiceNowOAuth implements HttpAuth {
    private static final Duration EARLY = Duration.ofSeconds(60);
    private static final String OPERATION = "OAuth token";

    private final URI tokenUrl;
    private final String clientId;
    private final Secret clientSecret;
    private final Clock clock;
    private final SinkHttp http;
    private Redactor redactor;
    private String token;
    private Instant expires = Instant.MIN;

    ServiceNowOAuth(URI instance, String clientId, Secret clientSecret, HttpOptions options) {
        this.tokenUrl = URI.create(HttpOptions.base(instance) + "/oauth_token.do");
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.clock = options.clock();
        this.http = options.http(ServiceNowSink.NAME, null);
    }

    @Override
    public synchronized String authorization() throws TicketSinkException {
        Instant now = clock.instant();
        if (token == null || !now.isBefore(expires)) {
            fetch(now);
        }
        return "Bearer " + token;
    }

    @Override
    public void registerSecrets(Redactor redactor) {
        this.redactor = redactor;
        redactor.add(clientSecret);
    }

    private void fetch(Instant now) throws TicketSinkException {
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(clientSecret.reveal(), StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(tokenUrl)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        JsonNode answer;
        try {
            answer = http.send(OPERATION, request, 200).json();
        } catch (TicketSinkException e) {
            if (e.kind() != Kind.REJECTED) {
                throw e;
            }
            throw new TicketSinkException(Kind.MISCONFIGURED, e.getMessage()
                    + ": the client id/secret were refused or the client credentials grant is not enabled");
        }
        String access = answer.path("access_token").asText("");
        if (access.isEmpty()) {
            throw new TicketSinkException(Kind.TRANSIENT, ServiceNowSink.NAME + " " + OPERATION + ": the answer holds no access_token");
        }
        token = access;
        if (redactor != null) {
            redactor.addValue(access);
        }
        expires = now.plusSeconds(answer.path("expires_in").asLong(1800)).minus(EARLY);
    }

    @Override
    public String toString() {
        return "ServiceNowOAuth[client=" + clientId + ", secret=***]";
    }
}

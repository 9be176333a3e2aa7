package io.linkguard.tickets.servicenow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkguard.tickets.Redactor;
import io.linkguard.tickets.Secret;
import io.linkguard.tickets.TicketSinkException;
import io.linkguard.tickets.TicketSinkException.Kind;
import io.linkguard.tickets.http.HttpAuth;
import io.linkguard.tickets.http.HttpOptions;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

    private final URI tokenUrl;
    private final String clientId;
    private final Secret clientSecret;
    private final HttpOptions http;
    private final ObjectMapper json = new ObjectMapper();
    private Redactor redactor;
    private String token;
    private Instant expires = Instant.MIN;

    ServiceNowOAuth(URI instance, String clientId, Secret clientSecret, HttpOptions http) {
        this.tokenUrl = URI.create(HttpOptions.base(instance) + "/oauth_token.do");
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.http = http;
    }

    @Override
    public synchronized String authorization() throws TicketSinkException {
        Instant now = http.clock().instant();
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
        HttpRequest request = HttpRequest.newBuilder(tokenUrl).timeout(http.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .header("User-Agent", "LinkGuard")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<byte[]> response;
        try {
            http.limiter().acquire();
            response = http.client().send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new TicketSinkException(Kind.TRANSIENT, "servicenow OAuth token: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TicketSinkException(Kind.TRANSIENT, "servicenow OAuth token: interrupted");
        }
        int status = response.statusCode();
        if (status == 400 || status == 401 || status == 403) {
            throw new TicketSinkException(Kind.MISCONFIGURED, "servicenow OAuth token: HTTP " + status
                    + ": the client id/secret were refused or the client credentials grant is not enabled");
        }
        if (status != 200) {
            throw new TicketSinkException(status == 429 || status >= 500 ? Kind.TRANSIENT : Kind.MISCONFIGURED,
                    "servicenow OAuth token: HTTP " + status);
        }
        try {
            JsonNode n = json.readTree(response.body());
            String access = n.path("access_token").asText("");
            if (access.isEmpty()) {
                throw new IOException("no access_token");
            }
            token = access;
            if (redactor != null) {
                redactor.addValue(access);
            }
            long seconds = n.path("expires_in").asLong(1800);
            expires = now.plusSeconds(seconds).minus(EARLY);
        } catch (IOException e) {
            throw new TicketSinkException(Kind.TRANSIENT, "servicenow OAuth token: the answer holds no access_token");
        }
    }

    @Override
    public String toString() {
        return "ServiceNowOAuth[client=" + clientId + ", secret=***]";
    }
}

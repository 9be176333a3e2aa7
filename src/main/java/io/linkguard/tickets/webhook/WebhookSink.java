package io.linkguard.tickets.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.linkguard.tickets.Redactor;
import io.linkguard.tickets.RemoteTicket;
import io.linkguard.tickets.Secret;
import io.linkguard.tickets.TicketContent;
import io.linkguard.tickets.TicketKey;
import io.linkguard.tickets.TicketSink;
import io.linkguard.tickets.TicketSinkException;
import io.linkguard.tickets.http.HttpOptions;
import io.linkguard.tickets.http.SinkHttp;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Ticket events as signed JSON POSTs to one https URL (a Logic App, Power Automate flow, or a bridge to
 * Teams or Slack). The receiver owns the ticket; LinkGuard remembers in the twin tag whether it sent
 * "opened" and dedupes from that, so delivery is at least once: a receiver treats a repeated "opened" for
 * a key it holds open as an update. 200, 201, 202 and 204 are success. The URL itself is treated as a
 * secret (Logic App URLs carry their signature in the query): it is never logged or shown.
 */
public final class WebhookSink implements TicketSink {
    public static final String NAME = "webhook";

    private final URI url;
    private final Secret secret;
    private final SinkHttp http;
    private final Clock clock;

    private WebhookSink(URI url, Secret secret, HttpOptions options) {
        this.url = HttpOptions.requireHttps(url, "webhook URL");
        this.secret = Objects.requireNonNull(secret, "secret");
        redactUrl(options.redactor(), url);
        options.redactor().add(secret);
        this.http = options.http(NAME, null);
        this.clock = options.clock();
    }

    /**
     * The URL, its query, every query value (a Logic App's sig) and every long path segment (a Slack or
     * Teams hook's token) are secrets.
     */
    static void redactUrl(Redactor redactor, URI url) {
        redactor.addValue(url.toString());
        if (url.getRawQuery() != null) {
            redactor.addValue(url.getRawQuery());
            for (String pair : url.getRawQuery().split("&")) {
                String value = pair.substring(pair.indexOf('=') + 1);
                redactor.addValue(value);
                redactor.addValue(URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
        }
        for (String segment : url.getRawPath().split("/")) {
            if (segment.length() >= 12) {
                redactor.addValue(segment);
            }
        }
    }

    public static WebhookSink create(URI url, Secret secret, HttpOptions options) {
        return new WebhookSink(url, secret, options);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean searchable() {
        return false;
    }

    @Override
    public List<RemoteTicket> findOpen(TicketKey key) {
        return List.of();
    }

    @Override
    public Optional<RemoteTicket> get(String reference) {
        return Optional.empty();
    }

    @Override
    public RemoteTicket create(TicketKey key, TicketContent content) throws TicketSinkException {
        String ticketId = UUID.randomUUID().toString();
        Instant now = send("opened", content, ticketId);
        return new RemoteTicket(ticketId, "webhook ticket " + ticketId, null, true, 0, now, now);
    }

    @Override
    public void update(RemoteTicket ticket, TicketContent content) throws TicketSinkException {
        send("updated", content, ticket.reference());
    }

    @Override
    public void resolve(RemoteTicket ticket, TicketContent content) throws TicketSinkException {
        send("resolved", content, ticket.reference());
    }

    @Override
    public void reopen(RemoteTicket ticket, TicketContent content) throws TicketSinkException {
        send("reopened", content, ticket.reference());
    }

    /** Never called: a webhook is not searched, so no duplicates are found. */
    @Override
    public void closeAsDuplicate(RemoteTicket duplicate, RemoteTicket kept, TicketContent content) {
    }

    private Instant send(String event, TicketContent content, String ticketId) throws TicketSinkException {
        Instant now = clock.instant();
        String delivery = UUID.randomUUID().toString();
        byte[] body;
        try {
            body = http.json().writeValueAsBytes(WebhookPayload.build(http.json(), event, content, ticketId, delivery, now));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("webhook payload could not be written", e);
        }
        long timestamp = now.getEpochSecond();
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .header("Content-Type", "application/json; charset=utf-8")
                .header(WebhookSignature.EVENT_HEADER, event)
                .header(WebhookSignature.DELIVERY_HEADER, delivery)
                .header(WebhookSignature.TIMESTAMP_HEADER, String.valueOf(timestamp))
                .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        http.send("deliver " + event, request, 200, 201, 202, 204);
        return now;
    }

    @Override
    public String toString() {
        return "WebhookSink[" + url.getScheme() + "://" + url.getHost() + "/***]";
    }
}

package io.linkguard.tickets.servicenow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.linkguard.tickets.RemoteTicket;
import io.linkguard.tickets.Secret;
import io.linkguard.tickets.TicketContent;
import io.linkguard.tickets.TicketKey;
import io.linkguard.tickets.TicketSink;
import io.linkguard.tickets.TicketSinkException;
import io.linkguard.tickets.body.FieldLimit;
import io.linkguard.tickets.body.PlainText;
import io.linkguard.tickets.http.HttpAuth;
import io.linkguard.tickets.http.HttpOptions;
import io.linkguard.tickets.http.HttpResult;
import io.linkguard.tickets.http.SinkHttp;
import io.linkguard.tickets.http.Texts;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Incidents through the ServiceNow Table API ({@code /api/now/table/incident}). The dedupe key is the
 * incident's {@code correlation_id} (a SHA-256 stand-in when the key is longer than the field's 100
 * characters or has query characters) with {@code correlation_display} "LinkGuard". Open or closed is decided by
 * {@code state}, as the incident state model has it: 1 New, 2 In Progress, 3 On Hold are open; 6 Resolved, 7 Closed
 * and 8 Canceled are not. A Resolved incident keeps {@code active=true} until the auto-close job
 * ({@code glide.ui.autoclose.time} days after its last update) moves it to Closed, so {@code active} alone would
 * count it open; while Resolved it can be reopened, once Closed or Canceled it cannot (a new incident names it).
 * Open incidents are found with {@code sysparm_query=correlation_id=...^active=true^stateNOT IN6,7,8}. Updates are
 * work notes; resolve, reopen and duplicate close set the configured state and close code. Text is plain, cut to
 * the fields' default 4,000 characters: a longer text (a new incident's timeline excerpt) continues in work notes.
 */
public final class ServiceNowSink implements TicketSink {
    public static final String NAME = "servicenow";
    static final String TABLE = "/api/now/table/incident";
    static final String FIELDS = "sys_id,number,active,state,correlation_id,sys_created_on,sys_updated_on";
    static final int TEXT_LIMIT = 4000;
    static final int SHORT_DESCRIPTION_LIMIT = 160;
    static final int CORRELATION_LIMIT = 100;
    static final String CORRELATION_DISPLAY = "LinkGuard";
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9:._-]{1," + CORRELATION_LIMIT + "}");
    private static final Pattern SYS_ID = Pattern.compile("[0-9a-f]{32}");
    /** Incident states that are not open: 6 Resolved, 7 Closed, 8 Canceled (the base system's state model). */
    static final List<String> INACTIVE_STATES = List.of("6", "7", "8");

    private final String base;
    private final SinkHttp http;
    private final Fields fields;
    private final List<String> notOpenStates;

    /** The incident fields LinkGuard sets, all from settings. */
    public record Fields(String assignmentGroup, int urgency, int impact, String resolvedState, String reopenState,
                         String closeCode, String duplicateCloseCode, String closeNotes) {
        public static final Fields DEFAULTS = new Fields(null, 2, 2, "6", "2", "Solution provided", "Duplicate",
                "Resolved by LinkGuard: the identity's connection conflicts stopped.");
    }

    private ServiceNowSink(URI instance, HttpAuth auth, HttpOptions options, Fields fields) {
        this.base = HttpOptions.base(HttpOptions.requireHttps(instance, "ServiceNow instance URL"));
        this.http = options.http(NAME, auth);
        this.fields = Objects.requireNonNull(fields, "fields");
        List<String> states = new ArrayList<>(INACTIVE_STATES);
        if (!states.contains(fields.resolvedState())) {
            states.add(fields.resolvedState());
        }
        this.notOpenStates = List.copyOf(states);
    }

    /** Basic auth with a ServiceNow user that holds the itil role (or incident read/write ACLs). */
    public static ServiceNowSink basic(URI instance, String user, Secret password, HttpOptions options, Fields fields) {
        return new ServiceNowSink(instance, HttpAuth.basic(user, password), options, fields);
    }

    /** OAuth client credentials against the instance's /oauth_token.do. */
    public static ServiceNowSink oauth(URI instance, String clientId, Secret clientSecret, HttpOptions options, Fields fields) {
        return new ServiceNowSink(instance, new ServiceNowOAuth(instance, clientId, clientSecret, options), options, fields);
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * The key itself, or "linkguard:sha256:" and its fingerprint when it does not fit correlation_id's 100
     * characters or holds characters that mean something in an encoded query (device ids may contain
     * '=', '!', '@', ...).
     */
    static String correlationId(TicketKey key) {
        return PLAIN_KEY.matcher(key.value()).matches() ? key.value() : "linkguard:sha256:" + key.fingerprint();
    }

    @Override
    public List<RemoteTicket> findOpen(TicketKey key) throws TicketSinkException {
        String correlation = correlationId(key);
        String query = "correlation_id=" + correlation + "^active=true^stateNOT IN" + String.join(",", notOpenStates)
                + "^ORDERBYsys_created_on";
        HttpResult r = http.send("find open incidents", getRequest(TABLE + "?sysparm_query=" + Texts.encode(query)
                + "&sysparm_fields=" + Texts.encode(FIELDS) + "&sysparm_limit=20&sysparm_exclude_reference_link=true"), 200);
        List<RemoteTicket> out = new ArrayList<>();
        for (JsonNode n : r.json().path("result")) {
            RemoteTicket t = correlation.equals(n.path("correlation_id").asText()) ? ticket(n) : null;
            if (t != null && t.open()) {
                out.add(t);
            }
        }
        return out;
    }

    @Override
    public Optional<RemoteTicket> get(String reference) throws TicketSinkException {
        if (!SYS_ID.matcher(reference).matches()) {
            return Optional.empty();
        }
        Optional<HttpResult> r = http.sendOrMissing("get incident", getRequest(TABLE + "/" + reference + "?sysparm_fields="
                + Texts.encode(FIELDS) + "&sysparm_exclude_reference_link=true"), 200);
        if (r.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ticket(r.get().json().path("result")));
    }

    @Override
    public RemoteTicket create(TicketKey key, TicketContent content) throws TicketSinkException {
        List<String> pieces = PlainText.chunks(content.full(), TEXT_LIMIT);
        ObjectNode body = http.json().createObjectNode()
                .put("short_description", FieldLimit.truncate(content.title(), SHORT_DESCRIPTION_LIMIT))
                .put("description", pieces.get(0))
                .put("urgency", String.valueOf(fields.urgency()))
                .put("impact", String.valueOf(fields.impact()))
                .put("correlation_id", correlationId(key))
                .put("correlation_display", CORRELATION_DISPLAY);
        if (fields.assignmentGroup() != null) {
            body.put("assignment_group", fields.assignmentGroup());
        }
        HttpResult r = http.send("create incident", post(TABLE + "?sysparm_fields=" + Texts.encode(FIELDS)
                + "&sysparm_exclude_reference_link=true", body), 201);
        RemoteTicket created = ticket(r.json().path("result"));
        try {
            workNotes(created, pieces.subList(1, pieces.size()));
        } catch (TicketSinkException e) {
            // The incident exists with its description; the continuation (queries, timeline excerpt) is not re-sent.
        }
        return created;
    }

    @Override
    public void update(RemoteTicket ticket, TicketContent content) throws TicketSinkException {
        workNotes(ticket, PlainText.chunks(content.full(), TEXT_LIMIT));
    }

    @Override
    public void resolve(RemoteTicket ticket, TicketContent content) throws TicketSinkException {
        patch("resolve incident", ticket, http.json().createObjectNode()
                .put("state", fields.resolvedState())
                .put("close_code", fields.closeCode())
                .put("close_notes", FieldLimit.truncate(fields.closeNotes() + "\n\n" + PlainText.render(content.document()), TEXT_LIMIT)));
    }

    @Override
    public void reopen(RemoteTicket ticket, TicketContent content) throws TicketSinkException {
        List<String> pieces = PlainText.chunks(content.full(), TEXT_LIMIT);
        patch("reopen incident", ticket, http.json().createObjectNode()
                .put("state", fields.reopenState())
                .put("work_notes", pieces.get(0)));
        workNotes(ticket, pieces.subList(1, pieces.size()));
    }

    private void workNotes(RemoteTicket ticket, List<String> notes) throws TicketSinkException {
        for (String note : notes) {
            patch("add work note", ticket, http.json().createObjectNode().put("work_notes", note));
        }
    }

    @Override
    public void closeAsDuplicate(RemoteTicket duplicate, RemoteTicket kept, TicketContent content) throws TicketSinkException {
        patch("close duplicate incident", duplicate, http.json().createObjectNode()
                .put("state", fields.resolvedState())
                .put("close_code", fields.duplicateCloseCode())
                .put("close_notes", text(content))
                .put("parent_incident", kept.reference()));
    }

    private void patch(String operation, RemoteTicket ticket, ObjectNode body) throws TicketSinkException {
        HttpRequest.Builder b = request(TABLE + "/" + ticket.reference() + "?sysparm_fields=sys_id")
                .header("Content-Type", "application/json")
                .method("PATCH", http.body(body));
        http.send(operation, b, 200);
    }

    private RemoteTicket ticket(JsonNode n) throws TicketSinkException {
        String sysId = n.path("sys_id").asText("");
        String number = n.path("number").asText(sysId);
        if (sysId.isEmpty()) {
            throw new TicketSinkException(TicketSinkException.Kind.TRANSIENT, NAME + ": an incident without sys_id in the answer");
        }
        String digits = number.replaceAll("\\D", "");
        long sequence = digits.isEmpty() || digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
        boolean active = "true".equals(n.path("active").asText());
        String state = n.path("state").asText("");
        boolean open = active && !notOpenStates.contains(state);
        return new RemoteTicket(sysId, number, base + "/incident.do?sys_id=" + sysId, open, sequence,
                Texts.instant(n.path("sys_created_on").asText("")), Texts.instant(n.path("sys_updated_on").asText("")),
                active);
    }

    private static String text(TicketContent content) {
        return FieldLimit.truncate(PlainText.render(content.document()), TEXT_LIMIT);
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(base + pathAndQuery)).header("Accept", "application/json");
    }

    private HttpRequest.Builder getRequest(String pathAndQuery) {
        return request(pathAndQuery).GET();
    }

    private HttpRequest.Builder post(String pathAndQuery, ObjectNode body) {
        return request(pathAndQuery).header("Content-Type", "application/json").POST(http.body(body));
    }

    @Override
    public String toString() {
        return "ServiceNowSink[" + base + "]";
    }
}

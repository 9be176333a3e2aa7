package io.linkguard.tickets.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.linkguard.plan.PlanJson;
import io.linkguard.tickets.TicketContent;
import io.linkguard.tickets.TicketContent.Event;
import io.linkguard.tickets.TicketRequest;
import io.linkguard.tickets.body.Markdown;
import java.time.Instant;

/** The JSON a webhook receives (schema linkguard.ticket/1, documented field by field in docs/tickets.md). */
final class WebhookPayload {
    static final String SCHEMA = "linkguard.ticket/1";
    /** Latest timeline events sent: enough to read, small enough for chat bridges' size limits. */
    static final int TIMELINE_EVENTS = 50;

    private WebhookPayload() {
    }

    static ObjectNode build(ObjectMapper json, String event, TicketContent content, String ticketId, String deliveryId,
                            Instant sentAt) {
        TicketRequest req = content.request();
        ObjectNode root = json.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("event", event);
        root.put("reason", content.event() == Event.SUPERSEDED ? "reclassified"
                : content.event() == Event.RESOLVED ? "stopped" : null);
        root.put("deliveryId", deliveryId);
        root.put("ticketId", ticketId);
        root.put("sentAt", sentAt.toString());
        root.put("runId", req.runId());
        root.put("key", content.key().value());
        root.put("title", content.title());
        if (req.finding() == null) {
            root.putNull("finding");
        } else {
            ObjectNode finding = PlanJson.findingTree(req.finding(), true);
            JsonNode timeline = finding.remove("timeline");
            ArrayNode latest = finding.putArray("timeline");
            for (int i = Math.max(0, timeline.size() - TIMELINE_EVENTS); i < timeline.size(); i++) {
                latest.add(timeline.get(i));
            }
            root.set("finding", finding);
        }
        if (req.cohort() == null) {
            root.putNull("cohort");
        } else {
            root.set("cohort", PlanJson.cohortTree(req.cohort()));
        }
        ArrayNode overlapping = root.putArray("overlappingCohorts");
        req.overlapping().forEach(c -> overlapping.add(PlanJson.cohortTree(c)));
        ArrayNode actions = root.putArray("actionsTaken");
        if (req.actionsTaken() != null) {
            req.actionsTaken().forEach(actions::add);
        }
        root.put("text", Markdown.render(content.full()));
        return root;
    }
}

package io.linkguard.remediation.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The remediation report's JSON contract (schemaVersion 1), documented in docs/remediation.md: add fields,
 * never rename or remove them without raising schemaVersion.
 */
public final class ReportJson {
    public static final int SCHEMA_VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {
    }

    public static String write(RemediationReport report) {
        try {
            return MAPPER.writeValueAsString(toTree(report)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report could not be written as JSON", e);
        }
    }

    public static ObjectNode toTree(RemediationReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("runId", report.runId());
        root.put("mode", report.mode().label());
        root.put("started", report.started().toString());
        root.put("finished", report.finished().toString());
        root.put("inputComplete", report.inputComplete());
        ObjectNode summary = root.putObject("summary");
        summary.set("statuses", MAPPER.valueToTree(report.statuses()));
        summary.set("actions", MAPPER.valueToTree(report.counts()));
        summary.put("unreadableTags", report.unreadableTags());
        ArrayNode hubs = root.putArray("hubs");
        for (HubResult h : report.hubs()) {
            ObjectNode n = hubs.addObject();
            n.put("hub", h.hub());
            n.put("status", h.status().label());
            n.put("reason", h.reason());
            n.put("identities", h.identities());
            n.put("findings", h.findings());
            n.put("tagged", h.tagged());
            n.put("acting", h.acting());
        }
        ArrayNode identities = root.putArray("identities");
        for (IdentityResult r : report.identities()) {
            ObjectNode n = identities.addObject();
            n.put("hub", r.identity().hub());
            n.put("deviceId", r.identity().deviceId());
            n.put("moduleId", r.identity().moduleId());
            n.put("classification", r.classification());
            n.put("stageBefore", r.stageBefore().label());
            n.put("stageAfter", r.stageAfter().label());
            n.put("status", r.status().label());
            n.put("backoffVerdict", r.verification() == null ? null : r.verification().label());
            n.put("why", r.why());
            ArrayNode actions = n.putArray("actions");
            for (ActionResult a : r.actions()) {
                ObjectNode an = actions.addObject();
                an.put("action", a.action());
                an.put("outcome", a.outcome());
                an.put("detail", a.detail());
            }
            ArrayNode writes = n.putArray("writes");
            r.writes().forEach(w -> writes.add(write(w)));
        }
        root.set("notes", MAPPER.valueToTree(report.notes()));
        return root;
    }

    static ObjectNode write(HubWrite w) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("kind", w.kind().label());
        n.put("target", w.target());
        n.put("ifMatch", w.etag());
        n.set("body", MAPPER.valueToTree(w.body()));
        n.put("condition", w.condition());
        n.put("result", w.result());
        if (!w.devices().isEmpty()) {
            n.set("devices", MAPPER.valueToTree(w.devices()));
        }
        return n;
    }

    /** One write as a single JSON line, for logs. */
    public static String line(HubWrite w) {
        try {
            return new ObjectMapper().writeValueAsString(write(w));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

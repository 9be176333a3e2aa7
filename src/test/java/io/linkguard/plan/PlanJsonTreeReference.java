package io.linkguard.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.linkguard.classification.FleetEvent;
import io.linkguard.evidence.InputSummary;
import io.linkguard.evidence.TimelineEvent;
import java.time.Instant;

/**
 * The plan JSON as PlanJson wrote it before it streamed (issue 16): the whole tree, then one String. Kept as
 * the reference the streaming writer must match byte for byte (PlanJsonStreamingTest).
 */
final class PlanJsonTreeReference {
    public static final int SCHEMA_VERSION = 1;
    /** Jackson with the plan's settings before it streamed: records by reflection, Instants as text. */
    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance))
            .enable(SerializationFeature.INDENT_OUTPUT);

    private PlanJsonTreeReference() {
    }

    public static String write(Plan plan, boolean withTimeline) {
        try {
            return MAPPER.writeValueAsString(toTree(plan, withTimeline)) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("plan could not be written as JSON", e);
        }
    }

    public static ObjectNode toTree(Plan plan, boolean withTimeline) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.set("input", input(plan.input()));
        root.set("summary", summary(plan));
        ArrayNode events = root.putArray("fleetEvents");
        for (FleetEvent event : plan.fleetEvents()) {
            events.add(fleetEvent(event, plan));
        }
        ArrayNode identities = root.putArray("identities");
        for (Finding f : plan.findings()) {
            identities.add(findingTree(f, withTimeline));
        }
        root.set("fleetFindings", FleetFindingsJson.tree(plan.fleetFindings()));
        return root;
    }

    private static ObjectNode input(InputSummary in) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("source", in.source());
        node.put("rows", in.rows());
        node.put("used", in.used());
        ObjectNode skipped = node.putObject("skipped");
        in.skipped().forEach(skipped::put);
        node.put("complete", in.incompleteBecause() == null);
        node.put("incompleteBecause", in.incompleteBecause());
        ArrayNode warnings = node.putArray("warnings");
        in.warnings().forEach(warnings::add);
        return node;
    }

    private static ObjectNode summary(Plan plan) {
        PlanSummary summary = PlanSummary.of(plan);
        ObjectNode node = MAPPER.createObjectNode();
        node.put("identities", summary.identities());
        ObjectNode classes = node.putObject("byClassification");
        summary.byClassification().forEach((c, n) -> classes.put(c.label(), n));
        ObjectNode actions = node.putObject("plannedActions");
        summary.plannedActions().forEach((a, n) -> actions.put(a.label(), n));
        return node;
    }

    private static ObjectNode fleetEvent(FleetEvent e, Plan plan) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("hub", e.hub());
        node.put("from", e.from().toString());
        node.put("to", e.to().toString());
        node.put("identities", PlanQueries.platformIdentitiesIn(plan, e));
        node.put("trigger", e.trigger());
        node.put("peakDroppingIdentities", e.peakDroppingIdentities());
        node.put("peakPlatformIdentities", e.peakPlatformIdentities());
        node.put("baselineDroppingPerBin", e.baselineDroppingPerBin());
        node.put("activeIdentities", e.activeIdentities());
        node.put("peakIdentities", e.peakIdentities());
        node.put("peakShare", e.peakShare());
        node.put("baselinePerBin", e.baselinePerBin());
        node.put("thresholdIdentities", e.thresholdIdentities());
        node.put("explanation", e.explanation());
        return node;
    }

    /** One identity exactly as in the plan's {@code identities} array (docs/plan-json.md), e.g. for a webhook. */
    /** One cohort exactly as in {@code fleetFindings.cohorts[]}. */
    public static ObjectNode cohortTree(io.linkguard.findings.Cohort c) {
        return FleetFindingsJson.cohort(c);
    }

    public static ObjectNode findingTree(Finding f, boolean withTimeline) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("hub", f.identity().hub());
        node.put("deviceId", f.identity().deviceId());
        node.put("moduleId", f.identity().moduleId());
        node.put("classification", f.verdict().classification().label());
        node.put("confidence", f.verdict().confidence());
        node.set("evidence", MAPPER.valueToTree(f.evidence()));
        ArrayNode reasons = node.putArray("reasons");
        f.verdict().reasons().forEach(reasons::add);
        ArrayNode actions = node.putArray("actions");
        f.actions().forEach(a -> actions.add(a.label()));
        if (withTimeline) {
            ArrayNode timeline = node.putArray("timeline");
            for (TimelineEvent e : f.timeline()) {
                timeline.add(timelineEvent(e));
            }
        }
        return node;
    }

    private static JsonNode timelineEvent(TimelineEvent e) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("time", Instant.ofEpochMilli(e.timeMillis()).toString());
        node.put("kind", e.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        node.put("code", e.code());
        node.put("maskedIp", e.maskedIp());
        node.put("sdkVersion", e.sdkVersion());
        node.put("protocol", e.protocol());
        node.put("authType", e.authType());
        return node;
    }
}

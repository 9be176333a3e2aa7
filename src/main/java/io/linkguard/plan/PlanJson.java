package io.linkguard.plan;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.linkguard.classification.FleetEvent;
import io.linkguard.evidence.InputSummary;
import io.linkguard.evidence.TimelineEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The plan's JSON contract (schemaVersion 1). Field names and meanings are stable: add fields, never
 * rename or remove them without raising schemaVersion. Documented in docs/plan-json.md.
 */
public final class PlanJson {
    public static final int SCHEMA_VERSION = 1;
    // No serializer for Instant: every value the plan holds is written field by field or put into a tree as text.
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /**
     * Makes the plan's generator: indented like {@link #MAPPER}, and no flush after each tree written to it (the
     * feature is off on this copy, which is the generator's codec for {@code writeTree}).
     */
    private static final ObjectWriter STREAMING = MAPPER.copy()
            .disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE).writer();

    private PlanJson() {
    }

    /** The whole plan as one String; for small plans (tests, a digest). {@code plan} writes with {@link #write(Plan, boolean, OutputStream)}. */
    public static String write(Plan plan, boolean withTimeline) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            write(plan, withTimeline, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("plan could not be written as JSON", e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * Streams the plan to {@code out} as UTF-8, identity by identity, each written straight to the generator, so
     * memory does not grow with the size of the output. {@code out} is flushed, not closed.
     */
    public static void write(Plan plan, boolean withTimeline, OutputStream out) throws IOException {
        try (JsonGenerator g = STREAMING.createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            // A failure part way must not leave a closed, valid-looking document without the rest of the plan.
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
            g.writeStartObject();
            g.writeNumberField("schemaVersion", SCHEMA_VERSION);
            g.writeFieldName("input");
            g.writeTree(input(plan.input()));
            g.writeFieldName("summary");
            g.writeTree(summary(plan));
            g.writeArrayFieldStart("fleetEvents");
            for (FleetEvent event : plan.fleetEvents()) {
                g.writeTree(fleetEvent(event, plan));
            }
            g.writeEndArray();
            g.writeArrayFieldStart("identities");
            for (Finding f : plan.findings()) {
                writeFinding(g, f, withTimeline);
            }
            g.writeEndArray();
            g.writeFieldName("fleetFindings");
            g.writeTree(FleetFindingsJson.tree(plan.fleetFindings()));
            g.writeEndObject();
        }
        out.write('\n');
        out.flush();
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

    /** One cohort exactly as in {@code fleetFindings.cohorts[]}. */
    public static ObjectNode cohortTree(io.linkguard.findings.Cohort c) {
        return FleetFindingsJson.cohort(c);
    }

    /** One identity exactly as in the plan's {@code identities} array (docs/plan-json.md), e.g. for a webhook. */
    public static ObjectNode findingTree(Finding f, boolean withTimeline) {
        try (TokenBuffer buffer = new TokenBuffer(MAPPER, false)) {
            writeFinding(buffer, f, withTimeline);
            return MAPPER.readTree(buffer.asParser());
        } catch (IOException e) {
            throw new UncheckedIOException("identity could not be written as JSON", e);
        }
    }

    /**
     * One identity straight to the generator: no tree per identity (building one through {@code valueToTree}
     * was most of the JSON output's time; docs/benchmarks.md, "After the read: the tail").
     */
    private static void writeFinding(JsonGenerator g, Finding f, boolean withTimeline) throws IOException {
        g.writeStartObject();
        g.writeStringField("hub", f.identity().hub());
        g.writeStringField("deviceId", f.identity().deviceId());
        g.writeStringField("moduleId", f.identity().moduleId());
        g.writeStringField("classification", f.verdict().classification().label());
        g.writeNumberField("confidence", f.verdict().confidence());
        g.writeFieldName("evidence");
        EvidenceJson.write(g, f.evidence());
        g.writeArrayFieldStart("reasons");
        for (String reason : f.verdict().reasons()) {
            g.writeString(reason);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("actions");
        for (Action a : f.actions()) {
            g.writeString(a.label());
        }
        g.writeEndArray();
        if (withTimeline) {
            g.writeArrayFieldStart("timeline");
            for (TimelineEvent e : f.timeline()) {
                writeTimelineEvent(g, e);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void writeTimelineEvent(JsonGenerator g, TimelineEvent e) throws IOException {
        g.writeStartObject();
        g.writeStringField("time", Instant.ofEpochMilli(e.timeMillis()).toString());
        g.writeStringField("kind", e.kind().label());
        g.writeStringField("code", e.code());
        g.writeStringField("maskedIp", e.maskedIp());
        g.writeStringField("sdkVersion", e.sdkVersion());
        g.writeStringField("protocol", e.protocol());
        g.writeStringField("authType", e.authType());
        g.writeEndObject();
    }
}

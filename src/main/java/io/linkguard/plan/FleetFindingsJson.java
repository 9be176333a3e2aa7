package io.linkguard.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.linkguard.evidence.Identity;
import io.linkguard.findings.Cohort;
import io.linkguard.findings.FleetFindings;
import io.linkguard.findings.PrecursorBreakdown;
import io.linkguard.findings.PrecursorCause;

/** The plan JSON's {@code fleetFindings} section (docs/plan-json.md). */
final class FleetFindingsJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FleetFindingsJson() {
    }

    static ObjectNode tree(FleetFindings f) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("cohortsComputed", f.cohortsComputed());
        node.put("candidatesTested", f.candidatesTested());
        ObjectNode test = node.putObject("test");
        test.put("method", "one-sided hypergeometric tail per hub, Chernoff bound across hubs, Bonferroni over candidates");
        test.put("alpha", f.settings().alpha());
        test.put("minLift", f.settings().minLift());
        test.put("minIdentities", f.settings().minIdentities());
        test.put("minClassShare", f.settings().minClassShare());
        ArrayNode cohorts = node.putArray("cohorts");
        for (Cohort c : f.cohorts()) {
            cohorts.add(cohort(c));
        }
        ArrayNode precursors = node.putArray("transientPrecursors");
        f.transientPrecursorsByHub().forEach((hub, p) -> {
            ObjectNode h = precursors.addObject();
            h.put("hub", hub);
            breakdown(h, p);
        });
        ArrayNode causes = node.putArray("causes");
        for (PrecursorCause cause : PrecursorCause.values()) {
            ObjectNode c = causes.addObject();
            c.put("cause", cause.label());
            c.put("codes", cause.codes());
            c.put("remedy", cause.remedy());
            c.put("doc", cause.doc());
        }
        return node;
    }

    static ObjectNode cohort(Cohort c) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", c.id());
        node.put("hub", c.hub());
        node.put("classification", c.classification().label());
        node.put("dimension", c.dimension().label());
        node.put("value", c.value());
        node.put("members", c.members());
        node.put("classIdentities", c.classIdentities());
        node.put("classShare", round(c.classShare()));
        node.put("valueIdentities", c.valueIdentities());
        node.put("activeIdentities", c.activeIdentities());
        node.put("activeShare", round(c.activeShare()));
        node.put("lift", c.lift());
        node.put("pValue", c.pValue());
        node.put("adjustedP", c.adjustedP());
        node.put("summary", c.line());
        ObjectNode precursors = node.putObject("precursors");
        breakdown(precursors, c.precursors());
        ArrayNode ids = node.putArray("memberIds");
        for (Identity id : c.memberIds()) {
            ObjectNode i = ids.addObject();
            i.put("hub", id.hub());
            i.put("deviceId", id.deviceId());
            i.put("moduleId", id.moduleId());
        }
        return node;
    }

    private static void breakdown(ObjectNode node, PrecursorBreakdown p) {
        node.put("identities", p.identities());
        PrecursorCause dominant = p.dominant();
        node.put("dominantCause", dominant == null ? null : dominant.label());
        ObjectNode by = node.putObject("byCause");
        p.byCause().forEach((cause, n) -> {
            ObjectNode c = by.putObject(cause.label());
            c.put("identities", n.identities());
            c.put("conflicts", n.conflicts());
        });
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}

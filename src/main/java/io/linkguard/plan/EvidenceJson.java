package io.linkguard.plan;

import com.fasterxml.jackson.core.JsonGenerator;
import io.linkguard.evidence.IdentityEvidence;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * An identity's evidence as the plan writes it: every component of {@link IdentityEvidence}, in declaration order,
 * as Jackson's record serialization wrote them (EvidenceJsonTest and PlanJsonStreamingTest compare the two byte for
 * byte). Written out because the reflective serializer introspects the record and generates an accessor class per
 * component in every {@code plan}, cold (docs/benchmarks.md, "Start-up, the collector and the tail").
 */
final class EvidenceJson {
    private EvidenceJson() {
    }

    static void write(JsonGenerator g, IdentityEvidence e) throws IOException {
        g.writeStartObject();
        g.writeNumberField("conflicts", e.conflicts());
        g.writeNumberField("conflicts409002", e.conflicts409002());
        g.writeNumberField("conflicts400027", e.conflicts400027());
        g.writeNumberField("drops404104", e.drops404104());
        g.writeNumberField("authExpired401003", e.authExpired401003());
        g.writeNumberField("serverErrors5xx", e.serverErrors5xx());
        g.writeNumberField("platformFaults", e.platformFaults());
        g.writeNumberField("connects", e.connects());
        g.writeNumberField("conflictsInTimeline", e.conflictsInTimeline());
        g.writeNumberField("conflictsAfterPrecursor", e.conflictsAfterPrecursor());
        g.writeNumberField("conflictsWithoutPrecursor", e.conflictsWithoutPrecursor());
        g.writeNumberField("conflictsInFleetEvent", e.conflictsInFleetEvent());
        g.writeNumberField("maxConflictsAfterOnePrecursor", e.maxConflictsAfterOnePrecursor());
        g.writeNumberField("stormyRecoveries", e.stormyRecoveries());
        number(g, "medianSecondsFromPrecursor", e.medianSecondsFromPrecursor());
        number(g, "medianSecondsBetweenConflicts", e.medianSecondsBetweenConflicts());
        g.writeNumberField("maxConflictsInBurstWindow", e.maxConflictsInBurstWindow());
        g.writeNumberField("conflictsPerHour", e.conflictsPerHour());
        g.writeNumberField("sasRenewals", e.sasRenewals());
        g.writeNumberField("distinctIps", e.distinctIps());
        g.writeNumberField("distinctSdkVersions", e.distinctSdkVersions());
        g.writeNumberField("distinctProtocols", e.distinctProtocols());
        strings(g, "ips", e.ips());
        strings(g, "sdkVersions", e.sdkVersions());
        strings(g, "protocols", e.protocols());
        g.writeNumberField("connectsInTimeline", e.connectsInTimeline());
        g.writeNumberField("conflictsAcrossAddresses", e.conflictsAcrossAddresses());
        g.writeNumberField("takeovers", e.takeovers());
        g.writeNumberField("ipReturns", e.ipReturns());
        g.writeNumberField("sdkReturns", e.sdkReturns());
        g.writeNumberField("alternationRatio", e.alternationRatio());
        time(g, "firstSeen", e.firstSeen());
        time(g, "lastSeen", e.lastSeen());
        time(g, "firstConflict", e.firstConflict());
        time(g, "lastConflict", e.lastConflict());
        g.writeNumberField("timelineEvents", e.timelineEvents());
        g.writeNumberField("timelineOmitted", e.timelineOmitted());
        g.writeEndObject();
    }

    private static void number(JsonGenerator g, String name, Double value) throws IOException {
        g.writeFieldName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeNumber(value.doubleValue());
        }
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeFieldName(name);
        if (values == null) {
            g.writeNull();
            return;
        }
        g.writeStartArray();
        for (String value : values) {
            g.writeString(value);
        }
        g.writeEndArray();
    }

    private static void time(JsonGenerator g, String name, Instant value) throws IOException {
        g.writeFieldName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeString(value.toString());
        }
    }
}

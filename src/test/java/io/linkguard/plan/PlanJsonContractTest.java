package io.linkguard.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkguard.config.AnalysisSettings;
import io.linkguard.evidence.ExportedLogsSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The plan JSON is a stable contract (docs/plan-json.md): names, order and meanings of its fields. */
class PlanJsonContractTest {
    private static JsonNode json;

    @BeforeAll
    static void planTheSample() throws Exception {
        AnalysisSettings s = AnalysisSettings.DEFAULTS;
        Plan plan = new Analyzer(s).analyze(new ExportedLogsSource(s.evidence(), s.thresholds().fleetBin())
                .read(Path.of("samples/connections-sample.csv.gz")));
        json = new ObjectMapper().readTree(PlanJson.write(plan, false));
    }

    @Test
    void topLevelFields() {
        assertThat(names(json)).containsExactly("schemaVersion", "input", "summary", "fleetEvents", "identities",
                "fleetFindings");
        assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(names(json.get("input"))).containsExactly("source", "rows", "used", "skipped", "complete",
                "incompleteBecause", "warnings");
        JsonNode input = json.get("input");
        long skipped = 0;
        for (JsonNode n : input.get("skipped")) {
            skipped += n.asLong();
        }
        assertThat(input.get("used").asLong() + skipped).isEqualTo(input.get("rows").asLong());
        assertThat(input.get("skipped").has("invalid-device-id")).isTrue();
    }

    @Test
    void identityFields() {
        JsonNode first = json.get("identities").get(0);
        assertThat(names(first)).containsExactly("hub", "deviceId", "moduleId", "classification", "confidence",
                "evidence", "reasons", "actions");
        assertThat(names(first.get("evidence"))).startsWith("conflicts", "conflicts409002", "conflicts400027",
                "drops404104", "authExpired401003", "serverErrors5xx", "platformFaults", "connects")
                .contains("conflictsAfterPrecursor", "conflictsWithoutPrecursor", "conflictsInFleetEvent",
                        "stormyRecoveries", "conflictsAcrossAddresses", "ipReturns", "alternationRatio",
                        "firstSeen", "lastConflict", "timelineOmitted");
        assertThat(first.get("evidence").get("firstSeen").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }

    @Test
    void actionsFollowTheDefaultPolicyForEveryClass() {
        for (JsonNode identity : json.get("identities")) {
            List<String> actions = new ArrayList<>();
            identity.get("actions").forEach(a -> actions.add(a.asText()));
            switch (identity.get("classification").asText()) {
                case "faulty-reconnect" -> assertThat(actions).containsExactly("tag", "backoff");
                case "shared-identity" -> assertThat(actions).containsExactly("tag", "ticket");
                case "transient" -> assertThat(actions).containsExactly("tag");
                case "platform-event" -> assertThat(actions).isEmpty();
                default -> throw new AssertionError("unknown class " + identity);
            }
            assertThat(identity.get("reasons").size()).isPositive();
            assertThat(identity.get("confidence").asDouble()).isBetween(0.0, 1.0);
        }
    }

    @Test
    void fleetEventsNameTheirHubWindowAndIdentities() {
        JsonNode event = json.get("fleetEvents").get(0);
        assertThat(names(event)).startsWith("hub", "from", "to", "identities");
        assertThat(event.get("identities").asInt()).isPositive();
        assertThat(json.get("summary").get("byClassification").get("platform-event").asInt())
                .isGreaterThanOrEqualTo(event.get("identities").asInt());
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

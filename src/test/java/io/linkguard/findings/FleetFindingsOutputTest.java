package io.linkguard.findings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkguard.config.AnalysisSettings;
import io.linkguard.plan.Analyzer;
import io.linkguard.plan.Plan;
import io.linkguard.plan.PlanHtml;
import io.linkguard.plan.PlanJson;
import io.linkguard.plan.PlanTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fleetFindings contract of the plan JSON (docs/plan-json.md), the table lines and the self-contained report. */
class FleetFindingsOutputTest {
    private static Plan plan;

    @BeforeAll
    static void planACohortFleet() {
        plan = new Analyzer(AnalysisSettings.DEFAULTS).analyze(new CohortFleet(3)
                .hub("hub-a", 2_000, 0.75, 0.04).hub("hub-b", 800, 0, 0.04).batch());
    }

    @Test
    void jsonSection() throws Exception {
        JsonNode f = new ObjectMapper().readTree(PlanJson.write(plan, false)).get("fleetFindings");
        assertThat(names(f)).containsExactly("cohortsComputed", "candidatesTested", "test", "cohorts",
                "transientPrecursors", "causes");
        JsonNode cohort = f.get("cohorts").get(0);
        assertThat(names(cohort)).containsExactly("id", "hub", "classification", "dimension", "value", "members",
                "classIdentities", "classShare", "valueIdentities", "activeIdentities", "activeShare", "lift", "pValue",
                "adjustedP", "summary", "precursors", "memberIds");
        assertThat(cohort.get("id").asText()).isEqualTo("hub-a/faulty-reconnect/sdk-version=azure-iot-device 1.18.3");
        assertThat(cohort.get("summary").asText()).matches(
                "sdk-version azure-iot-device 1\\.18\\.3: \\d(\\.\\d)?% of active identities, \\d+% of faulty-reconnect identities .*");
        assertThat(cohort.get("memberIds")).hasSize(cohort.get("members").asInt());
        assertThat(names(f.get("transientPrecursors").get(0))).containsExactly("hub", "identities", "dominantCause", "byCause");
        assertThat(f.get("causes")).hasSize(PrecursorCause.values().length);
        f.get("causes").forEach(c -> assertThat(c.get("doc").asText()).startsWith("https://learn.microsoft.com/"));
    }

    @Test
    void tableLines() {
        String table = PlanTable.write(plan);
        assertThat(table).contains("hub-a  sdk-version azure-iot-device 1.18.3: ")
                .contains("Drops before transient conflicts").contains("remedy for keep-alive-loss");
    }

    @Test
    void reportIsSelfContainedWithPicturesAndFilters() throws Exception {
        String html = PlanHtml.write(plan);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/fleet-findings-report.html"), html);
        assertThat(html).doesNotContainPattern("(src|href)\\s*=\\s*\"?(https?:)?//").doesNotContain("<link")
                .contains("<h2>Cohorts</h2>").contains("aria-label=\"conflicts and drops of hub-a\"")
                .contains("aria-label=\"identities per class\"").contains("aria-label=\"cohort shares\"")
                .contains("<option value=\"hub-a/faulty-reconnect/sdk-version=azure-iot-device 1.18.3\">")
                .contains("data-cohorts=\"hub-a/faulty-reconnect/sdk-version=azure-iot-device 1.18.3\"")
                .contains("<script>");
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

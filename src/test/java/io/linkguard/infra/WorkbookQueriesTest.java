package io.linkguard.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workbook is valid workbook JSON and every query in it, and the alert's query, passes the official
 * Kusto language service (tools/kql-check.cjs) against the declared schemas: AzureDiagnostics (the hub's
 * logs) and the workspace tables of LinkGuard's Application Insights telemetry.
 */
class WorkbookQueriesTest {
    private static final Path WORKBOOK = Path.of("infra/workbook/linkguard.workbook.json");
    private static final Path WORKBOOK_BICEP = Path.of("infra/modules/workbook.bicep");
    private static final Path ALERT_QUERY = Path.of("infra/alerts/conflicts-per-identity.kql");
    private static final Path DIAGNOSTICS_SCHEMA = Path.of("src/main/resources/io/linkguard/loganalytics/azurediagnostics.schema.json");
    private static final Path APP_INSIGHTS_SCHEMA = Path.of("infra/workbook/app-insights.schema.json");
    private static final Path KQL_CHECKER = Path.of("tools/kql-check.cjs");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)(?::([A-Za-z]+))?\\}");
    /** What the workbook substitutes for its parameters at run time, for the check. */
    private static final Map<String, String> PARAMETER_VALUES = Map.of(
            "Hubs", "\"hub-alpha\",\"hub-b2\"",
            "TimeRange:grain", "15m");

    private final ObjectMapper mapper = new ObjectMapper();
    private static KqlCheck check;

    @Test
    void theWorkbookIsAValidNotebookWithUniqueItems() throws Exception {
        JsonNode workbook = mapper.readTree(WORKBOOK.toFile());
        assertThat(workbook.path("version").asText()).isEqualTo("Notebook/1.0");
        assertThat(workbook.path("items").isArray()).isTrue();
        Set<String> names = new HashSet<>();
        for (JsonNode item : workbook.path("items")) {
            assertThat(names.add(item.path("name").asText())).as("item name %s unique and present", item.path("name")).isTrue();
            assertThat(item.path("type").asInt()).as("item type").isIn(1, 3, 9);
            if (item.path("type").asInt() == 3) {
                JsonNode content = item.path("content");
                assertThat(content.path("version").asText()).isEqualTo("KqlItem/1.0");
                assertThat(content.path("queryType").asInt()).as("Logs query").isZero();
                assertThat(content.path("resourceType").asText()).isEqualTo("microsoft.operationalinsights/workspaces");
                assertThat(content.path("timeContextFromParameter").asText()).isEqualTo("TimeRange");
                assertThat(content.path("title").asText()).isNotBlank();
            }
        }
        assertThat(declaredParameters(workbook)).containsExactlyInAnyOrder("TimeRange", "Hubs");
        String placeholder = workbook.path("fallbackResourceIds").get(0).asText();
        assertThat(Files.readString(WORKBOOK_BICEP)).as("workbook.bicep fills in the workspace")
                .contains("'" + placeholder + "', workspaceResourceId)");
    }

    @Test
    void everyWorkbookQueryUsesDeclaredParametersAndPassesTheKustoCheck() throws Exception {
        Map<String, String> queries = queries(mapper.readTree(WORKBOOK.toFile()));
        assertThat(queries).as("conflicts per hub, top identities, classes, actions, back-off, runs").hasSizeGreaterThanOrEqualTo(8);
        assertThat(String.join("\n", queries.values()))
                .contains("AzureDiagnostics")
                .contains("\"linkguard.identities\"")
                .contains("\"linkguard.cohorts\"")
                .contains("\"linkguard.actions\"")
                .contains("\"linkguard.backoff.verifications\"")
                .contains("\"linkguard.run.duration\"");
        for (String name : queries.keySet()) {
            assertThat(check.diagnostics(name)).as("Kusto diagnostics of workbook query %s", name).isEmpty();
        }
    }

    @Test
    void theAlertQueryPassesTheKustoCheckAndReturnsItsDimensions() throws Exception {
        assertThat(Files.readString(Path.of("infra/modules/conflict-alert.bicep")))
                .contains("let _hubResourceId = \"${toLower(hubResourceId)}\";")
                .contains("metricMeasureColumn: 'conflicts'");
        assertThat(Files.readString(ALERT_QUERY)).contains("summarize conflicts = count() by hub, deviceId, moduleId");
        assertThat(check.diagnostics("alert")).as("Kusto diagnostics of the alert query").isEmpty();
    }

    @Test
    void aBrokenWorkbookQueryIsCaught() throws Exception {
        assertThat(check.diagnostics("broken-actions-outcomes")).as(check.output)
                .anyMatch(line -> line.contains(": error ") && line.contains("Summ"));
        long brokenErrors = check.diagnostics("broken-actions-outcomes").stream().filter(l -> l.contains(": error ")).count();
        assertThat(check.output).as("every error is the broken query's; no warnings anywhere")
                .contains(" " + brokenErrors + " error(s), 0 warning(s)");
        JsonNode workbook = mapper.readTree(WORKBOOK.toFile());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> substitute("x", "AppMetrics | where Name in ({Hub})",
                declaredParameters(workbook))).hasMessageContaining("{Hub}");
    }

    /** One Kusto check of every workbook query, the alert query and one broken query (the service is slow to load). */
    @BeforeAll
    static void checkAllQueries(@TempDir Path dir) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode workbook = mapper.readTree(WORKBOOK.toFile());
        Map<String, String> files = new LinkedHashMap<>();
        queries(workbook).forEach((name, query) -> files.put(name, substitute(name, query, declaredParameters(workbook))));
        files.put("alert", "let _hubResourceId = \"/subscriptions/0000/resourcegroups/rg/providers/microsoft.devices/iothubs/hub-alpha\";\n"
                + Files.readString(ALERT_QUERY));
        String broken = files.get("actions-outcomes").replace("sum(Sum)", "sum(Summ)");
        assertThat(broken).isNotEqualTo(files.get("actions-outcomes"));
        files.put("broken-actions-outcomes", broken);
        check = kqlCheck(dir, files);
    }

    /** Every query of the workbook by item name, parameter queries included. */
    private static Map<String, String> queries(JsonNode workbook) {
        Map<String, String> queries = new LinkedHashMap<>();
        for (JsonNode item : workbook.path("items")) {
            JsonNode content = item.path("content");
            if (item.path("type").asInt() == 3) {
                queries.put(item.path("name").asText(), content.path("query").asText());
            } else if (item.path("type").asInt() == 9) {
                for (JsonNode parameter : content.path("parameters")) {
                    if (parameter.hasNonNull("query")) {
                        queries.put("parameter-" + parameter.path("name").asText(), parameter.path("query").asText());
                    }
                }
            }
        }
        return queries;
    }

    private static Set<String> declaredParameters(JsonNode workbook) {
        Set<String> names = new HashSet<>();
        for (JsonNode item : workbook.path("items")) {
            if (item.path("type").asInt() == 9) {
                item.path("content").path("parameters").forEach(p -> names.add(p.path("name").asText()));
            }
        }
        return names;
    }

    /** Replaces {Parameter} and {Parameter:format} as the workbook would; an undeclared one is an error. */
    private static String substitute(String name, String query, Set<String> declared) {
        Matcher m = PLACEHOLDER.matcher(query);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(2) == null ? m.group(1) : m.group(1) + ":" + m.group(2);
            if (!declared.contains(m.group(1)) || !PARAMETER_VALUES.containsKey(key)) {
                throw new AssertionError(name + ": {" + key + "} is not a declared workbook parameter (or has no test value)");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(PARAMETER_VALUES.get(key)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The output of one kql-check run; diagnostics are attributed to the query whose file they name. */
    private record KqlCheck(Path dir, String output) {
        List<String> diagnostics(String name) {
            String prefix = dir.resolve(name + ".kql") + ":";
            return output.lines().filter(line -> line.startsWith(prefix)).toList();
        }
    }

    /** kql-check with one schema holding AzureDiagnostics and the App Insights tables. */
    private static KqlCheck kqlCheck(Path dir, Map<String, String> queries) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode schema = (ObjectNode) mapper.readTree(DIAGNOSTICS_SCHEMA.toFile());
        JsonNode appInsights = mapper.readTree(APP_INSIGHTS_SCHEMA.toFile());
        ObjectNode tables = (ObjectNode) schema.path("tables");
        appInsights.path("tables").fields().forEachRemaining(t -> tables.set(t.getKey(), t.getValue()));
        Path merged = dir.resolve("workspace.schema.json");
        mapper.writeValue(merged.toFile(), schema);

        assertThat(Path.of("tools/node_modules/@kusto/language-service-next"))
                .as("the Kusto language service; the build installs it with 'npm ci --prefix tools'").exists();
        List<String> command = new ArrayList<>(List.of("node", KQL_CHECKER.toString(), "--schema", merged.toString()));
        for (Map.Entry<String, String> query : queries.entrySet()) {
            Path file = dir.resolve(query.getKey() + ".kql");
            Files.writeString(file, query.getValue(), StandardCharsets.UTF_8);
            command.add(file.toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exitCode = process.waitFor();
        assertThat(output).as("kql-check ran: %s", output).contains(queries.size() + " file(s)");
        assertThat(exitCode).as("kql-check exit code (1: the broken query)").isEqualTo(1);
        return new KqlCheck(dir, output);
    }
}

package io.linkguard.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkguard.config.KnownSettings;
import io.linkguard.hub.HubPermissions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The deployment and the code agree: the app settings the Bicep sets are exactly the ones the Java
 * configuration reads, the custom hub role grants exactly the data actions the hub operations need, and
 * the identity gets no role beyond the documented list. Reads the tree-sitter parse of the Bicep, not regexes.
 */
class InfrastructureContractTest {
    private static final Path APP_SETTINGS = Path.of("infra/modules/app-settings.bicep");
    private static final Path HUB_ROLE = Path.of("infra/modules/hub-role.bicep");
    private static final Path MAIN = Path.of("infra/main.bicep");
    private static final Path MAIN_PARAMETERS = Path.of("infra/main.parameters.json");

    /**
     * Settings the deployment must give the Functions app that no code reads yet: the Functions app
     * (issue 5) will register them in KnownSettings. Each entry must leave this list the day the code reads
     * it (the test fails then, so the list cannot go stale); one that the code names differently shows up
     * as "set but not read" next to "read but not set".
     */
    static final Set<String> AHEAD_OF_CODE = Set.of();

    /** Every built-in role the template grants anyone, by id; anything else fails the test. */
    static final Map<String, String> ALLOWED_BUILT_IN_ROLES = Map.of(
            "acdd72a7-3385-48ef-bd42-f606fba81ae7", "Reader (the hub: SKU and units)",
            "73c42c96-874c-492b-b04d-ab87d138a893", "Log Analytics Reader (the workspace)",
            "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "Storage Blob Data Owner (the app's storage: host)",
            "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "Storage Table Data Contributor (the app's storage: state)",
            "974c5e8b-45b9-4653-ba55-5f855dd0fb88", "Storage Queue Data Contributor (the app's storage: evaluation queue)",
            "4633458b-17de-408a-b874-0445c86b69e6", "Key Vault Secrets User (the vault)",
            "b86a8fe4-44ce-4948-aee5-eccb2c155cd7", "Key Vault Secrets Officer (the vault, for the operator)",
            "3913510d-42f4-4e42-8a64-420c390055eb", "Monitoring Metrics Publisher (Application Insights)");

    private static Map<String, BicepNode> settings;

    @BeforeAll
    static void parseAppSettings() throws Exception {
        BicepNode root = BicepChecker.parse(APP_SETTINGS);
        BicepNode variable = root.declaration("variable_declaration", "linkguardSettings")
                .orElseThrow(() -> new AssertionError("no 'var linkguardSettings' in " + APP_SETTINGS));
        BicepNode object = variable.child("object")
                .orElseThrow(() -> new AssertionError("linkguardSettings is not an object literal"));
        settings = new LinkedHashMap<>();
        for (BicepNode property : object.properties()) {
            assertThat(settings.put(property.propertyKey(), property.propertyValue()))
                    .as("%s set twice in linkguardSettings", property.propertyKey()).isNull();
        }
    }

    @Test
    void bicepSetsExactlyTheSettingsTheCodeReads() {
        Set<String> known = KnownSettings.all();
        Set<String> inBicep = new TreeSet<>(settings.keySet());

        assertThat(inBicep).as("linkguardSettings holds LINKGUARD_* settings only")
                .allMatch(name -> name.startsWith("LINKGUARD_"));
        assertThat(difference(known, inBicep))
                .as("read by the code (KnownSettings.all()) but not set in %s: add one line each", APP_SETTINGS)
                .isEmpty();
        assertThat(difference(difference(inBicep, known), AHEAD_OF_CODE))
                .as("set in %s but read by no code (KnownSettings.all()): a typo, or a setting that was removed", APP_SETTINGS)
                .isEmpty();
        assertThat(intersection(AHEAD_OF_CODE, known))
                .as("now read by the code: remove from InfrastructureContractTest.AHEAD_OF_CODE")
                .isEmpty();
        assertThat(inBicep).as("the settings the deployment must provide").containsAll(AHEAD_OF_CODE);
    }

    @Test
    void theModeDefaultsToANonEnforcingOne() throws Exception {
        assertThat(identifier(settings.get("LINKGUARD_MODE"))).isEqualTo("mode");
        BicepNode mode = BicepChecker.parse(MAIN).declaration("parameter_declaration", "mode").orElseThrow();
        assertThat(defaultValue(mode)).isEqualTo("dry-run");
        assertThat(parameters(MAIN_PARAMETERS).path("mode").path("value").asText()).isEqualTo("dry-run");
    }

    @Test
    void theTimerScheduleSettingIsSetToAValidSchedule() throws Exception {
        assertThat(settings).containsKey("LINKGUARD_SCHEDULE");
        assertThat(identifier(settings.get("LINKGUARD_SCHEDULE"))).isEqualTo("schedule");
        BicepNode schedule = BicepChecker.parse(MAIN).declaration("parameter_declaration", "schedule").orElseThrow();
        String cron = defaultValue(schedule);
        assertThat(cron.split(" ")).as("NCRONTAB has six fields (seconds first): %s", cron).hasSize(6);
        assertThat(parameters(MAIN_PARAMETERS).path("schedule").path("value").asText()).isEqualTo(cron);
    }

    @Test
    void operatorOverridesNameOnlySettingsTheCodeReads() throws Exception {
        JsonNode parameters = parameters(MAIN_PARAMETERS);
        Set<String> allowed = new TreeSet<>(KnownSettings.all());
        allowed.addAll(AHEAD_OF_CODE);
        for (String parameter : List.of("settingOverrides", "keyVaultSecrets")) {
            JsonNode value = parameters.path(parameter).path("value");
            assertThat(value.isObject()).as("%s in %s is an object", parameter, MAIN_PARAMETERS).isTrue();
            value.fieldNames().forEachRemaining(name -> assertThat(allowed)
                    .as("%s.%s in %s is not a LinkGuard setting", parameter, name, MAIN_PARAMETERS).contains(name));
        }
    }

    @Test
    void theCustomHubRoleGrantsExactlyTheDataActionsTheCodeNeeds() throws Exception {
        BicepNode root = BicepChecker.parse(HUB_ROLE);
        List<BicepNode> roles = root.children("resource_declaration").stream()
                .filter(r -> resourceType(r).startsWith("Microsoft.Authorization/roleDefinitions@")).toList();
        assertThat(roles).as("one custom role definition in %s", HUB_ROLE).hasSize(1);
        BicepNode properties = roles.get(0).child("object").orElseThrow().property("properties").orElseThrow();

        List<BicepNode> permissions = properties.property("permissions").orElseThrow().children("object");
        assertThat(permissions).isNotEmpty();
        List<String> dataActions = new ArrayList<>();
        for (BicepNode permission : permissions) {
            assertThat(literals(permission, "actions")).as("control-plane actions").isEmpty();
            assertThat(literals(permission, "notDataActions")).isEmpty();
            dataActions.addAll(literals(permission, "dataActions"));
        }
        assertThat(dataActions).as("no wildcard: every action named").noneMatch(a -> a.contains("*"));
        assertThat(dataActions).doesNotHaveDuplicates();
        assertThat(new TreeSet<>(dataActions)).isEqualTo(new TreeSet<>(HubPermissions.DATA_ACTIONS));
        assertThat(properties.property("type").orElseThrow().stringValue()).isEqualTo("CustomRole");
    }

    @Test
    void noRoleBeyondTheDocumentedOnesIsGranted() throws Exception {
        Map<String, Path> granted = new LinkedHashMap<>();
        int roleAssignments = 0;
        for (Path file : bicepFiles()) {
            BicepNode root = BicepChecker.parse(file);
            for (BicepNode call : root.descendants(n -> n.type().equals("call_expression"))) {
                List<BicepNode> args = call.child("arguments").map(BicepNode::children).orElse(List.of());
                if ("subscriptionResourceId".equals(call.children().get(0).text()) && args.size() == 2
                        && "Microsoft.Authorization/roleDefinitions".equals(args.get(0).stringValue())) {
                    String id = args.get(1).stringValue();
                    if (id != null) {
                        granted.put(id, file);
                    }
                }
            }
            roleAssignments += root.descendants(n -> n.type().equals("resource_declaration")
                    && resourceType(n).startsWith("Microsoft.Authorization/roleAssignments@")).size();
        }
        assertThat(granted.keySet()).as("built-in roles referenced (%s)", granted)
                .isEqualTo(ALLOWED_BUILT_IN_ROLES.keySet());
        assertThat(roleAssignments).as("role assignments: 2 on the hub, 1 on the workspace, 6 on the app's resources")
                .isEqualTo(9);
    }

    @Test
    void roleAssignmentNamesAreDeterministic() throws Exception {
        for (Path file : bicepFiles()) {
            for (BicepNode assignment : BicepChecker.parse(file).descendants(n -> n.type().equals("resource_declaration")
                    && resourceType(n).startsWith("Microsoft.Authorization/roleAssignments@"))) {
                BicepNode name = body(assignment).property("name").orElseThrow();
                assertThat(name.type()).as("%s %s: name", file, assignment).isEqualTo("call_expression");
                assertThat(name.children().get(0).text()).as("%s %s: name is guid(scope, principal, role)", file, assignment)
                        .isEqualTo("guid");
                assertThat(name.child("arguments").orElseThrow().children()).hasSize(3);
            }
        }
    }

    @Test
    void theAppRunsOnFlexConsumptionWithIdentityBasedConnectionsOnly() throws Exception {
        BicepNode platform = BicepChecker.parse(APP_SETTINGS).declaration("variable_declaration", "platformSettings")
                .flatMap(v -> v.child("object")).orElseThrow();
        Map<String, BicepNode> values = new LinkedHashMap<>();
        platform.properties().forEach(p -> values.put(p.propertyKey(), p.propertyValue()));
        assertThat(values).containsKeys("AzureWebJobsStorage__accountName", "AzureWebJobsStorage__clientId",
                "APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "AZURE_CLIENT_ID");
        assertThat(values.get("AzureWebJobsStorage__credential").stringValue()).isEqualTo("managedidentity");
        assertThat(values.keySet()).as("no connection string with a key; nothing Flex Consumption rejects")
                .doesNotContain("AzureWebJobsStorage", "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION",
                        "WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "WEBSITE_CONTENTSHARE",
                        "APPINSIGHTS_INSTRUMENTATIONKEY");

        BicepNode storage = resource(Path.of("infra/modules/storage.bicep"), "Microsoft.Storage/storageAccounts@");
        assertThat(storage.property("properties").flatMap(p -> p.property("allowSharedKeyAccess")).map(BicepNode::text))
                .contains("false");
        BicepNode appInsights = resource(Path.of("infra/modules/monitoring.bicep"), "Microsoft.Insights/components@");
        assertThat(appInsights.property("properties").flatMap(p -> p.property("DisableLocalAuth")).map(BicepNode::text))
                .contains("true");

        Path functionApp = Path.of("infra/modules/function-app.bicep");
        BicepNode plan = resource(functionApp, "Microsoft.Web/serverfarms@");
        assertThat(plan.property("sku").flatMap(s -> s.property("tier")).map(BicepNode::stringValue)).contains("FlexConsumption");
        BicepNode config = resource(functionApp, "Microsoft.Web/sites@").property("properties")
                .flatMap(p -> p.property("functionAppConfig")).orElseThrow();
        BicepNode runtime = config.property("runtime").orElseThrow();
        assertThat(runtime.property("name").map(BicepNode::stringValue)).contains("java");
        assertThat(runtime.property("version").map(BicepNode::stringValue)).contains("17");
        assertThat(config.property("deployment").flatMap(d -> d.property("storage")).flatMap(d -> d.property("authentication"))
                .flatMap(a -> a.property("type")).map(BicepNode::stringValue)).contains("UserAssignedIdentity");
    }

    /** The body object of the one resource of the given type (prefix "Type@") in a file. */
    private static BicepNode resource(Path file, String typePrefix) throws Exception {
        List<BicepNode> matches = BicepChecker.parse(file).children("resource_declaration").stream()
                .filter(r -> resourceType(r).startsWith(typePrefix)).toList();
        assertThat(matches).as("one %s in %s", typePrefix, file).hasSize(1);
        return body(matches.get(0));
    }

    private static BicepNode body(BicepNode declaration) {
        return declaration.child("object").or(() -> declaration.child("if_statement").flatMap(i -> i.child("object")))
                .orElseThrow(() -> new AssertionError("no body: " + declaration));
    }

    static List<Path> bicepFiles() throws IOException {
        try (Stream<Path> files = Files.walk(BicepChecker.INFRA)) {
            return files.filter(f -> f.toString().endsWith(".bicep")).sorted().toList();
        }
    }

    static JsonNode parameters(Path file) throws IOException {
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        return json.path("parameters");
    }

    static String resourceType(BicepNode resource) {
        return resource.child("string").map(BicepNode::stringValue).orElse("");
    }

    /** The default value of a parameter declaration when it is a plain string. */
    static String defaultValue(BicepNode parameter) {
        List<BicepNode> children = parameter.children();
        String value = children.get(children.size() - 1).stringValue();
        assertThat(value).as("default of parameter %s", parameter.declaredName()).isNotNull();
        return value;
    }

    private static String identifier(BicepNode node) {
        assertThat(node.type()).isEqualTo("identifier");
        return node.text();
    }

    private static List<String> literals(BicepNode object, String property) {
        BicepNode array = object.property(property).orElse(null);
        if (array == null) {
            return List.of();
        }
        assertThat(array.type()).as(property).isEqualTo("array");
        return array.children().stream().map(item -> {
            assertThat(item.stringValue()).as("%s: every item a plain string literal, got %s", property, item).isNotNull();
            return item.stringValue();
        }).collect(Collectors.toList());
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }

    private static Set<String> intersection(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.retainAll(b);
        return d;
    }
}

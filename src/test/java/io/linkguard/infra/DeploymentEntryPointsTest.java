package io.linkguard.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * azure.yaml points azd at the Bicep, the Maven Functions project and the hooks that exist; the
 * postdeploy hook runs the second-step deployment with the outputs of the first (run here against a
 * stand-in `az` that records its arguments: there is no Azure account on these machines).
 */
class DeploymentEntryPointsTest {
    private static final Path AZURE_YAML = Path.of("azure.yaml");
    private static final Path HOOK = Path.of("infra/hooks/postdeploy.sh");

    @TempDir
    Path dir;

    @Test
    void azureYamlDescribesTheJavaFunctionServiceAndItsHooks() throws Exception {
        JsonNode azd = new ObjectMapper(new YAMLFactory()).readTree(AZURE_YAML.toFile());
        assertThat(azd.path("infra").path("provider").asText()).isEqualTo("bicep");
        assertThat(Path.of(azd.path("infra").path("path").asText(), azd.path("infra").path("module").asText() + ".bicep"))
                .exists();
        JsonNode api = azd.path("services").path("api");
        assertThat(api.path("language").asText()).isEqualTo("java");
        assertThat(api.path("host").asText()).isEqualTo("function");
        assertThat(Path.of(api.path("project").asText(), "pom.xml")).exists();
        assertThat(Files.readString(Path.of("infra/modules/function-app.bicep")))
                .as("azd finds the app by the tag azd-service-name=<service>").contains("'azd-service-name': 'api'");
        for (String os : List.of("posix", "windows")) {
            assertThat(Path.of(azd.path("hooks").path("postdeploy").path(os).path("run").asText()))
                    .as("postdeploy hook for %s", os).exists();
        }
    }

    @Test
    void theHookNeedsTheFirstStepsOutputs() throws Exception {
        Process hook = hook(Map.of("AZURE_RESOURCE_GROUP", "rg-linkguard"));
        String output = new String(hook.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(hook.waitFor()).isEqualTo(2);
        assertThat(output).contains("FUNCTION_APP_NAME is not set");
        assertThat(Files.exists(dir.resolve("az.args"))).as("az not called").isFalse();
    }

    @Test
    void theHookDeploysTheSecondStepWithTheFirstStepsOutputs() throws Exception {
        String hub = "/subscriptions/0000/resourceGroups/rg-hub/providers/Microsoft.Devices/IotHubs/hub-alpha";
        String workspace = "/subscriptions/0000/resourceGroups/rg-lg/providers/Microsoft.OperationalInsights/workspaces/log-1";
        Process hook = hook(Map.of("AZURE_RESOURCE_GROUP", "rg-linkguard", "FUNCTION_APP_NAME", "func-linkguard-x",
                "IOT_HUB_RESOURCE_ID", hub, "LOG_ANALYTICS_WORKSPACE_RESOURCE_ID", workspace));
        String output = new String(hook.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(hook.waitFor()).as(output).isZero();

        List<String> args = Files.readAllLines(dir.resolve("az.args"));
        assertThat(args.subList(0, 3)).containsExactly("deployment", "group", "create");
        assertThat(args).containsSequence("--resource-group", "rg-linkguard")
                .contains("functionAppName=func-linkguard-x", "iotHubResourceId=" + hub,
                        "logAnalyticsWorkspaceResourceId=" + workspace);
        String template = args.get(args.indexOf("--template-file") + 1);
        assertThat(Path.of(template)).exists().hasFileName("post-deploy.bicep");
        String parameters = args.get(args.indexOf("--parameters") + 1);
        assertThat(parameters).startsWith("@");
        assertThat(Path.of(parameters.substring(1))).exists().hasFileName("post-deploy.parameters.json");
        assertThat(output).contains("Event Grid wired to func-linkguard-x");
    }

    private Process hook(Map<String, String> environment) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path az = bin.resolve("az");
        Files.writeString(az, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > '" + dir.resolve("az.args") + "'\n");
        Files.setPosixFilePermissions(az, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder builder = new ProcessBuilder("sh", HOOK.toString()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", bin + ":/usr/bin:/bin");
        builder.environment().putAll(environment);
        return builder.start();
    }
}

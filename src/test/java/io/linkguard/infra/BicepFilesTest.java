package io.linkguard.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Bicep file parses with the tree-sitter Bicep grammar and its references resolve (module files and
 * their parameters and outputs, loaded files, declared symbols): what can be checked without the Bicep
 * compiler, which these machines do not have. Broken copies prove each check fails when it should.
 */
class BicepFilesTest {
    private static final Path DEPLOYMENT_DOC = Path.of("docs/deployment.md");

    @TempDir
    Path dir;

    @Test
    void everyBicepFileParsesAndItsReferencesResolve() throws Exception {
        int files = InfrastructureContractTest.bicepFiles().size();
        assertThat(files).as("infra/**/*.bicep").isGreaterThanOrEqualTo(15);
        BicepChecker.Result result = BicepChecker.check(BicepChecker.INFRA);
        assertThat(result.output()).as(result.output()).contains(files + " file(s), 0 problem(s)");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void aSyntaxErrorIsReportedWithFileAndLine() throws Exception {
        Path infra = copyOfInfra();
        Path storage = infra.resolve("modules/storage.bicep");
        List<String> lines = new ArrayList<>(Files.readAllLines(storage));
        int line = lines.indexOf("    allowSharedKeyAccess: false") + 1;
        assertThat(line).isPositive();
        lines.set(line - 1, "    allowSharedKeyAccess: ");
        Files.write(storage, lines);

        BicepChecker.Result result = BicepChecker.check(infra);
        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).containsPattern("storage\\.bicep:(" + line + "|" + (line + 1) + "):\\d+: error syntax: ");
        assertThat(result.output()).contains("1 problem(s)");
    }

    @Test
    void anUnclosedBlockIsReported() throws Exception {
        Path file = dir.resolve("unclosed.bicep");
        Files.writeString(file, "param a string\nresource r 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: a\n");
        BicepChecker.Result result = BicepChecker.check(file);
        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("unclosed.bicep:").contains("error syntax");
    }

    @Test
    void brokenReferencesAreReported() throws Exception {
        Path infra = copyOfInfra();
        Path main = infra.resolve("main.bicep");
        String text = Files.readString(main);
        text = replaceOnce(text, "module workbook 'modules/workbook.bicep'", "module workbook 'modules/workbooks.bicep'");
        text = replaceOnce(text, "    retentionInDays: logAnalyticsRetentionInDays\n", "    retentionDays: logAnalyticsRetentionInDays\n");
        text = replaceOnce(text, "output KEY_VAULT_NAME string = keyVault.outputs.name", "output KEY_VAULT_NAME string = keyVault.outputs.vaultName");
        text = replaceOnce(text, "    hubResourceIds: iotHubResourceId\n", "    hubResourceIds: iotHubResourceID\n");
        Files.writeString(main, text);
        Path workbook = infra.resolve("modules/workbook.bicep");
        Files.writeString(workbook, replaceOnce(Files.readString(workbook), "linkguard.workbook.json", "linkguard.json"));

        BicepChecker.Result result = BicepChecker.check(infra);
        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.output())
                .contains("error module: module file 'modules/workbooks.bicep' does not exist")
                .contains("has no parameter 'retentionDays'")
                .contains("needs parameter 'retentionInDays'")
                .contains("has no output 'vaultName'")
                .contains("error undeclared: 'iotHubResourceID' is not declared")
                .contains("error load: loadTextContent: file '../workbook/linkguard.json' does not exist")
                .contains("6 problem(s)");
        assertThat(result.output()).containsPattern("main\\.bicep:\\d+:\\d+: error undeclared");
    }

    @Test
    void aMissingPathIsAUsageError() throws Exception {
        BicepChecker.Result result = BicepChecker.check(dir.resolve("nothing-here.bicep"));
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).contains("cannot read");
    }

    @Test
    void everyParameterIsDescribedListedAndDocumented() throws Exception {
        String doc = Files.readString(DEPLOYMENT_DOC);
        for (String template : List.of("main", "post-deploy")) {
            Path bicep = Path.of("infra", template + ".bicep");
            Path parametersFile = Path.of("infra", template + ".parameters.json");
            BicepNode root = BicepChecker.parse(bicep);
            List<BicepNode> top = root.children();
            Set<String> declared = new TreeSet<>();
            Set<String> optional = new TreeSet<>();
            Map<String, BicepNode> defaults = new HashMap<>();
            for (int i = 0; i < top.size(); i++) {
                BicepNode param = top.get(i);
                if (!param.type().equals("parameter_declaration")) {
                    continue;
                }
                String name = param.declaredName();
                declared.add(name);
                if (param.children().size() > 2) {
                    optional.add(name);
                    defaults.put(name, param.children().get(param.children().size() - 1));
                }
                assertThat(i > 0 && hasDescription(top.get(i - 1))).as("%s: @description on param %s", bicep, name).isTrue();
                assertThat(doc).as("%s documents parameter %s of %s", DEPLOYMENT_DOC, name, bicep).contains("| `" + name + "` |");
            }
            JsonNode parameters = InfrastructureContractTest.parameters(parametersFile);
            Set<String> listed = new TreeSet<>();
            parameters.fieldNames().forEachRemaining(listed::add);
            assertThat(declared).as("%s declares every parameter of %s", bicep, parametersFile).containsAll(listed);
            assertThat(listed).as("%s lists every optional parameter of %s", parametersFile, bicep).containsAll(optional);
            for (String name : listed) {
                JsonNode value = parameters.path(name).path("value");
                BicepNode fallback = defaults.get(name);
                if (fallback != null && !value.asText().startsWith("${")) {
                    assertThat(literal(fallback)).as("%s: value of %s equals the default in %s", parametersFile, name, bicep)
                            .isIn(value.isContainerNode() ? value.toString() : value.asText(), null);
                }
            }
            if (template.equals("main")) {
                assertThat(listed).as("azd passes every parameter of main.bicep").isEqualTo(declared);
            }
        }
    }

    /** A literal default as text ("{}" for an empty object), or null for an expression. */
    private static String literal(BicepNode value) {
        return switch (value.type()) {
            case "string" -> value.stringValue();
            case "number", "boolean" -> value.text();
            case "object" -> value.children().isEmpty() ? "{}" : null;
            default -> null;
        };
    }

    private static boolean hasDescription(BicepNode decorators) {
        return decorators.type().equals("decorators") && decorators.descendants(n -> n.type().equals("identifier")
                && "description".equals(n.text())).size() == 1;
    }

    private Path copyOfInfra() throws IOException {
        Path target = dir.resolve("infra");
        try (Stream<Path> files = Files.walk(BicepChecker.INFRA)) {
            for (Path source : files.toList()) {
                Path copy = target.resolve(BicepChecker.INFRA.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy);
                }
            }
        }
        return target;
    }

    private static String replaceOnce(String text, String from, String to) {
        assertThat(text).contains(from);
        return text.replace(from, to);
    }
}

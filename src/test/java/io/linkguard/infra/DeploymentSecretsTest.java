package io.linkguard.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the deployment exposes: the alert's action group carries the alert function's own key, never a host key
 * (a host key opens every function-level endpoint, /api/health included); the key vault cannot be purged early.
 */
class DeploymentSecretsTest {

    @Test
    void theActionGroupCarriesTheAlertFunctionsOwnKey() throws Exception {
        BicepNode root = BicepChecker.parse(Path.of("infra/post-deploy.bicep"));
        List<BicepNode> listKeys = root.descendants(n -> n.type().equals("call_expression")
                && n.child("identifier").map(i -> "listKeys".equals(i.text())).orElse(false));
        assertThat(listKeys).as("listKeys calls in post-deploy.bicep").isNotEmpty().allSatisfy(call -> {
            String words = String.join(" ", call.descendants(n -> n.text() != null || n.stringValue() != null).stream()
                    .map(n -> n.text() != null ? n.text() : n.stringValue()).toList());
            assertThat(words).contains("Microsoft.Web/sites/functions").contains("alertWebhookFunctionName")
                    .doesNotContain("host/").doesNotContain("functionKeys").doesNotContain("masterKey");
        });
        String source = java.nio.file.Files.readString(Path.of("infra/post-deploy.bicep"));
        assertThat(source).doesNotContain("/host/default");
    }

    @Test
    void theKeyVaultHasPurgeProtection() throws Exception {
        BicepNode root = BicepChecker.parse(Path.of("infra/modules/key-vault.bicep"));
        List<BicepNode> purge = root.descendants(n -> n.type().equals("object_property")
                && "enablePurgeProtection".equals(n.propertyKey()));
        assertThat(purge).hasSize(1);
        assertThat(purge.get(0).propertyValue().text()).isEqualTo("true");
        List<BicepNode> softDelete = root.descendants(n -> n.type().equals("object_property")
                && "enableSoftDelete".equals(n.propertyKey()));
        assertThat(softDelete).hasSize(1);
        assertThat(softDelete.get(0).propertyValue().text()).isEqualTo("true");
    }
}

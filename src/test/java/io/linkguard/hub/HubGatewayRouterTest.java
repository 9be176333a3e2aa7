package io.linkguard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkguard.evidence.Identity;
import io.linkguard.hub.stub.StubHub;
import io.linkguard.remediation.WriteResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HubGatewayRouterTest {

    @Test
    void eachCallReachesTheHubOfItsIdentity() {
        try (StubHub north = StubHub.start(StubHub.Config.defaults().hubName("north"));
             StubHub south = StubHub.start(StubHub.Config.defaults().hubName("south").sku("S2", 2))) {
            north.addDevice("d1");
            south.addDevice("d1");
            HubGatewayRouter router = new HubGatewayRouter(Map.of(
                    "North", IotHubGateway.builder().limits(north.limits()).credential(north.credential()).build(),
                    "south", IotHubGateway.builder().limits(south.limits()).credential(south.credential()).build()));

            Identity inSouth = new Identity("south", "d1", null);
            String etag = router.readTwin(inSouth).orElseThrow().etag();
            assertThat(router.patchTag(inSouth, etag, Map.of("a", 1)).status()).isEqualTo(WriteResult.Status.WRITTEN);

            assertThat(south.twin("d1").orElseThrow().linkguardTag().path("a").asInt()).isEqualTo(1);
            assertThat(north.twin("d1").orElseThrow().linkguardTag().isMissingNode()).isTrue();
            assertThat(router.limits("north").sku()).isEqualTo("S1");
            assertThat(router.limits("south").units()).isEqualTo(2);
            assertThatThrownBy(() -> router.limits("west")).hasMessageContaining("no gateway for hub west");
        }
    }
}

package io.linkguard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.remediation.HubGateway;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** HubPermissions grants what the gateway's operations use, and nothing else. */
class HubPermissionsTest {

    @Test
    void everyGatewayMethodMapsToAnOperation() {
        for (Method m : HubGateway.class.getMethods()) {
            if (!Modifier.isStatic(m.getModifiers())) {
                assertThat(HubOperation.values()).as(m.getName()).anyMatch(op -> op.gatewayMethods().contains(m.getName()));
            }
        }
    }

    @Test
    void everyOperationNamesOnlyRealGatewayMethods() {
        Set<String> methods = Arrays.stream(HubGateway.class.getMethods()).map(Method::getName).collect(Collectors.toSet());
        for (HubOperation op : HubOperation.values()) {
            assertThat(methods).as(op.name()).containsAll(op.gatewayMethods());
        }
    }

    @Test
    void theDataActionsOfTheOperationsAreExactlyTheRolesDataActions() {
        Set<String> used = new TreeSet<>();
        for (HubOperation op : HubOperation.values()) {
            used.addAll(op.dataActions());
        }
        assertThat(used).isEqualTo(new TreeSet<>(HubPermissions.DATA_ACTIONS));
    }

    @Test
    void readingTheTierIsAControlPlaneReadNotADataAction() {
        assertThat(HubOperation.HUB_LIMITS_READ.dataActions()).isEmpty();
        assertThat(HubOperation.ARM_READ_ACTION).isEqualTo("Microsoft.Devices/IotHubs/read");
        assertThat(HubPermissions.DATA_ACTIONS).noneMatch(a -> a.equals(HubOperation.ARM_READ_ACTION));
    }
}

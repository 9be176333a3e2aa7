package io.linkguard.hub;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Every operation the hub adapter performs, the {@code HubGateway} methods that perform it and the
 * IoT Hub data actions it needs. {@link HubPermissions#DATA_ACTIONS} must be exactly the union of the
 * data actions here (checked by {@code HubPermissionsTest}), so the custom role grants what the code
 * uses and nothing else.
 */
public enum HubOperation {
    /** GET a device or module twin. */
    TWIN_READ(Set.of(HubPermissions.TWINS_READ), "readTwin"),
    /** PATCH a twin's tags or desired properties. */
    TWIN_WRITE(Set.of(HubPermissions.TWINS_WRITE), "patchTag", "patchDesired"),
    /** Invoke a direct method on a device or module. */
    DIRECT_METHOD(Set.of(HubPermissions.DIRECT_METHODS_INVOKE), "invokeMethod"),
    /** Create a job (a direct method over a device query). */
    JOB_WRITE(Set.of(HubPermissions.JOBS_WRITE), "scheduleMethodJob"),
    /** Query twins (the run's roster: identity counts and LinkGuard-tagged identities; {@code HubConnection.roster}). */
    TWIN_QUERY(Set.of(HubPermissions.TWINS_READ)),
    /** Read a job's state. */
    JOB_READ(Set.of(HubPermissions.JOBS_READ), "jobStatus"),
    /**
     * Read the hub's SKU, units and host name from ARM: a control-plane read
     * ({@code Microsoft.Devices/IotHubs/read}, the built-in Reader role), no data action.
     */
    HUB_LIMITS_READ(Set.of(), "limits");

    /** The control-plane action {@link #HUB_LIMITS_READ} needs. */
    public static final String ARM_READ_ACTION = "Microsoft.Devices/IotHubs/read";

    private final Set<String> dataActions;
    private final Set<String> gatewayMethods;

    HubOperation(Set<String> dataActions, String... gatewayMethods) {
        this.dataActions = dataActions;
        this.gatewayMethods = Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(gatewayMethods)));
    }

    public Set<String> dataActions() {
        return dataActions;
    }

    /** The {@code io.linkguard.remediation.HubGateway} methods that perform this operation. */
    public Set<String> gatewayMethods() {
        return gatewayMethods;
    }
}

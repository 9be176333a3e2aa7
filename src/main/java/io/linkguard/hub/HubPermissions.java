package io.linkguard.hub;

import java.util.Set;

/**
 * The IoT Hub data actions LinkGuard's hub operations need, and nothing more: the custom role in
 * infra/ grants exactly these (checked by a contract test).
 */
public final class HubPermissions {

    public static final String TWINS_READ = "Microsoft.Devices/IotHubs/twins/read";
    public static final String TWINS_WRITE = "Microsoft.Devices/IotHubs/twins/write";
    public static final String DIRECT_METHODS_INVOKE = "Microsoft.Devices/IotHubs/directMethods/invoke/action";
    public static final String JOBS_READ = "Microsoft.Devices/IotHubs/jobs/read";
    public static final String JOBS_WRITE = "Microsoft.Devices/IotHubs/jobs/write";

    public static final Set<String> DATA_ACTIONS =
            Set.of(TWINS_READ, TWINS_WRITE, DIRECT_METHODS_INVOKE, JOBS_READ, JOBS_WRITE);

    private HubPermissions() {
    }
}

package io.linkguard.evidence;

import java.util.regex.Pattern;

/** IoT Hub's naming rule as LinkGuard keys hubs: 3-50 lower-case letters, digits and hyphens, no hyphen at either end. */
public final class HubNames {
    private static final Pattern HUB_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{1,48}[a-z0-9]");

    private HubNames() {
    }

    public static boolean isValid(String name) {
        return name != null && HUB_NAME.matcher(name).matches();
    }
}

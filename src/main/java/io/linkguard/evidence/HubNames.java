package io.linkguard.evidence;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How LinkGuard keys hubs: {@link #of} derives the name from whatever a source carries (an ARM resource id, a
 * log's {@code Resource}, a hub name or host name), {@link #isValid} checks IoT Hub's naming rule: 3-50
 * lower-case letters, digits and hyphens, no hyphen at either end.
 */
public final class HubNames {
    private static final Pattern HUB_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{1,48}[a-z0-9]");

    private HubNames() {
    }

    /**
     * The hub name in an ARM resource id ({@code .../IotHubs/MyHub}), a hub name ({@code MyHub}) or a host name
     * ({@code myhub.azure-devices.net}): the last path segment (one trailing '/' ignored), up to its first dot,
     * lower case. Null when there is none; not validated (see {@link #isValid}).
     */
    public static String of(String idOrName) {
        if (idOrName == null) {
            return null;
        }
        int end = idOrName.endsWith("/") ? idOrName.length() - 1 : idOrName.length();
        int start = idOrName.lastIndexOf('/', end - 1) + 1;
        int dot = idOrName.indexOf('.', start);
        if (dot > start && dot < end) {
            end = dot;
        }
        return end > start ? idOrName.substring(start, end).toLowerCase(Locale.ROOT) : null;
    }

    public static boolean isValid(String name) {
        return name != null && HUB_NAME.matcher(name).matches();
    }
}

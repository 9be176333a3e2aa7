package io.linkguard.remediation;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hub a run acts on, as an operator names it: its host name ({@code myhub.azure-devices.net}) or its
 * ARM id ({@code /subscriptions/../resourceGroups/../providers/Microsoft.Devices/IotHubs/myhub}).
 * {@code hubName} is lower case, as identities carry it.
 */
public record HubTarget(String hubName, String hostName, String armId) {
    private static final Pattern ARM_ID = Pattern.compile(
            "/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.Devices/IotHubs/([A-Za-z0-9-]{3,50})/?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern HOST = Pattern.compile("([A-Za-z0-9-]{3,50})(\\.[A-Za-z0-9-]+)+(:\\d{1,5})?");

    /** Parses a host name or ARM id; a clear message for anything else. */
    public static HubTarget parse(String spec) {
        String s = spec == null ? "" : spec.trim();
        Matcher arm = ARM_ID.matcher(s);
        if (arm.matches()) {
            return new HubTarget(arm.group(1).toLowerCase(Locale.ROOT), null, s);
        }
        Matcher host = HOST.matcher(s);
        if (host.matches()) {
            return new HubTarget(host.group(1).toLowerCase(Locale.ROOT), s.toLowerCase(Locale.ROOT), null);
        }
        throw new IllegalArgumentException("expected the hub's host name (e.g. myhub.azure-devices.net) or its ARM id "
                + "(/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Devices/IotHubs/<name>), got '" + s + "'");
    }
}

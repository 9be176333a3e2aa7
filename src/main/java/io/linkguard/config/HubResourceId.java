package io.linkguard.config;

import io.linkguard.evidence.HubNames;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IoT hub's ARM resource id, {@code /subscriptions/{guid}/resourceGroups/{rg}/providers/Microsoft.Devices/IotHubs/{name}}.
 * {@link #hub()} is the lower-case hub name LinkGuard uses everywhere else (evidence, KQL, state keys).
 */
public record HubResourceId(String subscriptionId, String resourceGroup, String name) {

    private static final Pattern ARM_ID = Pattern.compile(
            "/subscriptions/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})"
                    + "/resourceGroups/([-\\w._()]{1,90})/providers/Microsoft\\.Devices/IotHubs/([A-Za-z0-9-]{3,50})",
            Pattern.CASE_INSENSITIVE);

    /** The id, or empty when the text is not an IoT hub's ARM id. */
    public static Optional<HubResourceId> parse(String text) {
        Matcher m = ARM_ID.matcher(text.trim());
        if (!m.matches() || m.group(2).endsWith(".") || !HubNames.isValid(m.group(3).toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return Optional.of(new HubResourceId(m.group(1).toLowerCase(Locale.ROOT), m.group(2), m.group(3)));
    }

    /** The lower-case hub name. */
    public String hub() {
        return name.toLowerCase(Locale.ROOT);
    }

    public String id() {
        return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup
                + "/providers/Microsoft.Devices/IotHubs/" + name;
    }

    @Override
    public String toString() {
        return id();
    }
}

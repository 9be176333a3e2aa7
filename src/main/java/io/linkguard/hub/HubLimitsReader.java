package io.linkguard.hub;

import com.azure.core.credential.TokenCredential;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.iothub.IotHubManager;
import com.azure.resourcemanager.iothub.models.IotHubDescription;
import io.linkguard.remediation.HubLimits;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a hub's SKU, units and host name from Azure Resource Manager ({@code Microsoft.Devices/IotHubs},
 * the built-in Reader role on the hub is enough) and turns them into {@link HubLimits} with
 * {@link PublishedThrottles}.
 */
public final class HubLimitsReader {
    private static final Pattern HUB_ID = Pattern.compile(
            "/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.Devices/IotHubs/([^/]+)/?",
            Pattern.CASE_INSENSITIVE);

    private final IotHubManager manager;

    public HubLimitsReader(IotHubManager manager) {
        this.manager = Objects.requireNonNull(manager, "manager");
    }

    /** A reader on the public cloud (or the profile's cloud) with the given credential. */
    public static HubLimitsReader create(TokenCredential credential, AzureProfile profile) {
        return new HubLimitsReader(IotHubManager.authenticate(credential, profile));
    }

    /**
     * @param hubResourceId the hub's ARM id,
     *                      {@code /subscriptions/{s}/resourceGroups/{g}/providers/Microsoft.Devices/IotHubs/{name}}
     * @throws IllegalArgumentException when the id is not a hub's ARM id
     * @throws HubSetupException        when ARM does not answer with the hub (not found, no access, ...)
     */
    public HubLimits read(String hubResourceId) {
        String name = hubName(hubResourceId);
        IotHubDescription hub;
        try {
            hub = manager.iotHubResources().getById(hubResourceId);
        } catch (ManagementException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
            String hint = switch (status) {
                case 401, 403 -> ": LinkGuard's identity needs the Reader role on the hub";
                case 404 -> ": no such hub (check the subscription, resource group and name)";
                default -> "";
            };
            throw new HubSetupException("cannot read hub " + hubResourceId + " from Azure Resource Manager (HTTP "
                    + status + ")" + hint, e);
        } catch (RuntimeException e) {
            throw new HubSetupException("cannot read hub " + hubResourceId + " from Azure Resource Manager: " + e, e);
        }
        if (hub == null || hub.sku() == null || hub.sku().name() == null) {
            throw new HubSetupException("hub " + hubResourceId + ": Azure Resource Manager returned no SKU");
        }
        if (hub.properties() == null || hub.properties().hostname() == null) {
            throw new HubSetupException("hub " + hubResourceId + ": Azure Resource Manager returned no host name");
        }
        Long capacity = hub.sku().capacity();
        int units = capacity == null ? 1 : (int) Math.min(Integer.MAX_VALUE, Math.max(1, capacity));
        try {
            return PublishedThrottles.forSku(name, hub.properties().hostname(), hub.sku().name().toString(), units);
        } catch (IllegalArgumentException e) {
            throw new HubSetupException(e.getMessage(), e);
        }
    }

    /** The lower-case hub name (the id's last segment), as {@code Identity.hub} holds it. */
    public static String hubName(String hubResourceId) {
        Matcher m = HUB_ID.matcher(hubResourceId == null ? "" : hubResourceId.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not an IoT hub ARM id: '" + hubResourceId
                    + "' (expected /subscriptions/{s}/resourceGroups/{g}/providers/Microsoft.Devices/IotHubs/{name})");
        }
        return m.group(1).toLowerCase(Locale.ROOT);
    }
}

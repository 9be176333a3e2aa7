package io.linkguard.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkguard.evidence.HubNames;
import io.linkguard.evidence.Identity;
import io.linkguard.evidence.IdentityIds;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads an Azure Monitor alert in the common alert schema ({@code schemaId: azureMonitorCommonAlertSchema})
 * and names the identities to evaluate from {@code data.alertContext.condition.allOf[].dimensions}: a log
 * search alert split by {@code deviceId} (and optionally {@code moduleId} and the hub: {@code hub},
 * {@code hubName}, {@code Resource} or {@code _ResourceId}; names are matched case-insensitively). Without a
 * hub dimension a device is looked for in every watched hub. Anything malformed, any id that cannot be a
 * real IoT Hub id, and any hub LinkGuard does not watch is rejected with a message saying so.
 */
public final class CommonAlertParser {
    public static final String SCHEMA_ID = "azureMonitorCommonAlertSchema";
    /** Common-schema payloads are a few KB; log alerts can carry up to ~256 KB of context. */
    public static final int MAX_BODY_CHARS = 1 << 20;
    public static final int MAX_CONDITIONS = 1000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> DEVICE = Set.of("deviceid", "device");
    private static final Set<String> MODULE = Set.of("moduleid", "module");
    private static final Set<String> HUB = Set.of("hub", "hubname", "resource", "_resourceid", "resourceid");

    private final List<String> hubs;
    private final int maxIdentities;

    /** @param hubs the lower-case names of the watched hubs, in configuration order */
    public CommonAlertParser(List<String> hubs, int maxIdentities) {
        this.hubs = List.copyOf(hubs);
        this.maxIdentities = maxIdentities;
    }

    public AlertRequest parse(String body) {
        if (body == null || body.isBlank()) {
            throw new BadAlertException("empty body: expected an Azure Monitor alert in the common alert schema");
        }
        if (body.length() > MAX_BODY_CHARS) {
            throw new BadAlertException("body of " + body.length() + " characters is over the limit of " + MAX_BODY_CHARS);
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadAlertException("not JSON: " + e.getOriginalMessage());
        }
        if (!root.isObject() || !SCHEMA_ID.equals(root.path("schemaId").asText(null))) {
            throw new BadAlertException("schemaId must be '" + SCHEMA_ID + "': enable the common alert schema on the action "
                    + "group's webhook / Azure Function action");
        }
        JsonNode essentials = root.path("data").path("essentials");
        if (!essentials.isObject()) {
            throw new BadAlertException("data.essentials is missing");
        }
        String condition = essentials.path("monitorCondition").asText("");
        AlertRequest empty = new AlertRequest(text(essentials, "alertId"), text(essentials, "alertRule"),
                text(essentials, "severity"), condition, List.of(), 0);
        if (empty.resolved()) {
            return empty;
        }
        JsonNode allOf = root.path("data").path("alertContext").path("condition").path("allOf");
        if (!allOf.isArray()) {
            throw new BadAlertException("data.alertContext.condition.allOf is missing: expected a log search alert "
                    + "split by deviceId");
        }
        if (allOf.size() > MAX_CONDITIONS) {
            throw new BadAlertException("data.alertContext.condition.allOf has " + allOf.size() + " entries, over the limit of "
                    + MAX_CONDITIONS);
        }
        Set<Identity> identities = new LinkedHashSet<>();
        for (int i = 0; i < allOf.size(); i++) {
            identities.addAll(identities(allOf.get(i), i));
        }
        if (identities.isEmpty()) {
            throw new BadAlertException("no deviceId dimension in data.alertContext.condition.allOf[].dimensions: split the "
                    + "alert rule by deviceId");
        }
        // At most maxIdentities devices (hub, deviceId), the first named, with all of their named modules.
        Set<String> devices = new LinkedHashSet<>();
        identities.forEach(identity -> devices.add(device(identity)));
        Set<String> keptDevices = devices.stream().limit(maxIdentities).collect(Collectors.toSet());
        List<Identity> kept = identities.stream().filter(identity -> keptDevices.contains(device(identity))).toList();
        return new AlertRequest(empty.alertId(), empty.alertRule(), empty.severity(), condition, kept,
                devices.size() - keptDevices.size());
    }

    private List<Identity> identities(JsonNode entry, int index) {
        JsonNode dimensions = entry.path("dimensions");
        if (dimensions.isMissingNode() || dimensions.isNull()) {
            return List.of();
        }
        if (!dimensions.isArray()) {
            throw new BadAlertException("allOf[" + index + "].dimensions must be an array of {name, value}");
        }
        String device = null;
        String module = null;
        String hub = null;
        for (JsonNode d : dimensions) {
            String name = d.path("name").asText("").toLowerCase(Locale.ROOT);
            JsonNode valueNode = d.path("value");
            if (!valueNode.isValueNode()) {
                throw new BadAlertException("allOf[" + index + "].dimensions: '" + name + "' has no value");
            }
            String value = valueNode.asText();
            if (DEVICE.contains(name)) {
                device = checkedId(value, "deviceId", index);
            } else if (MODULE.contains(name)) {
                module = value.isEmpty() ? null : checkedId(value, "moduleId", index);
            } else if (HUB.contains(name)) {
                hub = hub(value, index);
            }
        }
        if (device == null) {
            return List.of();
        }
        List<Identity> out = new ArrayList<>();
        for (String h : hub == null ? hubs : List.of(hub)) {
            out.add(new Identity(h, device, module));
        }
        return out;
    }

    private static String device(Identity identity) {
        return identity.hub() + "/" + identity.deviceId();
    }

    private String hub(String value, int index) {
        String name = HubNames.of(value);
        if (!HubNames.isValid(name)) {
            throw new BadAlertException("allOf[" + index + "].dimensions: '" + IdentityIds.printable(value) + "' is not an IoT hub name or ARM id");
        }
        if (!hubs.contains(name)) {
            throw new BadAlertException("allOf[" + index + "].dimensions: hub '" + name + "' is not watched by LinkGuard "
                    + "(LINKGUARD_HUB_RESOURCE_IDS names " + String.join(", ", hubs) + ")");
        }
        return name;
    }

    private static String checkedId(String value, String what, int index) {
        if (!IdentityIds.isValid(value)) {
            throw new BadAlertException("allOf[" + index + "].dimensions: " + what + " '" + IdentityIds.printable(value)
                    + "' is not a valid IoT Hub id (1-128 ASCII letters, digits and - . % _ * ? ! ( ) , : = @ $ ')");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }
}

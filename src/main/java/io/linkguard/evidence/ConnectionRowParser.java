package io.linkguard.evidence;

import io.linkguard.logs.ColumnSelection;
import io.linkguard.logs.LogTimestamps;
import io.linkguard.logs.RawRow;
import java.time.Clock;
import java.util.Objects;

/**
 * Turns an AzureDiagnostics row into a {@link ConnectionEvent}, or counts why it cannot be used.
 * Reads only the handful of properties_s keys LinkGuard needs (see {@link ConnectionProperties}).
 * One instance per read: it is not thread-safe.
 */
public final class ConnectionRowParser {
    /** The only columns {@link #parse} reads; file readers skip the others. */
    public static final ColumnSelection COLUMNS = ColumnSelection.of("Category", "TimeGenerated", "_ResourceId",
            "ResourceId", "Resource", "OperationName", "ResultType", "Level", "properties_s");

    private final SkipCounts skipped;
    private final PlausibleTimes plausible;
    private final HubNameCache hubNames = new HubNameCache();
    private final PropertiesScanner properties = new PropertiesScanner();

    /** Times are plausible up to a day after the system clock's now. */
    public ConnectionRowParser(SkipCounts skipped) {
        this(skipped, PlausibleTimes.upTo(Clock.systemUTC()));
    }

    public ConnectionRowParser(SkipCounts skipped, PlausibleTimes plausible) {
        this.skipped = skipped;
        this.plausible = plausible;
    }

    /** The event, or null after counting the skip reason. */
    public ConnectionEvent parse(RawRow row) {
        String category = row.get("Category");
        if (category != null && !category.equals("Connections")) {
            return skip(SkipReason.OTHER_CATEGORY);
        }
        String time = row.get("TimeGenerated");
        if (time == null) {
            return skip(SkipReason.MISSING_TIMESTAMP);
        }
        long millis;
        try {
            millis = LogTimestamps.parseMillis(time);
        } catch (IllegalArgumentException e) {
            return skip(SkipReason.BAD_TIMESTAMP);
        }
        if (!plausible.contains(millis)) {
            return skip(SkipReason.IMPLAUSIBLE_TIMESTAMP);
        }
        String hub = hubNames.of(row);
        if (hub == null) {
            return skip(SkipReason.MISSING_HUB);
        }
        if (!hubNames.valid()) {
            return skip(SkipReason.INVALID_HUB);
        }
        String operation = row.get("OperationName");
        boolean connect;
        if ("deviceConnect".equals(operation)) {
            connect = true;
        } else if ("deviceDisconnect".equals(operation)) {
            connect = false;
        } else {
            return skip(SkipReason.UNKNOWN_OPERATION);
        }
        String code = row.get("ResultType");
        if (code == null && "Error".equalsIgnoreCase(row.get("Level"))) {
            return skip(SkipReason.ERROR_WITHOUT_CODE);
        }
        ConnectionProperties props = ConnectionProperties.parse(row.get("properties_s"), properties);
        if (props == null) {
            return skip(SkipReason.PROPERTIES_NOT_JSON);
        }
        if (props.deviceId == null) {
            return skip(SkipReason.MISSING_DEVICE_ID);
        }
        if (!IdentityIds.isValid(props.deviceId)) {
            return skip(SkipReason.INVALID_DEVICE_ID);
        }
        if (props.moduleId != null && !IdentityIds.isValid(props.moduleId)) {
            return skip(SkipReason.INVALID_MODULE_ID);
        }
        return new ConnectionEvent(new Identity(hub, props.deviceId, props.moduleId), millis,
                EventKind.ofCode(code, connect), code, props.maskedIp, props.sdkVersion, props.protocol,
                props.authType);
    }

    private static String resourceIdOf(RawRow row) {
        String resourceId = row.get("_ResourceId");
        return resourceId != null ? resourceId : row.get("ResourceId");
    }

    /** The hub of _ResourceId (or ResourceId), else of Resource. */
    private static String hubName(String resourceId, String resource) {
        String hub = HubNames.of(resourceId);
        return hub != null ? hub : HubNames.of(resource);
    }

    /**
     * Remembers the last resource id and Resource and their hub name: rows of one hub repeat them, so most rows
     * skip {@link HubNames#of}, and identities of one hub share one hub string.
     */
    private static final class HubNameCache {
        private String resourceId;
        private String resource;
        private String hub;
        private boolean valid;

        String of(RawRow row) {
            String id = resourceIdOf(row);
            String res = row.get("Resource");
            if (hub == null || !Objects.equals(id, resourceId) || !Objects.equals(res, resource)) {
                resourceId = id;
                resource = res;
                hub = hubName(id, res);
                valid = HubNames.isValid(hub);
            }
            return hub;
        }

        /** Whether the hub last returned by {@link #of} is a valid hub name. */
        boolean valid() {
            return valid;
        }
    }

    private ConnectionEvent skip(SkipReason reason) {
        skipped.add(reason);
        return null;
    }
}

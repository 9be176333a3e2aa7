package io.linkguard.evidence;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.linkguard.logs.LogTimestamps;
import io.linkguard.logs.RawRow;
import java.io.IOException;

/**
 * The row parser as it was before the fast path (kept as the reference for ExportedLogsEquivalenceTest):
 * every column by name, properties_s through Jackson, no hub-name cache.
 *
 * <p>Turns an AzureDiagnostics row into a {@link ConnectionEvent}, or counts why it cannot be used.
 * Reads only the handful of properties_s keys LinkGuard needs, with a streaming parser.
 */
final class LegacyConnectionRowParser {
    private static final JsonFactory JSON = new com.fasterxml.jackson.databind.ObjectMapper().getFactory();

    private final SkipCounts skipped;

    LegacyConnectionRowParser(SkipCounts skipped) {
        this.skipped = skipped;
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
        String hub = hubName(row);
        if (hub == null) {
            return skip(SkipReason.MISSING_HUB);
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
        Properties props = Properties.parse(row.get("properties_s"));
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
                EventKind.ofCode(code, connect), code, props.maskedIp, props.sdkVersion, props.protocol, props.authType);
    }

    /** Last segment of _ResourceId, else Resource, lower case. */
    static String hubName(RawRow row) {
        String resourceId = row.get("_ResourceId");
        if (resourceId == null) {
            resourceId = row.get("ResourceId");
        }
        if (resourceId != null) {
            String trimmed = resourceId.endsWith("/") ? resourceId.substring(0, resourceId.length() - 1) : resourceId;
            String last = trimmed.substring(trimmed.lastIndexOf('/') + 1);
            if (!last.isEmpty()) {
                return last.toLowerCase(java.util.Locale.ROOT);
            }
        }
        String resource = row.get("Resource");
        return resource == null ? null : resource.toLowerCase(java.util.Locale.ROOT);
    }

    private ConnectionEvent skip(SkipReason reason) {
        skipped.add(reason);
        return null;
    }

    /** The keys of properties_s that matter; null fields when absent, JSON null or empty. */
    private static final class Properties {
        String deviceId;
        String moduleId;
        String maskedIp;
        String sdkVersion;
        String protocol;
        String authType;

        private static int fieldOf(String name) {
            return switch (name) {
                case "deviceId" -> 0;
                case "moduleId" -> 1;
                case "maskedIpAddress" -> 2;
                case "sdkVersion" -> 3;
                case "protocol" -> 4;
                case "authType" -> 5;
                default -> -1;
            };
        }

        static Properties parse(String json) {
            if (json == null) {
                return null;
            }
            Properties p = new Properties();
            try (JsonParser parser = JSON.createParser(json)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    return null;
                }
                JsonToken token;
                while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                    int field = fieldOf(parser.currentName());
                    JsonToken value = parser.nextToken();
                    if (field == 5 && value == JsonToken.START_OBJECT) {
                        String label = AuthTypes.label((com.fasterxml.jackson.databind.JsonNode) parser.readValueAsTree());
                        p.authType = label != null ? label : p.authType;
                        continue;
                    }
                    if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                        parser.skipChildren();
                        continue;
                    }
                    if (field < 0 || value == JsonToken.VALUE_NULL) {
                        continue; // the other keys are never materialised
                    }
                    String text = parser.getText();
                    if (text.isEmpty()) {
                        continue;
                    }
                    switch (field) {
                        case 0 -> p.deviceId = text;
                        case 1 -> p.moduleId = text;
                        case 2 -> p.maskedIp = text;
                        case 3 -> p.sdkVersion = text;
                        case 5 -> p.authType = AuthTypes.label(text) != null ? AuthTypes.label(text) : p.authType;
                        default -> p.protocol = text;
                    }
                }
                return token == JsonToken.END_OBJECT ? p : null;
            } catch (IOException e) {
                return null;
            }
        }
    }
}

package io.linkguard.evidence;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The keys of a Connections row's {@code properties_s} JSON that LinkGuard uses; a field is null when the key
 * is absent, JSON null or empty. {@code authType} is kept as its cohort label ({@link AuthTypes}). Every other key
 * (statusCode, ...) is skipped without being kept.
 */
final class ConnectionProperties {
    private static final JsonFactory JSON = new ObjectMapper().getFactory();

    static final int DEVICE_ID = 0;
    static final int MODULE_ID = 1;
    static final int MASKED_IP = 2;
    static final int SDK_VERSION = 3;
    static final int PROTOCOL = 4;
    static final int AUTH_TYPE = 5;

    private String deviceId;
    private String moduleId;
    // The scanner gives ids without escapes as ranges of its text: a repeated identity then needs no String.
    private char[] idText;
    private int deviceFrom = -1;
    private int deviceTo;
    private int moduleFrom = -1;
    private int moduleTo;
    String maskedIp;
    String sdkVersion;
    String protocol;
    String authType;

    /** The field number of a key, or -1 for a key LinkGuard does not use. */
    static int fieldOf(String name) {
        return switch (name) {
            case "deviceId" -> DEVICE_ID;
            case "moduleId" -> MODULE_ID;
            case "maskedIpAddress" -> MASKED_IP;
            case "sdkVersion" -> SDK_VERSION;
            case "protocol" -> PROTOCOL;
            case "authType" -> AUTH_TYPE;
            default -> -1;
        };
    }

    /** Device-sent text keeps no control characters (ids are validated instead, see {@link IdentityIds}). */
    void set(int field, String value) {
        if (field != DEVICE_ID && field != MODULE_ID && field != AUTH_TYPE) { // authType becomes a fixed label
            value = ControlCharacters.escape(value);
        }
        setEscaped(field, value);
    }

    /** As {@link #set}, for a value that has no control characters or has them escaped already. */
    void setEscaped(int field, String value) {
        switch (field) {
            case DEVICE_ID -> {
                deviceId = value;
                deviceFrom = -1;
            }
            case MODULE_ID -> {
                moduleId = value;
                moduleFrom = -1;
            }
            case MASKED_IP -> maskedIp = value;
            case SDK_VERSION -> sdkVersion = value;
            case AUTH_TYPE -> setAuthLabel(AuthTypes.label(value));
            default -> protocol = value;
        }
    }

    /** The deviceId or moduleId is {@code text[from, to)} (not empty, no escapes); {@code text} is the scanner's. */
    void setId(int field, char[] text, int from, int to) {
        idText = text;
        if (field == DEVICE_ID) {
            deviceId = null;
            deviceFrom = from;
            deviceTo = to;
        } else {
            moduleId = null;
            moduleFrom = from;
            moduleTo = to;
        }
    }

    boolean hasDeviceId() {
        return deviceId != null || deviceFrom >= 0;
    }

    String deviceId() {
        return deviceFrom >= 0 ? new String(idText, deviceFrom, deviceTo - deviceFrom) : deviceId;
    }

    String moduleId() {
        return moduleFrom >= 0 ? new String(idText, moduleFrom, moduleTo - moduleFrom) : moduleId;
    }

    /**
     * Copies the deviceId's characters to {@code to} at {@code at}: their number, or -1 (nothing copied) when there
     * are more than any valid id has.
     */
    int copyDeviceId(char[] to, int at) {
        return deviceFrom >= 0 ? copy(deviceFrom, deviceTo, to, at) : copy(deviceId, to, at);
    }

    /** As {@link #copyDeviceId}, for the moduleId: 0 when there is none. */
    int copyModuleId(char[] to, int at) {
        return moduleFrom >= 0 ? copy(moduleFrom, moduleTo, to, at) : moduleId == null ? 0 : copy(moduleId, to, at);
    }

    private int copy(int from, int end, char[] to, int at) {
        int length = end - from;
        if (length > IdentityIds.MAX_LENGTH) {
            return -1;
        }
        System.arraycopy(idText, from, to, at, length);
        return length;
    }

    private static int copy(String id, char[] to, int at) {
        if (id.length() > IdentityIds.MAX_LENGTH) {
            return -1;
        }
        id.getChars(0, id.length(), to, at);
        return id.length();
    }

    /** Back to no values: the scanner reuses one instance. */
    void clear() {
        deviceId = null;
        moduleId = null;
        idText = null;
        deviceFrom = -1;
        moduleFrom = -1;
        maskedIp = null;
        sdkVersion = null;
        protocol = null;
        authType = null;
    }

    /** An authType already turned into its label; a value without one leaves an earlier label in place. */
    void setAuthLabel(String label) {
        if (label != null) {
            authType = ControlCharacters.escape(label);
        }
    }

    /**
     * The properties, or null when {@code json} is null or not a JSON object. {@code scanner} is the reader's
     * own (it keeps a buffer between rows).
     */
    static ConnectionProperties parse(String json, PropertiesScanner scanner) {
        if (json == null) {
            return null;
        }
        ConnectionProperties fast = scanner.scan(json);
        return fast != null ? fast : parseWithJackson(json);
    }

    /**
     * The reference reading with Jackson's streaming parser: used for whatever {@link PropertiesScanner} does
     * not answer (malformed or unusual JSON), and by the tests as the oracle the scanner must agree with.
     */
    static ConnectionProperties parseWithJackson(String json) {
        ConnectionProperties p = new ConnectionProperties();
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                int field = fieldOf(parser.currentName());
                JsonToken value = parser.nextToken();
                if (field == AUTH_TYPE && value == JsonToken.START_OBJECT) {
                    p.setAuthLabel(AuthTypes.label((JsonNode) parser.readValueAsTree()));
                    continue;
                }
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    parser.skipChildren();
                    continue;
                }
                if (field < 0 || value == JsonToken.VALUE_NULL) {
                    continue;
                }
                String text = parser.getText();
                if (!text.isEmpty()) {
                    p.set(field, text);
                }
            }
            return token == JsonToken.END_OBJECT ? p : null;
        } catch (IOException e) {
            return null;
        }
    }
}

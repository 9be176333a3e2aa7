package io.linkguard.state;

import io.linkguard.evidence.Identity;

/**
 * Table keys from ids. PartitionKey and RowKey may not contain {@code / \ # ?} or control characters, and IoT Hub
 * ids may contain {@code ?} and {@code %}: those (and {@code %} itself, so decoding stays unambiguous) are
 * percent-encoded. {@code |} separates parts: neither hub names nor ids can contain it.
 */
public final class TableKeys {
    private TableKeys() {
    }

    public static String encode(String value) {
        StringBuilder s = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '/' || c == '\\' || c == '#' || c == '?' || c == '%' || c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                s.append('%').append(String.format("%02X", (int) c));
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }

    /** "device" or "device|module", encoded: the RowKey of an identity within its hub's partition. */
    public static String identity(Identity identity) {
        return encode(identity.deviceId()) + (identity.moduleId() == null ? "" : "|" + encode(identity.moduleId()));
    }

    /** An OData string literal for a filter. */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}

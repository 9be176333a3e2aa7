package io.linkguard.evidence;

/**
 * IoT Hub's rules for device and module ids: 1 to 128 characters, ASCII letters and digits plus
 * {@code - : . + % _ # * ? ! ( ) , = @ ; $ '} (the identity registry's documented set, e.g. the Event Grid
 * schema of Microsoft.Devices.DeviceConnected: "ASCII 7-bit alphanumeric characters plus the following special
 * characters: - : . + % _ # * ? ! ( ) , = @ ; $ '"). Anything else (double quotes, control or non-ASCII characters,
 * over-long ids) cannot have come from a real hub and is rejected instead of being acted on.
 */
public final class IdentityIds {
    public static final int MAX_LENGTH = 128;
    private static final boolean[] ALLOWED = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            ALLOWED[c] = true;
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            ALLOWED[c] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            ALLOWED[c] = true;
        }
        for (char c : "-:.+%_#*?!(),=@;$'".toCharArray()) {
            ALLOWED[c] = true;
        }
    }

    private IdentityIds() {
    }

    public static boolean isValid(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c >= 128 || !ALLOWED[c]) {
                return false;
            }
        }
        return true;
    }

    /**
     * An id (or any value claiming to be one) as it may be quoted in an error or log: at most 140 characters,
     * non-printable ones as \\uXXXX, so a hostile value cannot forge log lines.
     */
    public static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(140).forEach(cp -> out.append(cp >= 0x20 && cp < 0x7f ? Character.toString(cp)
                : String.format("\\u%04X", cp)));
        return s.codePointCount(0, s.length()) > 140 ? out + "…" : out.toString();
    }
}

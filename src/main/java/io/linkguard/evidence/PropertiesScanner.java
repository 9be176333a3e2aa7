package io.linkguard.evidence;

import io.linkguard.logs.RecentCells;
import java.util.Arrays;

/**
 * Fast path for {@code properties_s}: one pass over a flat JSON object that keeps the five keys of
 * {@link ConnectionProperties} and skips the rest, with no tokeniser and no allocation beyond the kept values.
 *
 * <p>It answers only for plainly valid JSON of the usual shape: string, number, true/false/null values, no
 * nested objects or arrays, no escapes in the keys (escapes in values are checked; kept values are unescaped).
 * For anything else, malformed or merely unusual, {@link #scan} returns null and the caller asks Jackson, whose
 * answer is the reference. So the scanner can never accept what Jackson rejects: each check below is at least as
 * strict as Jackson's.
 *
 * <p>Per distinct value, not per row: ids are handed on as ranges of the text ({@link IdentityTable} finds a
 * known identity from them), the SDK version and protocol of the last few rows are reused as the same String
 * ({@link RecentCells}), escaped only when they hold a character to escape, and the authType's label is reused.
 *
 * <p>The text is copied into a reused char array first: scanning an array is several times faster than
 * {@link String#charAt}. Not thread-safe: one instance per reader, and the properties it returns are reused by
 * its next {@link #scan}.
 */
final class PropertiesScanner {
    /** Longer texts go to Jackson, so its read limits (name and number lengths) apply unchanged. */
    private static final int MAX_LENGTH = 10_000;
    private static final int MAX_NUMBER_LENGTH = 100;
    private static final int UNSURE = -2;

    private char[] c = new char[512];
    private int n;
    private int p;
    private String s;
    private final ConnectionProperties props = new ConnectionProperties();
    private final RecentCells sdkVersions = new RecentCells();
    private final RecentCells protocols = new RecentCells();
    private char[] lastAuthRaw;
    private String lastAuthLabel;

    /** The properties, or null when the text is not a flat object this scanner is sure about. */
    ConnectionProperties scan(String json) {
        n = json.length();
        if (n > MAX_LENGTH) {
            return null;
        }
        if (c.length < n) {
            c = new char[Math.max(n, 2 * c.length)];
        }
        json.getChars(0, n, c, 0);
        s = json;
        p = 0;
        ConnectionProperties result = object();
        s = null;
        return result;
    }

    private ConnectionProperties object() {
        skipWhitespace();
        if (!take('{')) {
            return null;
        }
        props.clear();
        skipWhitespace();
        if (take('}')) {
            return props;
        }
        while (true) {
            skipWhitespace();
            int field = key();
            if (field == UNSURE) {
                return null;
            }
            skipWhitespace();
            if (!take(':')) {
                return null;
            }
            skipWhitespace();
            if (!value(props, field)) {
                return null;
            }
            skipWhitespace();
            if (take('}')) {
                return props; // like the reference, nothing after the object is read
            }
            if (!take(',')) {
                return null;
            }
        }
    }

    /** A key without escapes: its field number, -1 for a key not kept, or {@link #UNSURE}. */
    private int key() {
        if (!take('"')) {
            return UNSURE;
        }
        int start = p;
        while (p < n) {
            char ch = c[p];
            if (ch == '"') {
                int field = fieldOf(start, p);
                p++;
                return field;
            }
            if (ch < 0x20 || ch == '\\') {
                return UNSURE;
            }
            p++;
        }
        return UNSURE;
    }

    private int fieldOf(int start, int end) {
        return switch (end - start) {
            case 8 -> switch (c[start]) {
                case 'd' -> is("deviceId", start) ? ConnectionProperties.DEVICE_ID : -1;
                case 'm' -> is("moduleId", start) ? ConnectionProperties.MODULE_ID : -1;
                case 'p' -> is("protocol", start) ? ConnectionProperties.PROTOCOL : -1;
                case 'a' -> is("authType", start) ? ConnectionProperties.AUTH_TYPE : -1;
                default -> -1;
            };
            case 10 -> is("sdkVersion", start) ? ConnectionProperties.SDK_VERSION : -1;
            case 15 -> is("maskedIpAddress", start) ? ConnectionProperties.MASKED_IP : -1;
            default -> -1;
        };
    }

    /** Whether the text at {@code start} begins with {@code word}, which fits before {@link #n}. */
    private boolean is(String word, int start) {
        for (int i = 0; i < word.length(); i++) {
            if (c[start + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** One value; false when unsure. Kept keys take only strings, or null. */
    private boolean value(ConnectionProperties props, int field) {
        if (p >= n) {
            return false;
        }
        char ch = c[p];
        if (ch == '"') {
            return string(props, field);
        }
        if (ch == 'n') {
            return literal("null");
        }
        if (field >= 0) {
            return false; // a number or boolean where a string is expected: Jackson's text is the reference
        }
        if (ch == 't') {
            return literal("true");
        }
        if (ch == 'f') {
            return literal("false");
        }
        return number(); // or false for '{', '[' and anything else
    }

    private boolean string(ConnectionProperties props, int field) {
        if (field == ConnectionProperties.AUTH_TYPE) {
            return authType(props);
        }
        int start = ++p;
        boolean escaped = false;
        boolean plain = true; // no character ControlCharacters escapes (those below 0x20 are refused anyway)
        while (p < n) {
            char ch = c[p];
            if (ch == '"') {
                if (field >= 0 && p > start) { // empty values count as absent
                    keep(props, field, start, p, escaped, plain);
                }
                p++;
                return true;
            }
            if (ch == '\\') {
                if (!escape()) {
                    return false;
                }
                escaped = true;
                continue;
            }
            if (ch < 0x20) {
                return false;
            }
            if (ch >= 0x7f) {
                plain = false;
            }
            p++;
        }
        return false;
    }

    private void keep(ConnectionProperties props, int field, int start, int end, boolean escaped, boolean plain) {
        if (escaped) {
            props.set(field, unescape(start, end));
            return;
        }
        switch (field) {
            case ConnectionProperties.DEVICE_ID, ConnectionProperties.MODULE_ID -> props.setId(field, c, start, end);
            case ConnectionProperties.SDK_VERSION -> props.setEscaped(field, escaped(sdkVersions.text(c, start, end - start), plain));
            case ConnectionProperties.PROTOCOL -> props.setEscaped(field, escaped(protocols.text(c, start, end - start), plain));
            default -> props.setEscaped(field, escaped(s.substring(start, end), plain));
        }
    }

    /** {@code value} with control characters escaped, unless the scan saw none (the usual case: nothing to do). */
    private static String escaped(String value, boolean plain) {
        return plain ? value : ControlCharacters.escape(value);
    }

    /**
     * The authType string: its raw text is checked like any skipped string, then unescaped and labelled. A raw text
     * identical to the previous row's is neither checked again nor parsed: its label is reused.
     */
    private boolean authType(ConnectionProperties props) {
        int start = ++p;
        if (lastAuthRaw != null) {
            // the previous row's text again, then the closing quote: it was checked then, as it would be now
            int end = start + lastAuthRaw.length;
            if (end < n && c[end] == '"' && Arrays.equals(lastAuthRaw, 0, lastAuthRaw.length, c, start, end)) {
                p = end + 1;
                if (lastAuthLabel != null) {
                    props.authType = lastAuthLabel;
                }
                return true;
            }
        }
        boolean escaped = false;
        while (p < n) {
            char ch = c[p];
            if (ch == '"') {
                int end = p++;
                if (end == start) {
                    return true;
                }
                lastAuthRaw = Arrays.copyOfRange(c, start, end);
                lastAuthLabel = ControlCharacters.escape(
                        AuthTypes.label(escaped ? unescape(start, end) : s.substring(start, end)));
                if (lastAuthLabel != null) {
                    props.authType = lastAuthLabel; // as setAuthLabel, escaped once above
                }
                return true;
            }
            if (ch == '\\') {
                if (!escape()) {
                    return false;
                }
                escaped = true;
                continue;
            }
            if (ch < 0x20) {
                return false;
            }
            p++;
        }
        return false;
    }

    /** The text between {@code start} and {@code end}, whose escapes {@link #escape} has already checked. */
    private String unescape(int start, int end) {
        StringBuilder b = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            char ch = c[i];
            if (ch != '\\') {
                b.append(ch);
                continue;
            }
            char e = c[++i];
            switch (e) {
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    b.append((char) Integer.parseInt(s, i + 1, i + 5, 16));
                    i += 4;
                }
                default -> b.append(e); // " \ /
            }
        }
        return b.toString();
    }

    /** Skips a valid escape sequence at {@link #p} (a backslash); false if it is not one. */
    private boolean escape() {
        if (p + 1 >= n) {
            return false;
        }
        char e = c[p + 1];
        if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') {
            p += 2;
            return true;
        }
        if (e != 'u' || p + 6 > n) {
            return false;
        }
        for (int i = p + 2; i < p + 6; i++) {
            if (!isAsciiHexDigit(c[i])) {
                return false;
            }
        }
        p += 6;
        return true;
    }

    private static boolean isAsciiHexDigit(char ch) {
        return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
    }

    /** -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? as JSON defines it. */
    private boolean number() {
        int start = p;
        take('-');
        if (p >= n) {
            return false;
        }
        char ch = c[p];
        if (ch == '0') {
            p++;
        } else if (ch >= '1' && ch <= '9') {
            skipDigits();
        } else {
            return false;
        }
        if (take('.') && skipDigits() == 0) {
            return false;
        }
        if (take('e') || take('E')) {
            if (!take('+')) {
                take('-');
            }
            if (skipDigits() == 0) {
                return false;
            }
        }
        return p - start <= MAX_NUMBER_LENGTH;
    }

    private int skipDigits() {
        int start = p;
        while (p < n && c[p] >= '0' && c[p] <= '9') {
            p++;
        }
        return p - start;
    }

    private boolean literal(String word) {
        if (!s.startsWith(word, p)) {
            return false;
        }
        p += word.length();
        return true;
    }

    private boolean take(char ch) {
        if (p < n && c[p] == ch) {
            p++;
            return true;
        }
        return false;
    }

    private void skipWhitespace() {
        while (p < n) {
            char ch = c[p];
            if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r') {
                return;
            }
            p++;
        }
    }
}

package io.linkguard.tickets.body;

/**
 * Text a device controls (its SDK version string, the addresses and codes in its log rows, anything quoted from
 * them) made fit for a ticket before any renderer sees it: one line (line breaks, other control characters and
 * bidirectional overrides become spaces) and at most {@code max} characters, cut with "…". Each renderer then
 * escapes it for its own markup.
 */
public final class DeviceText {
    /** An SDK version string, an address, a protocol or a code in a timeline cell. */
    public static final int VALUE_LIMIT = 100;
    /** A reason or an action line that may quote such values. */
    public static final int LINE_LIMIT = 500;

    private DeviceText() {
    }

    public static String line(String text, int max) {
        if (text == null) {
            return null;
        }
        StringBuilder s = new StringBuilder(Math.min(text.length(), max + 1));
        int count = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (count == max) {
                return s.append('…').toString();
            }
            s.appendCodePoint(breaksOrHides(cp) ? ' ' : cp);
            count++;
        }
        return s.toString();
    }

    /** Line breaks (also U+0085, U+2028, U+2029), control characters, and bidi embeddings/overrides/isolates. */
    static boolean breaksOrHides(int cp) {
        return Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029 || (cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F || cp == 0xFEFF;
    }

    /** A text as one line: every line break or hiding character a space (used by the renderers on every inline text). */
    static String oneLine(String text) {
        StringBuilder s = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (breaksOrHides(c)) {
                if (s == null) {
                    s = new StringBuilder(text);
                }
                s.setCharAt(i, ' ');
            }
        }
        return s == null ? text : s.toString();
    }
}

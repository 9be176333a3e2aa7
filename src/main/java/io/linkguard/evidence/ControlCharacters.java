package io.linkguard.evidence;

/**
 * Text from logs, devices or services made safe to print on one line: C0 and C1 control characters (CR, LF, ESC
 * of ANSI sequences, ...), DEL and the Unicode line and paragraph separators become {@code \\uXXXX}, so a value
 * cannot forge lines or recolour a terminal.
 */
public final class ControlCharacters {
    private ControlCharacters() {
    }

    /** {@code text} with every control character escaped; the same String when it has none; null stays null. */
    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029';
            if (control && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                out.append(control ? String.format("\\u%04X", (int) c) : String.valueOf(c));
            }
        }
        return out == null ? text : out.toString();
    }
}

package io.linkguard.remediation.tag;

import java.nio.charset.StandardCharsets;

/** Strings bounded by the bytes they take in the twin's JSON, so the tag stays inside its budget. */
public final class Text {
    private static final String ELLIPSIS = "\u2026";

    private Text() {
    }

    /**
     * The string with control characters replaced by spaces and cut (on a code point) so that its JSON
     * encoding, quotes excluded, takes at most {@code maxJsonBytes}; a cut string ends with an ellipsis.
     */
    public static String clip(String s, int maxJsonBytes) {
        if (s == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(s.length(), maxJsonBytes));
        int used = 0;
        int ellipsis = jsonBytes(ELLIPSIS.codePointAt(0));
        int[] cps = s.codePoints().map(cp -> Character.isISOControl(cp) ? ' ' : cp).toArray();
        int total = 0;
        for (int cp : cps) {
            total += jsonBytes(cp);
        }
        if (total <= maxJsonBytes) {
            return new String(cps, 0, cps.length);
        }
        for (int cp : cps) {
            int n = jsonBytes(cp);
            if (used + n + ellipsis > maxJsonBytes) {
                break;
            }
            out.appendCodePoint(cp);
            used += n;
        }
        return out.append(ELLIPSIS).toString();
    }

    /** Bytes a code point takes inside a JSON string in UTF-8. */
    static int jsonBytes(int cp) {
        if (cp == '"' || cp == '\\') {
            return 2;
        }
        return new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
    }
}

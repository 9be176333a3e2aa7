package io.linkguard.tickets.http;

/** Cutting text to a system's field limit without losing the fact that it was cut. */
public final class Texts {
    private Texts() {
    }

    /** At most {@code max} characters; a cut text ends with a note saying so. */
    public static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        String note = "\n[... cut to " + max + " characters]";
        int end = Math.max(0, max - note.length());
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + note;
    }
}

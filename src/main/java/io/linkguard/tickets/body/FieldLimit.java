package io.linkguard.tickets.body;

/** A ticket field's text cut to the field's limit. */
public final class FieldLimit {
    private FieldLimit() {
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

package io.linkguard.logs;

/** Column-name normalisation shared by the readers. */
final class Columns {
    private Columns() {
    }

    /**
     * The plain Log Analytics column name: trimmed, without a BOM, and without the portal's unit/zone suffix
     * ({@code "TimeGenerated [UTC]"} becomes {@code "TimeGenerated"}). Log Analytics names never contain
     * brackets, so any trailing bracketed suffix is display decoration.
     */
    static String normalise(String raw) {
        if (raw == null) {
            return "";
        }
        String s = raw;
        if (!s.isEmpty() && s.charAt(0) == '\uFEFF') {
            s = s.substring(1);
        }
        s = s.strip();
        if (s.endsWith("]")) {
            int open = s.lastIndexOf('[');
            if (open > 0) {
                s = s.substring(0, open).strip();
            }
        }
        return s;
    }
}

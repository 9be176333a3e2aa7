package io.linkguard.logs;

import java.util.Arrays;
import java.util.Map;

/**
 * One AzureDiagnostics row as read from an export, before any interpretation: column name to text.
 * Readers reuse one header map per file, so a row costs one String array.
 */
public final class RawRow {
    private final Map<String, Integer> columnIndex;
    private final String[] values;
    private final long position;

    public RawRow(Map<String, Integer> columnIndex, String[] values, long position) {
        this.columnIndex = columnIndex;
        this.values = values;
        this.position = position;
    }

    /** The cell's text, or null when the column is absent or the cell is empty/null. */
    public String get(String column) {
        Integer i = columnIndex.get(column);
        if (i == null || i >= values.length) {
            return null;
        }
        String v = values[i];
        return v == null || v.isEmpty() ? null : v;
    }

    /** Characters of cell text held, to bound batches of rows in memory. */
    long textLength() {
        long n = 0;
        for (String v : values) {
            if (v != null) {
                n += v.length();
            }
        }
        return n;
    }

    /** 1-based row number within the input, for error messages. */
    public long position() {
        return position;
    }

    @Override
    public String toString() {
        return "row " + position + " " + Arrays.toString(values);
    }
}

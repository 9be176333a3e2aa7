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
        return i == null ? null : get(i);
    }

    /** The text of the cell at {@link #indexOf a column's index}, or null as {@link #get(String)} says. */
    public String get(int index) {
        if (index < 0 || index >= values.length) {
            return null;
        }
        String v = values[index];
        return v == null || v.isEmpty() ? null : v;
    }

    /** Where {@code column}'s cells are in the rows of this row's {@link #layout}, or -1 when they have none. */
    public int indexOf(String column) {
        Integer i = columnIndex.get(column);
        return i == null ? -1 : i;
    }

    /**
     * The column layout, shared by the rows a reader gives with the same columns (an unchanging object): a sink
     * that meets the same layout again may reuse the {@link #indexOf} answers it got for it.
     */
    public Object layout() {
        return columnIndex;
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

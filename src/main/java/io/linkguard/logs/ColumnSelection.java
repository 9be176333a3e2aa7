package io.linkguard.logs;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns a caller will read from each {@link RawRow}. Readers skip the cells of every other column
 * without building text for them (most of an AzureDiagnostics row is never looked at); such columns read as
 * absent ({@link RawRow#get} returns null). Names are the normalised column names (see {@link Columns}).
 */
public final class ColumnSelection {
    private static final ColumnSelection ALL = new ColumnSelection(null);

    // Each name to itself; null: every column. A HashMap, never changed after construction: readers ask it about
    // every cell of a JSON row, and it compares the parser's interned names by identity first.
    private final Map<String, String> names;

    private ColumnSelection(Collection<String> names) {
        if (names == null) {
            this.names = null;
        } else {
            this.names = new HashMap<>();
            names.forEach(n -> this.names.putIfAbsent(n, n));
        }
    }

    /** Every column, as a generic reader would deliver it. */
    public static ColumnSelection all() {
        return ALL;
    }

    public static ColumnSelection of(String... names) {
        return new ColumnSelection(List.of(names));
    }

    public boolean includes(String name) {
        return names == null || names.containsKey(name);
    }

    /**
     * The selection's own String for a selected name. Readers key their rows' column maps with it, so that a
     * caller looking up a column with the same constant it selected it with matches by identity.
     */
    String canonical(String name) {
        return names == null ? name : names.getOrDefault(name, name);
    }

    @Override
    public String toString() {
        return names == null ? "all columns" : "columns " + names.keySet();
    }
}

package io.linkguard.logs;

import java.util.Collection;
import java.util.Set;

/**
 * The columns a caller will read from each {@link RawRow}. Readers skip the cells of every other column
 * without building text for them (most of an AzureDiagnostics row is never looked at); such columns read as
 * absent ({@link RawRow#get} returns null). Names are the normalised column names (see {@link Columns}).
 */
public final class ColumnSelection {
    private static final ColumnSelection ALL = new ColumnSelection(null);

    private final Set<String> names; // null: every column

    private ColumnSelection(Set<String> names) {
        this.names = names;
    }

    /** Every column, as a generic reader would deliver it. */
    public static ColumnSelection all() {
        return ALL;
    }

    public static ColumnSelection of(Collection<String> names) {
        return new ColumnSelection(Set.copyOf(names));
    }

    public static ColumnSelection of(String... names) {
        return new ColumnSelection(Set.of(names));
    }

    public boolean includes(String name) {
        return names == null || names.contains(name);
    }

    @Override
    public String toString() {
        return names == null ? "all columns" : "columns " + names;
    }
}

package io.linkguard.logs;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ObjIntConsumer;

/**
 * Where the cells of a tabular header's columns go in a row (the CSV header, a query API table's columns):
 * {@code slots[i]} is column i's place in a row's values, or -1 when it is not read; {@code index} maps each
 * read column's name to its place, keyed with the selection's own Strings.
 */
record HeaderLayout(int[] slots, Map<String, Integer> index) {

    /**
     * Lays out {@code names} (normalised; "" for a column without a name). A column is read when it has a name
     * not seen before and the selection includes it; {@code unread} hears of every column without a name or
     * repeating an earlier one's (the first one is used), with its 0-based position, in column order.
     */
    static HeaderLayout of(List<String> names, ColumnSelection selection, ObjIntConsumer<String> unread) {
        int[] slots = new int[names.size()];
        Map<String, Integer> index = new HashMap<>(Math.max(16, names.size() * 2));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < slots.length; i++) {
            String name = names.get(i);
            slots[i] = -1;
            if (name.isEmpty() || !seen.add(name)) {
                unread.accept(name, i);
            } else if (selection.includes(name)) {
                slots[i] = index.size();
                index.put(selection.canonical(name), slots[i]);
            }
        }
        return new HeaderLayout(slots, Collections.unmodifiableMap(index));
    }
}

package io.linkguard.evidence;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Distinct values in the order first seen. Most events repeat the previous event's value: that costs one comparison. */
final class FirstSeen {
    private final Set<String> values = new LinkedHashSet<>();
    private String last;

    void add(String value) {
        if (value != null && value != last) {
            last = value;
            values.add(value);
        }
    }

    int size() {
        return values.size();
    }

    /** The first {@code n} values, in the order first seen. */
    List<String> first(int n) {
        return values.stream().limit(n).toList();
    }
}

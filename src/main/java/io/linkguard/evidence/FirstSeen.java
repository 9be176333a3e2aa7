package io.linkguard.evidence;

import java.util.ArrayList;
import java.util.Collections;
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
        List<String> first = new ArrayList<>(Math.min(n, values.size()));
        for (String v : values) {
            if (first.size() == n) {
                break;
            }
            first.add(v);
        }
        return Collections.unmodifiableList(first);
    }
}

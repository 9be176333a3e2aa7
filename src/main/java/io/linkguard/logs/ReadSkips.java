package io.linkguard.logs;

import java.util.LinkedHashMap;
import java.util.Map;

/** Rows a reader found but could not deliver, counted by reason (kebab-case labels, part of the JSON contract). */
final class ReadSkips {
    static final String NOT_A_ROW = "not-a-row";
    static final String CUT_ROW = "cut-row";
    static final String ROWS_WITHOUT_COLUMNS = "rows-without-columns";

    private final Map<String, Long> counts = new LinkedHashMap<>();

    void add(String reason, long n) {
        if (n > 0) {
            counts.merge(reason, n, Long::sum);
        }
    }

    void add(String reason) {
        add(reason, 1);
    }

    Map<String, Long> counts() {
        return counts;
    }
}

package io.linkguard.logs;

import java.util.ArrayList;
import java.util.List;

/** Collects warnings, keeping the first {@link #CAP} and counting the rest. */
final class Warnings {
    static final int CAP = 20;
    private final List<String> kept = new ArrayList<>();
    private long total;

    void add(String message) {
        total++;
        if (kept.size() < CAP) {
            kept.add(message);
        }
    }

    long total() {
        return total;
    }

    List<String> toList() {
        if (total <= kept.size()) {
            return kept;
        }
        List<String> out = new ArrayList<>(kept);
        out.add("... and " + (total - kept.size()) + " more warnings (" + total + " in all)");
        return out;
    }
}

package io.linkguard.evidence;

import java.util.List;
import java.util.Map;

/**
 * What was read: rows found, rows used, rows skipped by reason ({@code rows = used + sum(skipped)}), the source
 * format, and whether the input was complete ({@code incompleteBecause} is null when it was). A plan on incomplete
 * input must not be enforced blindly, and resolves nothing.
 */
public record InputSummary(String source, long rows, long used, Map<String, Long> skipped, List<String> warnings,
                           String incompleteBecause) {

    /** True when not a single row could be used: the input was empty, unrecognised or wholly unusable. */
    public boolean unusable() {
        return used == 0;
    }
}

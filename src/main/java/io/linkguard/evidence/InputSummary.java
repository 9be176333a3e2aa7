package io.linkguard.evidence;

import java.util.List;
import java.util.Map;

/**
 * What was read: rows seen, rows used, rows skipped by reason, the source format, and whether the input
 * was complete ({@code incompleteBecause} is null when it was). A plan on incomplete input must not be
 * enforced blindly.
 */
public record InputSummary(String source, long rows, long used, Map<String, Long> skipped, List<String> warnings,
                           String incompleteBecause) {
}

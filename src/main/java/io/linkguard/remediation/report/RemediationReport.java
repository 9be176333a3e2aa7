package io.linkguard.remediation.report;

import io.linkguard.remediation.safety.Mode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of one remediation run: per hub, per identity (what was done, would be done, failed or was
 * skipped, and why), and counts by action and outcome. What the CLI prints and the Functions app logs.
 *
 * @param unreadableTags twins whose {@code tags.linkguard} could not be read and was treated as absent
 */
public record RemediationReport(String runId, Mode mode, Instant started, Instant finished, boolean inputComplete,
                                List<HubResult> hubs, List<IdentityResult> identities, int unreadableTags,
                                List<String> notes) {

    /** action -> outcome -> identities, e.g. {@code backoff -> sent-desired -> 3}. */
    public Map<String, Map<String, Integer>> counts() {
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        for (IdentityResult r : identities) {
            for (ActionResult a : r.actions()) {
                counts.computeIfAbsent(a.action(), k -> new TreeMap<>()).merge(a.outcome(), 1, Integer::sum);
            }
        }
        return counts;
    }

    public Map<String, Integer> statuses() {
        Map<String, Integer> counts = new TreeMap<>();
        for (IdentityResult r : identities) {
            counts.merge(r.status().label(), 1, Integer::sum);
        }
        return counts;
    }

    /** Every write of the run, in identity order. */
    public List<HubWrite> writes() {
        return identities.stream().flatMap(r -> r.writes().stream()).toList();
    }

    public boolean anyFailed() {
        return identities.stream().anyMatch(r -> r.status() == IdentityResult.Status.FAILED);
    }

    public boolean anyGuarded() {
        return hubs.stream().anyMatch(h -> h.status() == HubResult.Status.GUARDED);
    }
}

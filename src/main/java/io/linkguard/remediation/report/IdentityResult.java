package io.linkguard.remediation.report;

import io.linkguard.evidence.Identity;
import io.linkguard.remediation.tag.BackoffState;
import io.linkguard.remediation.tag.Stage;
import java.util.List;

/**
 * What a run did (or would do) for one identity, and why.
 *
 * @param classification this run's class, or the tag's when there was no finding; null when neither
 * @param verification   the verdict this run reached on an earlier back-off, or null when it judged none
 */
public record IdentityResult(Identity identity, String classification, Stage stageBefore, Stage stageAfter,
                             Status status, String why, List<ActionResult> actions, List<HubWrite> writes,
                             BackoffState.Verdict verification) {

    public enum Status {
        /** Everything decided was done. */
        DONE("done"),
        /** Dry-run: the writes listed would be made. */
        WOULD_DO("would-do"),
        /** Observe mode: classified and reported only. */
        OBSERVED("observed"),
        /** Nothing needed this run (cooldown, quiet not long enough, already up to date). */
        NOTHING("nothing"),
        /** Left alone on purpose: suppressed, capped, fleet guard, not in the hub... */
        SKIPPED("skipped"),
        /** A fault (429, 5xx, timeout, repeated 412) stopped it; the tag stays consistent and a later run retries. */
        FAILED("failed");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}

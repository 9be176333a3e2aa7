package io.linkguard.remediation.report;

/**
 * One action on one identity and how it ended, e.g. {@code backoff / sent-desired}, {@code tag / written},
 * {@code ticket / opened}, {@code skip / suppressed}. The report counts these by action and outcome.
 */
public record ActionResult(String action, String outcome, String detail) {
}

package io.linkguard.remediation.ladder;

import io.linkguard.remediation.tag.LinkGuardTag;

/**
 * The ladder's answer for one identity: the step, the tag as it should read once the step is done (before
 * the step's own outcome is added), and why, in words for the report.
 */
public record Decision(Step step, LinkGuardTag target, String why) {
}

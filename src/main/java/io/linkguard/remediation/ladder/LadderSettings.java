package io.linkguard.remediation.ladder;

import java.time.Duration;

/**
 * The ladder's timing: how long a faulty identity stays tagged before its back-off ({@code confirm}), how
 * long a back-off runs before it is judged ({@code verifyAfter}) and by how much the conflict rate must
 * fall ({@code minDrop}, 0..1), how often an open ticket is updated, how long an identity must be quiet to
 * be resolved, how long a back-off holds, and how long a back-off another run decided is left to that run
 * ({@code claim}: longer than the run can take between recording and delivering it).
 */
public record LadderSettings(Duration confirm, Duration verifyAfter, double minDrop, Duration ticketRefresh,
                             Duration quiet, Duration hold, Duration claim) {

    public static final LadderSettings DEFAULTS = new LadderSettings(Duration.ofMinutes(10), Duration.ofMinutes(60),
            0.5, Duration.ofHours(6), Duration.ofHours(24), Duration.ofMinutes(60), Duration.ofSeconds(75));
}

package io.linkguard.remediation;

import io.linkguard.evidence.Identity;
import io.linkguard.remediation.backoff.CommandIds;
import io.linkguard.remediation.ladder.Ladder;
import io.linkguard.remediation.ladder.RunInfo;
import io.linkguard.remediation.safety.RunBudget;
import io.linkguard.remediation.safety.Usage;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * What every identity of one run shares: settings, the run's time (every decision and timestamp of a run uses
 * the moment it started), its id, the caps (starting from what earlier runs spent within the window), the
 * effects, job states already asked for, and whether the ticket sink said it is misconfigured (reported once,
 * then not called again this run).
 */
final class RunContext {
    final RemediationSettings settings;
    final Instant now;
    final String runId;
    final RunBudget budget;
    final Effects effects;
    final Ladder ladder;
    final boolean inputComplete;
    final Map<String, JobResult> jobs = new ConcurrentHashMap<>();
    final AtomicBoolean ticketsMisconfigured = new AtomicBoolean();
    final AtomicInteger unreadableTags = new AtomicInteger();
    /** Identities whose ticket is their cohort's (LINKGUARD_COHORT_TICKETS=fold), with that ticket's key. */
    final Map<Identity, String> foldedInto = new ConcurrentHashMap<>();

    RunContext(RemediationSettings settings, Instant now, String runId, Effects effects, boolean inputComplete,
               Usage earlier) {
        this.settings = settings;
        this.now = now;
        this.runId = runId;
        this.budget = new RunBudget(settings.maxBackoffsPerRun(), settings.maxTicketsPerRun(), settings.maxTagWritesPerRun(),
                earlier);
        this.effects = effects;
        this.ladder = new Ladder(settings.ladder());
        this.inputComplete = inputComplete;
    }

    RunInfo runInfo() {
        return new RunInfo(now, runId, inputComplete);
    }

    Supplier<String> commandIds(Identity identity) {
        return () -> CommandIds.of(now, identity.display());
    }

    JobResult jobStatus(String hub, String jobId) {
        return jobs.computeIfAbsent(hub + "/" + jobId, k -> effects.jobStatus(hub, jobId));
    }
}

package io.linkguard.remediation;

import io.linkguard.evidence.Identity;
import io.linkguard.plan.Finding;
import io.linkguard.remediation.ladder.Decision;
import io.linkguard.remediation.ladder.Ladder;
import io.linkguard.remediation.report.ActionResult;
import io.linkguard.remediation.report.HubWrite;
import io.linkguard.remediation.report.IdentityResult;
import io.linkguard.remediation.safety.RunBudget;
import io.linkguard.remediation.safety.Suppressions;
import io.linkguard.remediation.tag.BackoffState;
import io.linkguard.remediation.tag.LinkGuardTag;
import io.linkguard.remediation.tag.MergePatch;
import io.linkguard.remediation.tag.Stage;
import io.linkguard.remediation.tag.TagCodec;
import io.linkguard.remediation.tag.TagReading;
import io.linkguard.tickets.TicketOutcome;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One identity through one run: read its twin, decide, act, and on a 412 re-read and re-decide (at most
 * {@link #MAX_ATTEMPTS} times). Writes are ordered so that a fault at any point leaves a tag a later run
 * can continue from. Remembers within the run what it already did (method answered, desired written,
 * ticket raised), so a re-decision after a 412 does not repeat it.
 */
final class IdentityRun {
    static final int MAX_ATTEMPTS = 3;

    enum Flow { DONE, NOTHING, SKIPPED, FAILED, CONFLICT }

    enum TagWrite { UNCHANGED, WRITTEN, CONFLICT, FAILED, CAPPED }

    final RunContext ctx;
    final Identity identity;
    final Finding finding;
    TwinState twin;
    Decision decision;
    private LinkGuardTag decidedOn;
    Stage stageBefore = Stage.OBSERVE;
    final List<ActionResult> actions = new ArrayList<>();
    final List<HubWrite> writes = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private IdentityResult result;
    String lastFailure;

    // what this run already did, kept across re-decisions
    MethodResult methodResult;
    boolean desiredWritten;
    TicketOutcome ticketOutcome;

    private final Map<RunBudget.Kind, Integer> reserved = new EnumMap<>(RunBudget.Kind.class);
    private final Map<RunBudget.Kind, Integer> used = new EnumMap<>(RunBudget.Kind.class);

    IdentityRun(RunContext ctx, Identity identity, Finding finding) {
        this.ctx = ctx;
        this.identity = identity;
        this.finding = finding;
    }

    boolean finished() {
        return result != null;
    }

    IdentityResult result() {
        return result;
    }

    /** Reads the twin and decides; false when the identity is finished already (skipped or failed). */
    boolean prepare() {
        if (!read()) {
            return false;
        }
        stageBefore = twin.tag() == null ? Stage.OBSERVE : twin.tag().stage();
        if (twin.reading instanceof TagReading.Unreadable u) {
            ctx.unreadableTags.incrementAndGet();
            notes.add("tags.linkguard unreadable (" + u.problem() + "): treated as absent");
        }
        return decide();
    }

    /** Acts on the decision until done, re-reading and re-deciding after a 412. */
    IdentityResult execute() {
        if (finished()) {
            return result;
        }
        try {
            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                Flow flow = perform();
                if (flow != Flow.CONFLICT) {
                    return finish(flow, decision.why());
                }
                if (attempt < MAX_ATTEMPTS && !reread()) {
                    return result;
                }
            }
            actions.add(new ActionResult(actionName(), "conflict", "412 " + MAX_ATTEMPTS + " times"));
            return finish(Flow.FAILED, "the twin changed under every write (412 " + MAX_ATTEMPTS
                    + " times): a later run retries");
        } catch (RuntimeException e) {
            actions.add(new ActionResult(actionName(), "error", Effects.describe(e)));
            return finish(Flow.FAILED, "unexpected " + Effects.describe(e) + "; the tag is left as the last write made it");
        }
    }

    /** Runs a step of this identity outside {@link #execute()}: an unexpected error fails the identity, not the run. */
    void guarded(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            actions.add(new ActionResult(actionName(), "error", Effects.describe(e)));
            finish(Flow.FAILED, "unexpected " + Effects.describe(e) + "; the tag is left as the last write made it");
        }
    }

    /** Ends the identity's run without acting (suppressed, fleet guard, out of scope...). */
    IdentityResult skip(String outcome, String why) {
        actions.add(new ActionResult("skip", outcome, why));
        return finish(Flow.SKIPPED, why);
    }

    IdentityResult finish(Flow flow, String why) {
        if (result != null) {
            return result;
        }
        IdentityResult.Status status = switch (flow) {
            case DONE -> ctx.effects.dryRun() ? IdentityResult.Status.WOULD_DO : IdentityResult.Status.DONE;
            case NOTHING -> IdentityResult.Status.NOTHING;
            case SKIPPED -> IdentityResult.Status.SKIPPED;
            case FAILED, CONFLICT -> IdentityResult.Status.FAILED;
        };
        List<String> parts = new ArrayList<>(notes);
        if (lastFailure != null && flow == Flow.FAILED) {
            parts.add(lastFailure);
        }
        parts.add(why);
        LinkGuardTag after = twin == null ? null : twin.tag();
        String classification = finding != null ? finding.verdict().classification().label()
                : after != null ? after.classification() : null;
        releaseUnused();
        result = new IdentityResult(identity, classification, stageBefore, after == null ? Stage.OBSERVE : after.stage(),
                status, String.join("; ", parts), List.copyOf(actions), List.copyOf(writes),
                flow == Flow.DONE ? newVerdict() : null);
        return result;
    }

    /** The verdict on an earlier back-off that this run's decision adds to the tag, if it adds one. */
    private BackoffState.Verdict newVerdict() {
        BackoffState target = decision == null || decision.target() == null ? null : decision.target().backoff();
        if (target == null || target.verdict() == null) {
            return null;
        }
        BackoffState observed = decidedOn == null ? null : decidedOn.backoff();
        return observed != null && observed.verdict() == target.verdict() ? null : target.verdict();
    }

    /** After a 412: the twin again, and a new decision; false when that finished the identity. */
    boolean reread() {
        return read() && decide();
    }

    private boolean read() {
        Optional<TwinView> view;
        try {
            view = ctx.effects.gateway().readTwin(identity);
        } catch (RuntimeException e) {
            actions.add(new ActionResult("read", "failed", Effects.describe(e)));
            finish(Flow.FAILED, "twin not readable (" + Effects.describe(e) + "): a later run retries");
            return false;
        }
        if (view.isEmpty()) {
            skip("not-found", "no such identity in the hub's registry");
            return false;
        }
        twin = new TwinState(view.get());
        return true;
    }

    private boolean decide() {
        Suppressions.TagSuppression suppression = Suppressions.byTag(twin.suppression, ctx.now);
        if (suppression.suppressed()) {
            skip("suppressed", suppression.note());
            return false;
        }
        if (suppression.note() != null && !notes.contains(suppression.note())) {
            notes.add(suppression.note());
        }
        if (twin.reading instanceof TagReading.Unsupported u) {
            skip("unsupported-tag", "tags.linkguard has schema version " + u.version()
                    + " from a newer LinkGuard: left alone");
            return false;
        }
        decidedOn = twin.tag();
        decision = ctx.ladder.decide(finding, decidedOn, ctx.runInfo(), ctx.commandIds(identity));
        return true;
    }

    private Flow perform() {
        return switch (decision.step()) {
            case NONE -> Flow.NOTHING;
            case TAG -> tagStep(decision.target(), "tag");
            case BACKOFF, DELIVER_PENDING -> BackoffSteps.backoff(this);
            case TRACK_JOB -> BackoffSteps.trackJob(this);
            case TICKET -> TicketSteps.raise(this);
            case RESOLVE -> TicketSteps.resolve(this);
        };
    }

    String actionName() {
        if (decision == null) {
            return "read";
        }
        return switch (decision.step()) {
            case NONE, TAG -> "tag";
            case BACKOFF, DELIVER_PENDING, TRACK_JOB -> "backoff";
            case TICKET -> "ticket";
            case RESOLVE -> "resolve";
        };
    }

    /** Writes {@code target} as a tag-only step. */
    Flow tagStep(LinkGuardTag target, String action) {
        return switch (writeTag(target)) {
            case UNCHANGED -> Flow.NOTHING;
            case WRITTEN -> {
                actions.add(new ActionResult(action, outcome("written"), null));
                yield Flow.DONE;
            }
            case CONFLICT -> Flow.CONFLICT;
            case CAPPED -> {
                actions.add(new ActionResult("skip", "cap", capNote(RunBudget.Kind.TAG_WRITES)));
                yield Flow.SKIPPED;
            }
            case FAILED -> {
                actions.add(new ActionResult(action, "failed", lastFailure));
                yield Flow.FAILED;
            }
        };
    }

    /**
     * An action its caps left out ({@code cap}, else the tag writes): noted, and the tag still records this
     * run's observation. CONFLICT or FAILED when that write is, else SKIPPED.
     */
    Flow capped(String action, RunBudget.Kind cap) {
        RunBudget.Kind kind = ctx.budget.used(cap) >= ctx.budget.cap(cap) ? cap : RunBudget.Kind.TAG_WRITES;
        actions.add(new ActionResult(action, "capped", capNote(kind)));
        Flow observed = tagStep(observationOnly(), "tag");
        return observed == Flow.CONFLICT || observed == Flow.FAILED ? observed : Flow.SKIPPED;
    }

    /** The tag with only this run's observation: what is written when an action is capped or deferred. */
    LinkGuardTag observationOnly() {
        if (finding == null || finding.actions().isEmpty()) {
            return twin.tag();
        }
        return Ladder.observe(twin.tag(), finding, ctx.now);
    }

    /** Writes the tag to read {@code target}, as a minimal merge-patch; the run id changes only with something else. */
    TagWrite writeTag(LinkGuardTag target) {
        if (target == null) {
            return TagWrite.UNCHANGED;
        }
        Map<String, Object> full = TagCodec.encode(target.withRunId(ctx.runId));
        Map<String, Object> patch = MergePatch.diff(twin.rawTag, full);
        if (patch.isEmpty() || patch.size() == 1 && patch.containsKey(TagCodec.RUN_ID)) {
            return TagWrite.UNCHANGED;
        }
        int size = TagCodec.sizeBytes(full);
        if (size > TagCodec.MAX_TAG_BYTES) {
            lastFailure = "tag of " + size + " bytes exceeds LinkGuard's budget of " + TagCodec.MAX_TAG_BYTES;
            return TagWrite.FAILED;
        }
        if (!reserve(RunBudget.Kind.TAG_WRITES, 1)) {
            return TagWrite.CAPPED;
        }
        use(RunBudget.Kind.TAG_WRITES);
        WriteResult r = ctx.effects.patchTag(identity, twin.etag, patch, writes);
        return switch (r.status()) {
            case WRITTEN -> {
                twin.tagWritten(r.newEtag(), patch);
                yield TagWrite.WRITTEN;
            }
            case PRECONDITION_FAILED -> TagWrite.CONFLICT;
            case NOT_FOUND -> {
                lastFailure = "identity deleted while LinkGuard wrote its tag";
                yield TagWrite.FAILED;
            }
            case THROTTLED, FAILED -> {
                lastFailure = "tag write " + r.status().name().toLowerCase() + (r.detail() == null || r.detail().isEmpty()
                        ? "" : " (" + r.detail() + ")") + ": a later run retries";
                yield TagWrite.FAILED;
            }
        };
    }

    /** Reserves what an action needs; all or nothing. */
    boolean reserve(RunBudget.Kind kind, int amount) {
        int have = reserved.getOrDefault(kind, 0) - used.getOrDefault(kind, 0);
        if (have >= amount) {
            return true;
        }
        if (!ctx.budget.tryReserve(kind, amount - have)) {
            return false;
        }
        reserved.merge(kind, amount - have, Integer::sum);
        return true;
    }

    boolean reserve(RunBudget.Kind kind, int amount, RunBudget.Kind kind2, int amount2) {
        Map<RunBudget.Kind, Integer> before = new EnumMap<>(reserved);
        if (reserve(kind, amount) && reserve(kind2, amount2)) {
            return true;
        }
        for (RunBudget.Kind k : RunBudget.Kind.values()) {
            int extra = reserved.getOrDefault(k, 0) - before.getOrDefault(k, 0);
            if (extra > 0) {
                ctx.budget.release(k, extra);
                reserved.put(k, before.getOrDefault(k, 0));
            }
        }
        return false;
    }

    void use(RunBudget.Kind kind) {
        used.merge(kind, 1, Integer::sum);
        if (used.get(kind) > reserved.getOrDefault(kind, 0)) {
            ctx.budget.consume(kind, 1);
            reserved.merge(kind, 1, Integer::sum);
        }
    }

    /** Gives back a reservation an action did not need after all (a disabled ticket sink...). */
    void unreserve(RunBudget.Kind kind, int amount) {
        int free = reserved.getOrDefault(kind, 0) - used.getOrDefault(kind, 0);
        int give = Math.min(free, amount);
        if (give > 0) {
            ctx.budget.release(kind, give);
            reserved.merge(kind, -give, Integer::sum);
        }
    }

    private void releaseUnused() {
        for (RunBudget.Kind k : RunBudget.Kind.values()) {
            unreserve(k, Integer.MAX_VALUE);
        }
    }

    String capNote(RunBudget.Kind kind) {
        return kind.setting() + " (" + ctx.budget.cap(kind) + " per hub per " + ctx.settings.capWindow().toMinutes()
                + " min) reached: a later run continues";
    }

    /** An outcome label, prefixed with "would-" in dry-run. */
    String outcome(String label) {
        return ctx.effects.dryRun() ? "would-" + label : label;
    }
}

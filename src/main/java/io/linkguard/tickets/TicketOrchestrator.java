package io.linkguard.tickets;

import io.linkguard.classification.Classification;
import io.linkguard.tickets.TicketContent.Event;
import io.linkguard.tickets.TicketOutcome.Kind;
import io.linkguard.tickets.TicketState.Status;
import io.linkguard.tickets.body.TicketDocument;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@link TicketPort} over one or more {@link TicketSink}s: the ticket behaviour in one place.
 *
 * <ul>
 *   <li>Dedupe: the sink is searched by key before anything is created, and searched again right after a
 *   create; when two runs raced, the oldest ticket is kept and the others are closed as its duplicates,
 *   by both runs alike. Every raise also closes duplicates it finds, so a run that crashed between create
 *   and re-check is cleaned up by the next. The reference remembered in the twin tag is checked against
 *   the sink: a ticket the search misses (label removed by hand) is still found through it.</li>
 *   <li>Updates: at most one per key per {@link TicketPolicy#updatePeriod()} after the ticket's last
 *   change (by anyone), unless the class changed.</li>
 *   <li>A closed ticket whose problem returns is reopened (within the reopen window) or replaced by a new
 *   one that links it, per {@link TicketPolicy#reopen()}.</li>
 *   <li>Failures never lose a ticket: the outcome is PENDING with the state to remember, and the next run
 *   repeats the step (idempotent thanks to the search). A misconfigured sink is reported once per run
 *   (one MISCONFIGURED outcome and one log line) and not called again in that run; a rate-limited sink is
 *   left alone until its Retry-After; a sink failing {@code failuresBeforePause} times in a row is left
 *   alone for the rest of the run.</li>
 * </ul>
 * {@code raise} needs the request's finding; {@code resolve} works without one (a quiet identity).
 * Thread-safe: one instance serves a whole run, and two instances (two runs) may race.
 */
public final class TicketOrchestrator implements TicketPort {
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(60);

    private final List<Slot> slots;
    private final List<String> names;
    private final TicketPolicy policy;
    private final Clock clock;
    private final TicketLog log;
    private final Redactor redactor;
    private final boolean dryRun;

    private record Slot(TicketSink sink, SinkHealth health) {
    }

    private record Result(String sink, Kind kind, TicketState state, String detail) {
    }

    private TicketOrchestrator(Builder b) {
        if (b.sinks.isEmpty()) {
            throw new IllegalArgumentException("at least one sink");
        }
        this.policy = b.policy;
        this.clock = b.clock;
        this.log = b.log;
        this.redactor = b.redactor;
        this.dryRun = b.dryRun;
        List<Slot> s = new ArrayList<>();
        List<String> n = new ArrayList<>();
        for (TicketSink sink : b.sinks) {
            if (n.contains(sink.name())) {
                throw new IllegalArgumentException("sink " + sink.name() + " given twice");
            }
            s.add(new Slot(dryRun ? new DryRunSink(sink, log, clock) : sink, new SinkHealth(policy.failuresBeforePause())));
            n.add(sink.name());
        }
        this.slots = List.copyOf(s);
        this.names = List.copyOf(n);
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<String> sinkNames() {
        return names;
    }

    @Override
    public TicketOutcome raise(TicketRequest request) {
        return run(request, true);
    }

    @Override
    public TicketOutcome resolve(TicketRequest request) {
        return run(request, false);
    }

    private TicketOutcome run(TicketRequest request, boolean raise) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(request.key(), "request.key");
        if (raise) {
            if (request.finding() == null && request.cohort() == null) {
                throw new NullPointerException("request.finding (raise needs the evidence)");
            }
        }
        Map<String, TicketState> previous = SinkStates.split(request.previous(), names);
        Map<String, TicketState> states = new LinkedHashMap<>();
        List<Result> results = new ArrayList<>();
        for (Slot slot : slots) {
            Result r = step(slot, request, previous.get(slot.sink().name()), raise);
            results.add(r);
            states.put(r.sink(), r.state());
        }
        Kind kind = results.stream().map(Result::kind).min(Comparator.comparingInt(TicketOrchestrator::rank))
                .orElse(Kind.UNCHANGED);
        String detail = results.size() == 1 ? results.get(0).detail()
                : results.stream().map(r -> r.sink() + ": " + r.detail()).collect(Collectors.joining("; "));
        return new TicketOutcome(kind, SinkStates.join(names, states, label(request)),
                redactor.scrub((dryRun ? "dry run: " : "") + detail));
    }

    /** Lower is more important for the caller to see. */
    private static int rank(Kind k) {
        return switch (k) {
            case MISCONFIGURED -> 0;
            case PENDING -> 1;
            case REOPENED -> 2;
            case OPENED -> 3;
            case UPDATED -> 4;
            case RESOLVED -> 5;
            case UNCHANGED -> 6;
            case DISABLED -> 7;
        };
    }

    private Result step(Slot slot, TicketRequest req, TicketState prev, boolean raise) {
        String name = slot.sink().name();
        Instant now = clock.instant();
        String skip = slot.health().skipReason(req.runId(), now);
        if (skip != null) {
            return pending(name, prev, req, skip);
        }
        try {
            Result r;
            if (slot.sink().searchable()) {
                r = raise ? raiseTracked(slot.sink(), req, prev, now) : resolveTracked(slot.sink(), req, prev, now);
            } else {
                r = raise ? raiseUntracked(slot.sink(), req, prev, now) : resolveUntracked(slot.sink(), req, prev, now);
            }
            slot.health().succeeded();
            return r;
        } catch (TicketSinkException e) {
            String msg = redactor.scrub(e.getMessage());
            switch (e.kind()) {
                case MISCONFIGURED -> {
                    if (slot.health().misconfigured(req.runId(), msg)) {
                        log.warn("ticket sink " + name + " is misconfigured: " + msg + ". No more calls to it in run "
                                + req.runId() + "; its tickets stay pending until the next run.");
                        return new Result(name, Kind.MISCONFIGURED, pendingState(name, prev, req), msg);
                    }
                    return pending(name, prev, req, "misconfigured (reported earlier in this run): " + msg);
                }
                case RATE_LIMITED -> {
                    Duration wait = e.retryAfter().orElse(DEFAULT_RETRY_AFTER);
                    slot.health().rateLimited(now, wait);
                    log.info("ticket sink " + name + " is rate limited for " + wait.toSeconds() + " s: " + msg);
                    return pending(name, prev, req, msg + " (retried next run)");
                }
                case REJECTED -> {
                    log.warn("ticket sink " + name + " rejected the ticket for " + req.key().value() + ": " + msg);
                    return pending(name, prev, req, msg + " (retried next run)");
                }
                default -> {
                    slot.health().failed(req.runId());
                    return pending(name, prev, req, msg + " (retried next run)");
                }
            }
        } catch (RuntimeException e) {
            slot.health().failed(req.runId());
            String msg = "unexpected " + e.getClass().getSimpleName() + ": " + redactor.scrub(String.valueOf(e.getMessage()));
            log.warn("ticket sink " + name + " failed for " + req.key().value() + ": " + msg);
            return pending(name, prev, req, msg + " (retried next run)");
        }
    }

    // ---- sinks that can be searched (ServiceNow, Azure DevOps, GitHub) ----

    private Result raiseTracked(TicketSink sink, TicketRequest req, TicketState prev, Instant now) throws TicketSinkException {
        String name = sink.name();
        boolean sameClass = sameClass(prev, req);
        String prevRef = prev == null ? null : prev.reference();
        List<RemoteTicket> open = new ArrayList<>(sink.findOpen(req.key()));
        RemoteTicket remembered = null;
        if (sameClass && prevRef != null && open.stream().noneMatch(t -> t.reference().equals(prevRef))) {
            remembered = sink.get(prevRef).orElse(null);
            if (remembered != null && remembered.open()) {
                open.add(remembered);
            }
        }
        List<String> notes = new ArrayList<>();
        Result result;
        RemoteTicket kept;
        if (!open.isEmpty()) {
            open.sort(RemoteTicket.OLDEST_FIRST);
            kept = open.get(0);
            closeDuplicates(sink, req, open.subList(1, open.size()), kept, notes);
            Instant lastWrite = latest(prev != null && kept.reference().equals(prevRef) ? prev.lastUpdate() : null,
                    kept.updated());
            if (!sameClass || lastWrite == null || !now.isBefore(lastWrite.plus(policy.updatePeriod()))) {
                sink.update(kept, content(Event.UPDATED, req.key(), req, TicketBodies.update(req)));
                result = new Result(name, Kind.UPDATED, open(name, kept, now, req), "updated " + kept.displayId());
            } else {
                result = new Result(name, Kind.UNCHANGED, open(name, kept, lastWrite, req), kept.displayId()
                        + " last changed " + lastWrite + "; next update after " + lastWrite.plus(policy.updatePeriod()));
            }
        } else if (remembered != null && remembered.reopenable() && policy.reopen() == TicketPolicy.Reopen.REOPEN
                && closedRecently(remembered.updated(), prev, now)) {
            kept = remembered;
            sink.reopen(kept, withAppendix(Event.REOPENED, req, TicketBodies.reopened(req)));
            result = new Result(name, Kind.REOPENED, open(name, kept, now, req), "reopened " + kept.displayId());
        } else {
            RemoteTicket created = sink.create(req.key(), withAppendix(Event.OPENED, req, TicketBodies.opening(req, remembered)));
            kept = reconcileAfterCreate(sink, req, created, notes);
            result = kept.reference().equals(created.reference())
                    ? new Result(name, Kind.OPENED, open(name, kept, now, req), "opened " + kept.displayId())
                    : new Result(name, Kind.UNCHANGED, open(name, kept, now, req), kept.displayId()
                    + " was opened by a concurrent run; " + created.displayId() + " closed as its duplicate");
        }
        if (!sameClass && prevRef != null) {
            supersede(sink, req, prev, kept, notes);
        }
        return withNotes(result, notes);
    }

    private RemoteTicket reconcileAfterCreate(TicketSink sink, TicketRequest req, RemoteTicket created, List<String> notes) {
        List<RemoteTicket> after;
        try {
            after = new ArrayList<>(sink.findOpen(req.key()));
        } catch (TicketSinkException e) {
            notes.add("could not re-check for a concurrent duplicate (" + redactor.scrub(e.getMessage())
                    + "); the next run does");
            return created;
        }
        if (after.stream().noneMatch(t -> t.reference().equals(created.reference()))) {
            after.add(created);
        }
        after.sort(RemoteTicket.OLDEST_FIRST);
        RemoteTicket kept = after.get(0);
        List<RemoteTicket> others = new ArrayList<>(after.subList(1, after.size()));
        closeDuplicates(sink, req, others, kept, kept.reference().equals(created.reference()) ? notes : new ArrayList<>());
        return kept;
    }

    private void closeDuplicates(TicketSink sink, TicketRequest req, List<RemoteTicket> duplicates, RemoteTicket kept,
                                 List<String> notes) {
        for (RemoteTicket dup : duplicates) {
            try {
                sink.closeAsDuplicate(dup, kept, content(Event.DUPLICATE, req.key(), req, TicketBodies.duplicate(req, kept)));
                notes.add("closed " + dup.displayId() + " as a duplicate of " + kept.displayId());
            } catch (TicketSinkException e) {
                notes.add("could not close duplicate " + dup.displayId() + " (" + redactor.scrub(e.getMessage())
                        + "); the next run tries again");
            }
        }
    }

    private void supersede(TicketSink sink, TicketRequest req, TicketState prev, RemoteTicket successor, List<String> notes) {
        try {
            Optional<RemoteTicket> old = sink.get(prev.reference());
            if (old.isPresent() && old.get().open() && !old.get().reference().equals(successor.reference())) {
                sink.resolve(old.get(), content(Event.SUPERSEDED, previousKey(req, prev), req,
                        TicketBodies.superseded(req, successor)));
                notes.add("closed " + old.get().displayId() + " of the previous class " + prev.classification());
            }
        } catch (TicketSinkException e) {
            notes.add("could not close the ticket of the previous class (" + redactor.scrub(e.getMessage()) + ")");
        }
    }

    private Result resolveTracked(TicketSink sink, TicketRequest req, TicketState prev, Instant now) throws TicketSinkException {
        String name = sink.name();
        List<RemoteTicket> open = new ArrayList<>(sink.findOpen(req.key()));
        String prevRef = prev == null ? null : prev.reference();
        RemoteTicket previousClass = null;
        if (prevRef != null && open.stream().noneMatch(t -> t.reference().equals(prevRef))) {
            RemoteTicket remembered = sink.get(prevRef).filter(RemoteTicket::open).orElse(null);
            if (remembered != null && sameClass(prev, req)) {
                open.add(remembered);
            } else {
                previousClass = remembered;
            }
        }
        if (open.isEmpty() && previousClass == null) {
            return new Result(name, Kind.UNCHANGED, resolvedCopy(name, prev, req), "no open ticket");
        }
        List<String> resolved = new ArrayList<>();
        if (previousClass != null) {
            // The conflicts stopped: the ticket the twin tag remembers from an earlier class goes too.
            sink.resolve(previousClass, content(Event.RESOLVED, previousKey(req, prev), req, TicketBodies.resolution(req)));
            resolved.add(previousClass.displayId());
        }
        open.sort(RemoteTicket.OLDEST_FIRST);
        TicketContent note = content(Event.RESOLVED, req.key(), req, TicketBodies.resolution(req));
        for (RemoteTicket t : open) {
            sink.resolve(t, note);
            resolved.add(t.displayId());
        }
        RemoteTicket kept = open.isEmpty() ? previousClass : open.get(0);
        return new Result(name, Kind.RESOLVED, state(name, kept.reference(), kept.url(), Status.RESOLVED, now, req),
                "resolved " + String.join(", ", resolved));
    }

    // ---- sinks that cannot be searched (webhook): the twin tag's state is the record ----

    private Result raiseUntracked(TicketSink sink, TicketRequest req, TicketState prev, Instant now) throws TicketSinkException {
        String name = sink.name();
        Status status = effectiveStatus(prev);
        List<String> notes = new ArrayList<>();
        if (!sameClass(prev, req) && status == Status.OPEN) {
            sink.resolve(remembered(prev), content(Event.SUPERSEDED, previousKey(req, prev), req,
                    TicketBodies.superseded(req, null)));
            notes.add("resolved the ticket of the previous class " + prev.classification());
            status = null;
        }
        if (status == Status.OPEN) {
            Instant last = prev.lastUpdate();
            if (last == null || !now.isBefore(last.plus(policy.updatePeriod()))) {
                sink.update(remembered(prev), content(Event.UPDATED, req.key(), req, TicketBodies.update(req)));
                return withNotes(new Result(name, Kind.UPDATED, state(name, prev.reference(), prev.url(), Status.OPEN, now, req),
                        "sent updated"), notes);
            }
            return new Result(name, Kind.UNCHANGED, state(name, prev.reference(), prev.url(), Status.OPEN, last, req),
                    "last sent " + last + "; next update after " + last.plus(policy.updatePeriod()));
        }
        if (status == Status.RESOLVED && policy.reopen() == TicketPolicy.Reopen.REOPEN
                && closedRecently(null, prev, now)) {
            sink.reopen(remembered(prev), withAppendix(Event.REOPENED, req, TicketBodies.reopened(req)));
            return new Result(name, Kind.REOPENED, state(name, prev.reference(), prev.url(), Status.OPEN, now, req), "sent reopened");
        }
        RemoteTicket created = sink.create(req.key(), withAppendix(Event.OPENED, req, TicketBodies.opening(req, null)));
        return withNotes(new Result(name, Kind.OPENED, open(name, created, now, req), "sent opened"), notes);
    }

    private Result resolveUntracked(TicketSink sink, TicketRequest req, TicketState prev, Instant now) throws TicketSinkException {
        String name = sink.name();
        if (effectiveStatus(prev) != Status.OPEN) {
            return new Result(name, Kind.UNCHANGED, resolvedCopy(name, prev, req), "no open ticket");
        }
        TicketKey key = sameClass(prev, req) ? req.key() : previousKey(req, prev);
        sink.resolve(remembered(prev), content(Event.RESOLVED, key, req, TicketBodies.resolution(req)));
        return new Result(name, Kind.RESOLVED, state(name, prev.reference(), prev.url(), Status.RESOLVED, now, req), "sent resolved");
    }

    /** A pending state with a reference means an earlier event was delivered: the ticket exists. */
    private static Status effectiveStatus(TicketState prev) {
        if (prev == null) {
            return null;
        }
        if (prev.status() == Status.PENDING) {
            return prev.reference() == null ? null : Status.OPEN;
        }
        return prev.status();
    }

    private static RemoteTicket remembered(TicketState prev) {
        return new RemoteTicket(prev.reference(), prev.reference(), prev.url(), prev.status() != Status.RESOLVED, 0,
                null, prev.lastUpdate());
    }

    // ---- helpers ----

    private boolean closedRecently(Instant closedAt, TicketState prev, Instant now) {
        Instant at = closedAt != null ? closedAt : prev == null ? null : prev.lastUpdate();
        return at == null || !now.isAfter(at.plus(policy.reopenWindow()));
    }

    private static boolean sameClass(TicketState prev, TicketRequest req) {
        return prev == null || prev.classification() == null || prev.classification().equals(label(req));
    }

    private static TicketKey previousKey(TicketRequest req, TicketState prev) {
        try {
            return req.key().withClassification(Classification.ofLabel(prev.classification()));
        } catch (IllegalArgumentException unknown) {
            return req.key();
        }
    }

    /** The request's class: the finding's, or (a quiet identity resolved without a finding) the key's. */
    private static String label(TicketRequest req) {
        if (req.cohort() != null) {
            return req.cohort().classification().label();
        }
        return req.finding() != null ? req.finding().verdict().classification().label() : req.key().classification();
    }

    private static TicketContent content(Event event, TicketKey key, TicketRequest req, TicketDocument doc) {
        return new TicketContent(event, key, TicketBodies.title(req), doc, req);
    }

    private static TicketContent withAppendix(Event event, TicketRequest req, TicketDocument doc) {
        return new TicketContent(event, req.key(), TicketBodies.title(req), doc, TicketBodies.appendix(req), req);
    }

    private static TicketState open(String sink, RemoteTicket t, Instant lastUpdate, TicketRequest req) {
        return state(sink, t.reference(), t.url(), Status.OPEN, lastUpdate, req);
    }

    private static TicketState state(String sink, String ref, String url, Status status, Instant lastUpdate, TicketRequest req) {
        return new TicketState(sink, ref, url, status, lastUpdate, label(req));
    }

    private static TicketState resolvedCopy(String sink, TicketState prev, TicketRequest req) {
        if (prev == null || prev.reference() == null) {
            return null;
        }
        return new TicketState(sink, prev.reference(), prev.url(), Status.RESOLVED, prev.lastUpdate(), classOf(prev, req));
    }

    /**
     * What to remember when a step failed: the last known reference, marked pending. The classification
     * stays the one that reference belongs to, so after a failed step of a reclassified identity the next
     * run still knows the remembered ticket is the previous class's (and opens the new class's).
     */
    private static TicketState pendingState(String sink, TicketState prev, TicketRequest req) {
        return prev == null ? state(sink, null, null, Status.PENDING, null, req)
                : new TicketState(sink, prev.reference(), prev.url(), Status.PENDING, prev.lastUpdate(), classOf(prev, req));
    }

    private static String classOf(TicketState prev, TicketRequest req) {
        return prev.reference() != null && prev.classification() != null ? prev.classification() : label(req);
    }

    private static Result pending(String sink, TicketState prev, TicketRequest req, String why) {
        return new Result(sink, Kind.PENDING, pendingState(sink, prev, req), why);
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    private static Result withNotes(Result r, List<String> notes) {
        return notes.isEmpty() ? r : new Result(r.sink(), r.kind(), r.state(), r.detail() + "; " + String.join("; ", notes));
    }

    public static final class Builder {
        private final List<TicketSink> sinks = new ArrayList<>();
        private TicketPolicy policy = TicketPolicy.DEFAULTS;
        private Clock clock = Clock.systemUTC();
        private TicketLog log = TicketLog.system();
        private Redactor redactor = new Redactor();
        private boolean dryRun;

        public Builder sink(TicketSink sink) {
            sinks.add(Objects.requireNonNull(sink, "sink"));
            return this;
        }

        public Builder policy(TicketPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder log(TicketLog log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        /** Scrubs every outcome detail and log line; give it every sink's secrets. */
        public Builder redactor(Redactor redactor) {
            this.redactor = Objects.requireNonNull(redactor, "redactor");
            return this;
        }

        /** Searches run for real; writes are logged instead of sent. */
        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        public TicketOrchestrator build() {
            return new TicketOrchestrator(this);
        }
    }
}

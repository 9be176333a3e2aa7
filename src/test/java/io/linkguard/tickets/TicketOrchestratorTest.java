package io.linkguard.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.classification.Classification;
import io.linkguard.plan.Finding;
import io.linkguard.testing.MutableClock;
import io.linkguard.tickets.TicketSinkException.Kind;
import io.linkguard.tickets.TicketState.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The ticket behaviour of issue 4, on an in-memory ticket system behind the sink SPI. */
class TicketOrchestratorTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private final FakeTicketSystem system = new FakeTicketSystem("fake", true, clock);
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final List<String> infos = new CopyOnWriteArrayList<>();
    private final TicketLog log = new TicketLog() {
        @Override
        public void warn(String message) {
            warnings.add(message);
        }

        @Override
        public void info(String message) {
            infos.add(message);
        }
    };
    private final Finding shared = Findings.shared();
    private final TicketKey key = TicketKey.of(shared.identity(), Classification.SHARED_IDENTITY);

    private TicketOrchestrator port(TicketPolicy policy, TicketSink... sinks) {
        TicketOrchestrator.Builder b = TicketOrchestrator.builder().policy(policy).clock(clock).log(log);
        for (TicketSink s : sinks) {
            b.sink(s);
        }
        return b.build();
    }

    private TicketOrchestrator port() {
        return port(TicketPolicy.DEFAULTS, system);
    }

    private static TicketSinkException fail(TicketSinkException.Kind kind, String msg) {
        return new TicketSinkException(kind, msg);
    }

    @Test
    void opensOnceThenRepeatedRunsOnlyUpdateWithinTheRateLimit() {
        TicketOrchestrator port = port();
        TicketOutcome first = port.raise(Findings.request(shared, "run-1", null, "tag written"));
        assertThat(first.kind()).isEqualTo(TicketOutcome.Kind.OPENED);
        assertThat(first.state().status()).isEqualTo(Status.OPEN);
        assertThat(first.state().sink()).isEqualTo("fake");
        assertThat(first.state().classification()).isEqualTo("shared-identity");
        assertThat(system.openFor(key)).hasSize(1);

        TicketState state = first.state();
        for (int run = 2; run <= 5; run++) {
            clock.advance(Duration.ofMinutes(15));
            TicketOutcome again = port.raise(Findings.request(shared, "run-" + run, state));
            assertThat(again.kind()).isEqualTo(TicketOutcome.Kind.UNCHANGED);
            assertThat(again.state().reference()).isEqualTo(first.state().reference());
            state = again.state();
        }
        assertThat(system.count("create")).isEqualTo(1);
        assertThat(system.count("update")).isZero();

        clock.advance(Duration.ofHours(24));
        TicketOutcome later = port.raise(Findings.request(shared, "run-6", state));
        assertThat(later.kind()).isEqualTo(TicketOutcome.Kind.UPDATED);
        assertThat(later.state().lastUpdate()).isEqualTo(clock.instant());
        assertThat(system.count("update")).isEqualTo(1);
        assertThat(system.openFor(key)).hasSize(1);
    }

    @Test
    void aLostTwinTagStillFindsTheOpenTicketAndHonoursItsLastChange() {
        TicketOrchestrator port = port();
        TicketOutcome first = port.raise(Findings.request(shared, "run-1", null));
        clock.advance(Duration.ofHours(1));
        TicketOutcome again = port.raise(Findings.request(shared, "run-2", null));
        assertThat(again.kind()).isEqualTo(TicketOutcome.Kind.UNCHANGED);
        assertThat(again.state().reference()).isEqualTo(first.state().reference());
        assertThat(system.count("create")).isEqualTo(1);
    }

    @RepeatedTest(10)
    void twoConcurrentRunsEndWithOneOpenTicketTheOldest() throws Exception {
        CyclicBarrier bothSearched = new CyclicBarrier(2);
        system.beforeCreate = () -> {
            try {
                bothSearched.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        TicketOrchestrator runA = port();
        TicketOrchestrator runB = port();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<TicketOutcome> a = pool.submit(() -> runA.raise(Findings.request(shared, "run-a", null)));
            Future<TicketOutcome> b = pool.submit(() -> runB.raise(Findings.request(shared, "run-b", null)));
            TicketOutcome oa = a.get(20, TimeUnit.SECONDS);
            TicketOutcome ob = b.get(20, TimeUnit.SECONDS);
            assertThat(system.count("create")).isEqualTo(2);
            List<FakeTicketSystem.Ticket> open = system.openFor(key);
            assertThat(open).hasSize(1);
            FakeTicketSystem.Ticket kept = open.get(0);
            assertThat(system.all(key)).hasSize(2).allSatisfy(t -> {
                if (t != kept) {
                    assertThat(t.duplicateOf).isEqualTo(kept.ref);
                    assertThat(t.sequence).isGreaterThan(kept.sequence);
                }
            });
            // A run whose ticket got the higher number but became visible first may remember the duplicate
            // for one run (it could not see the other yet); the next run corrects its twin tag.
            system.beforeCreate = () -> { };
            for (TicketOutcome o : List.of(oa, ob)) {
                TicketOutcome next = port().raise(Findings.request(shared, "run-c", o.state()));
                assertThat(next.state().reference()).isEqualTo(kept.ref);
                assertThat(next.state().status()).isEqualTo(Status.OPEN);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(system.count("create")).isEqualTo(2);
        assertThat(system.openFor(key)).hasSize(1);
    }

    @Test
    void duplicatesLeftByACrashedRunAreClosedByTheNextRaise() throws Exception {
        system.create(key, content());
        clock.advance(Duration.ofSeconds(1));
        system.create(key, content());
        TicketOutcome o = port().raise(Findings.request(shared, "run-2", null));
        assertThat(system.openFor(key)).hasSize(1);
        assertThat(o.state().reference()).isEqualTo(system.openFor(key).get(0).ref);
        assertThat(o.detail()).contains("as a duplicate of");
    }

    private TicketContent content() {
        TicketRequest r = Findings.request(shared, "run-0", null);
        return new TicketContent(TicketContent.Event.OPENED, key, "t",
                TicketBodies.opening(r, null), r);
    }

    @Test
    void twinTagReferenceIsReconciledWithWhatTheSinkSays() {
        TicketOrchestrator port = port();
        TicketOutcome first = port.raise(Findings.request(shared, "run-1", null));
        String ref = first.state().reference();
        system.hiddenFromSearch.add(ref);
        clock.advance(Duration.ofDays(2));
        TicketOutcome o = port.raise(Findings.request(shared, "run-2", first.state()));
        assertThat(o.kind()).isEqualTo(TicketOutcome.Kind.UPDATED);
        assertThat(o.state().reference()).isEqualTo(ref);
        assertThat(system.count("create")).isEqualTo(1);

        system.hiddenFromSearch.clear();
        TicketState wrong = new TicketState("fake", "999999", null, Status.OPEN, clock.instant(), "shared-identity");
        TicketOutcome fixed = port.raise(Findings.request(shared, "run-3", wrong));
        assertThat(fixed.state().reference()).isEqualTo(ref);
        assertThat(system.count("create")).isEqualTo(1);
    }

    @Test
    void closedTicketIsReopenedWithinTheWindowUnderTheReopenPolicy() {
        TicketOrchestrator port = port();
        TicketOutcome opened = port.raise(Findings.request(shared, "run-1", null));
        TicketOutcome resolved = port.resolve(Findings.request(shared, "run-2", opened.state()));
        assertThat(resolved.kind()).isEqualTo(TicketOutcome.Kind.RESOLVED);
        assertThat(resolved.state().status()).isEqualTo(Status.RESOLVED);
        assertThat(system.openFor(key)).isEmpty();
        clock.advance(Duration.ofDays(3));
        TicketOutcome back = port.raise(Findings.request(shared, "run-3", resolved.state()));
        assertThat(back.kind()).isEqualTo(TicketOutcome.Kind.REOPENED);
        assertThat(back.state().reference()).isEqualTo(opened.state().reference());
        assertThat(system.count("create")).isEqualTo(1);
    }

    @Test
    void closedTicketGetsANewOneUnderTheNewPolicyOrAfterTheWindow() {
        TicketOrchestrator newPolicy = port(new TicketPolicy(Duration.ofHours(24), TicketPolicy.Reopen.NEW,
                Duration.ofDays(30), 3), system);
        TicketOutcome opened = newPolicy.raise(Findings.request(shared, "run-1", null));
        TicketOutcome resolved = newPolicy.resolve(Findings.request(shared, "run-2", opened.state()));
        TicketOutcome back = newPolicy.raise(Findings.request(shared, "run-3", resolved.state()));
        assertThat(back.kind()).isEqualTo(TicketOutcome.Kind.OPENED);
        assertThat(back.state().reference()).isNotEqualTo(opened.state().reference());
        String body = system.tickets.get(back.state().reference()).log.get(1);
        assertThat(body).contains("reported before in T-" + opened.state().reference());

        TicketOrchestrator reopen = port();
        TicketOutcome resolved2 = reopen.resolve(Findings.request(shared, "run-4", back.state()));
        clock.advance(Duration.ofDays(31));
        TicketOutcome late = reopen.raise(Findings.request(shared, "run-5", resolved2.state()));
        assertThat(late.kind()).isEqualTo(TicketOutcome.Kind.OPENED);
        assertThat(system.count("reopen")).isZero();
    }

    @Test
    void transientFailureIsPendingAndTheNextRunSucceedsWithoutDuplicates() {
        system.failNext("create", fail(Kind.TRANSIENT, "fake create: HTTP 503"));
        TicketOrchestrator port = port();
        TicketOutcome o = port.raise(Findings.request(shared, "run-1", null));
        assertThat(o.kind()).isEqualTo(TicketOutcome.Kind.PENDING);
        assertThat(o.state().status()).isEqualTo(Status.PENDING);
        assertThat(o.state().classification()).isEqualTo("shared-identity");
        assertThat(o.detail()).contains("HTTP 503").contains("retried next run");
        TicketOutcome next = port().raise(Findings.request(shared, "run-2", o.state()));
        assertThat(next.kind()).isEqualTo(TicketOutcome.Kind.OPENED);
        assertThat(system.openFor(key)).hasSize(1);
    }

    @Test
    void rateLimitedSinkIsLeftAloneUntilRetryAfter() {
        system.failNext("findOpen", new TicketSinkException(Kind.RATE_LIMITED, "fake: HTTP 429", Duration.ofSeconds(120)));
        TicketOrchestrator port = port();
        assertThat(port.raise(Findings.request(shared, "run-1", null)).kind()).isEqualTo(TicketOutcome.Kind.PENDING);
        long calls = system.calls.size();
        TicketOutcome skipped = port.raise(Findings.request(Findings.faulty(), "run-1", null));
        assertThat(skipped.kind()).isEqualTo(TicketOutcome.Kind.PENDING);
        assertThat(skipped.detail()).contains("rate limited until 2026-11-26T10:02:00Z");
        assertThat(system.calls).hasSize((int) calls);
        clock.advance(Duration.ofSeconds(121));
        assertThat(port.raise(Findings.request(shared, "run-1", null)).kind()).isEqualTo(TicketOutcome.Kind.OPENED);
    }

    @Test
    void misconfigurationIsReportedOncePerRunNotPerDevice() {
        system.failNext("findOpen", fail(Kind.MISCONFIGURED, "fake find: HTTP 401: the credential was refused"));
        TicketOrchestrator port = port();
        List<TicketOutcome> outcomes = new ArrayList<>();
        for (Finding f : Findings.plan().findings().subList(0, 5)) {
            outcomes.add(port.raise(Findings.request(f, "run-1", null)));
        }
        assertThat(outcomes.get(0).kind()).isEqualTo(TicketOutcome.Kind.MISCONFIGURED);
        assertThat(outcomes.get(0).state().status()).isEqualTo(Status.PENDING);
        assertThat(outcomes.subList(1, 5)).allSatisfy(o -> {
            assertThat(o.kind()).isEqualTo(TicketOutcome.Kind.PENDING);
            assertThat(o.detail()).contains("reported earlier in this run");
        });
        assertThat(system.count("findOpen")).isEqualTo(1);
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("misconfigured").contains("HTTP 401");

        TicketOutcome nextRun = port.raise(Findings.request(shared, "run-2", outcomes.get(0).state()));
        assertThat(nextRun.kind()).isEqualTo(TicketOutcome.Kind.OPENED);
    }

    @Test
    void aSinkFailingAgainAndAgainIsPausedForTheRestOfTheRun() {
        for (int i = 0; i < 3; i++) {
            system.failNext("findOpen", fail(Kind.TRANSIENT, "fake: no answer within 30 s"));
        }
        TicketOrchestrator port = port();
        List<Finding> findings = Findings.plan().findings();
        for (int i = 0; i < 6; i++) {
            assertThat(port.raise(Findings.request(findings.get(i), "run-1", null)).kind()).isEqualTo(TicketOutcome.Kind.PENDING);
        }
        assertThat(system.count("findOpen")).isEqualTo(3);
        assertThat(port.raise(Findings.request(shared, "run-2", null)).kind()).isEqualTo(TicketOutcome.Kind.OPENED);
    }

    @Test
    void rejectedTicketIsPendingAndDoesNotStopOtherTickets() {
        system.failNext("create", fail(Kind.REJECTED, "fake create: HTTP 422 (Validation Failed)"));
        TicketOrchestrator port = port();
        assertThat(port.raise(Findings.request(shared, "run-1", null)).kind()).isEqualTo(TicketOutcome.Kind.PENDING);
        assertThat(port.raise(Findings.request(Findings.faulty(), "run-1", null)).kind()).isEqualTo(TicketOutcome.Kind.OPENED);
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("HTTP 422"));
    }

    @Test
    void classChangeUpdatesAtOnceAndClosesTheOldClassTicket() {
        Finding faulty = Findings.reclassified(shared, Classification.FAULTY_RECONNECT);
        TicketOrchestrator port = port();
        TicketOutcome old = port.raise(Findings.request(faulty, "run-1", null));
        clock.advance(Duration.ofMinutes(30));
        TicketOutcome now = port.raise(Findings.request(shared, "run-2", old.state()));
        assertThat(now.kind()).isEqualTo(TicketOutcome.Kind.OPENED);
        assertThat(now.state().classification()).isEqualTo("shared-identity");
        FakeTicketSystem.Ticket oldTicket = system.tickets.get(old.state().reference());
        assertThat(oldTicket.open).isFalse();
        assertThat(oldTicket.log).anySatisfy(l -> assertThat(l).startsWith("resolved: superseded"));
        assertThat(now.detail()).contains("previous class faulty-reconnect");
    }

    @Test
    void aFailedStepRightAfterReclassificationIsFinishedByTheNextRun() {
        Finding faulty = Findings.reclassified(shared, Classification.FAULTY_RECONNECT);
        TicketOrchestrator port = port();
        TicketOutcome old = port.raise(Findings.request(faulty, "run-1", null));
        system.failNext("create", fail(Kind.TRANSIENT, "fake create: HTTP 503"));
        TicketOutcome failed = port.raise(Findings.request(shared, "run-2", old.state()));
        assertThat(failed.kind()).isEqualTo(TicketOutcome.Kind.PENDING);
        assertThat(failed.state().reference()).isEqualTo(old.state().reference());
        assertThat(failed.state().classification()).as("the remembered ticket is still the old class's").isEqualTo("faulty-reconnect");
        TicketOutcome next = port.raise(Findings.request(shared, "run-3", failed.state()));
        assertThat(next.kind()).isEqualTo(TicketOutcome.Kind.OPENED);
        assertThat(next.state().reference()).isNotEqualTo(old.state().reference());
        assertThat(system.tickets.get(old.state().reference()).open).isFalse();
        assertThat(system.openFor(key)).hasSize(1);
    }

    @Test
    void resolvingAReclassifiedIdentityClosesTheTicketOfItsEarlierClass() {
        Finding faulty = Findings.reclassified(shared, Classification.FAULTY_RECONNECT);
        TicketOrchestrator port = port();
        TicketOutcome old = port.raise(Findings.request(faulty, "run-1", null));
        TicketOutcome resolved = port.resolve(Findings.request(shared, "run-2", old.state()));
        assertThat(resolved.kind()).isEqualTo(TicketOutcome.Kind.RESOLVED);
        assertThat(system.tickets.get(old.state().reference()).open).isFalse();
        assertThat(system.tickets.get(old.state().reference()).log).anySatisfy(l ->
                assertThat(l).isEqualTo("resolved: resolved " + TicketKey.of(shared.identity(), Classification.FAULTY_RECONNECT).value()));
    }

    @Test
    void aQuietIdentityIsResolvedWithoutAFinding() {
        FakeTicketSystem hook = new FakeTicketSystem("hook", false, clock);
        TicketOrchestrator port = port(TicketPolicy.DEFAULTS, system, hook);
        TicketOutcome opened = port.raise(Findings.request(shared, "run-1", null));
        TicketRequest quiet = new TicketRequest(key, null, List.of("back-off cleared"), "run-2", opened.state());
        TicketOutcome resolved = port.resolve(quiet);
        assertThat(resolved.kind()).isEqualTo(TicketOutcome.Kind.RESOLVED);
        assertThat(resolved.state().status()).isEqualTo(Status.RESOLVED);
        assertThat(resolved.state().classification()).isEqualTo("shared-identity");
        assertThat(system.openFor(key)).isEmpty();
        assertThat(hook.count("resolve")).isEqualTo(1);

        Finding faulty = Findings.reclassified(shared, Classification.FAULTY_RECONNECT);
        TicketOutcome old = port(TicketPolicy.DEFAULTS, system).raise(Findings.request(faulty, "run-3", null));
        TicketOutcome quietOld = port(TicketPolicy.DEFAULTS, system).resolve(new TicketRequest(key, null, List.of(), "run-4", old.state()));
        assertThat(quietOld.kind()).isEqualTo(TicketOutcome.Kind.RESOLVED);
        assertThat(system.tickets.get(old.state().reference()).open).isFalse();
    }

    @Test
    void severalSinksRememberAnEntryOfAnotherClass() {
        TicketState joined = SinkStates.join(List.of("a", "b"), new java.util.LinkedHashMap<>(java.util.Map.of(
                "a", new TicketState("a", "1", "https://a/1", Status.OPEN, clock.instant(), "shared-identity"),
                "b", new TicketState("b", "42", null, Status.PENDING, clock.instant(), "faulty-reconnect"))), "shared-identity");
        assertThat(joined.reference()).isEqualTo("a=OPEN:1|b=PENDING/faulty-reconnect:42");
        assertThat(joined.status()).isEqualTo(Status.PENDING);
        java.util.Map<String, TicketState> split = SinkStates.split(joined, List.of("a", "b"));
        assertThat(split.get("a").classification()).isEqualTo("shared-identity");
        assertThat(split.get("b").classification()).isEqualTo("faulty-reconnect");
        assertThat(split.get("b").reference()).isEqualTo("42");
        assertThat(SinkStates.split(joined, List.of("b")).keySet()).containsExactly("b");
        assertThat(SinkStates.split(new TicketState("a", "1", null, Status.OPEN, null, "x"), List.of("a", "b")).get("a").reference())
                .isEqualTo("1");
    }

    @Test
    void classChangeBackToAnOpenTicketUpdatesItDespiteTheRateLimit() {
        TicketOrchestrator port = port();
        TicketOutcome sharedTicket = port.raise(Findings.request(shared, "run-1", null));
        TicketState faultyState = new TicketState("fake", "12345", null, Status.OPEN, clock.instant(), "faulty-reconnect");
        clock.advance(Duration.ofMinutes(10));
        TicketOutcome o = port.raise(Findings.request(shared, "run-2", faultyState));
        assertThat(o.kind()).isEqualTo(TicketOutcome.Kind.UPDATED);
        assertThat(o.state().reference()).isEqualTo(sharedTicket.state().reference());
    }

    @Test
    void resolveClosesEveryOpenTicketOfTheKeyAndIsIdempotent() {
        TicketOrchestrator port = port();
        TicketOutcome opened = port.raise(Findings.request(shared, "run-1", null));
        TicketOutcome r1 = port.resolve(Findings.request(shared, "run-2", opened.state()));
        assertThat(r1.kind()).isEqualTo(TicketOutcome.Kind.RESOLVED);
        TicketOutcome r2 = port.resolve(Findings.request(shared, "run-3", r1.state()));
        assertThat(r2.kind()).isEqualTo(TicketOutcome.Kind.UNCHANGED);
        assertThat(r2.state().status()).isEqualTo(Status.RESOLVED);
        assertThat(port.resolve(Findings.request(Findings.faulty(), "run-3", null)).state()).isNull();
        assertThat(system.count("resolve")).isEqualTo(1);
    }

    @Test
    void severalSinksShareOneTwinTagAndAFailingOneKeepsTheStatePending() {
        FakeTicketSystem second = new FakeTicketSystem("second", true, clock);
        second.failNext("create", fail(Kind.TRANSIENT, "second create: HTTP 502"));
        TicketOrchestrator port = port(TicketPolicy.DEFAULTS, system, second);
        TicketOutcome o = port.raise(Findings.request(shared, "run-1", null));
        assertThat(o.kind()).isEqualTo(TicketOutcome.Kind.PENDING);
        assertThat(o.state().sink()).isEqualTo("fake,second");
        assertThat(o.state().status()).isEqualTo(Status.PENDING);
        String fakeRef = system.openFor(key).get(0).ref;
        assertThat(o.state().reference()).isEqualTo("fake=OPEN:" + fakeRef + "|second=PENDING:");
        assertThat(o.detail()).contains("fake: opened").contains("second: second create: HTTP 502");

        TicketOutcome next = port.raise(Findings.request(shared, "run-2", o.state()));
        assertThat(next.kind()).isEqualTo(TicketOutcome.Kind.OPENED);
        assertThat(next.state().status()).isEqualTo(Status.OPEN);
        assertThat(system.count("create")).isEqualTo(1);
        assertThat(second.openFor(key)).hasSize(1);
        assertThat(next.state().reference()).startsWith("fake=OPEN:" + fakeRef + "|second=OPEN:");
        assertThat(next.state().url()).isEqualTo("https://tickets.example/" + fakeRef);
    }

    @Test
    void anUnsearchableSinkDedupesFromTheTwinTag() {
        FakeTicketSystem hook = new FakeTicketSystem("hook", false, clock);
        TicketOrchestrator port = port(TicketPolicy.DEFAULTS, hook);
        TicketOutcome opened = port.raise(Findings.request(shared, "run-1", null));
        assertThat(opened.kind()).isEqualTo(TicketOutcome.Kind.OPENED);
        clock.advance(Duration.ofHours(1));
        assertThat(port.raise(Findings.request(shared, "run-2", opened.state())).kind()).isEqualTo(TicketOutcome.Kind.UNCHANGED);
        clock.advance(Duration.ofHours(24));
        TicketOutcome updated = port.raise(Findings.request(shared, "run-3", opened.state()));
        assertThat(updated.kind()).isEqualTo(TicketOutcome.Kind.UPDATED);
        TicketOutcome resolved = port.resolve(Findings.request(shared, "run-4", updated.state()));
        assertThat(resolved.kind()).isEqualTo(TicketOutcome.Kind.RESOLVED);
        assertThat(port.resolve(Findings.request(shared, "run-5", resolved.state())).kind()).isEqualTo(TicketOutcome.Kind.UNCHANGED);
        TicketOutcome back = port.raise(Findings.request(shared, "run-6", resolved.state()));
        assertThat(back.kind()).isEqualTo(TicketOutcome.Kind.REOPENED);
        assertThat(back.state().reference()).isEqualTo(opened.state().reference());
        assertThat(hook.count("create")).isEqualTo(1);
        assertThat(hook.count("findOpen")).isZero();
    }

    @Test
    void dryRunSearchesButWritesNothing() {
        TicketOrchestrator port = TicketOrchestrator.builder().sink(system).clock(clock).log(log).dryRun(true).build();
        TicketOutcome o = port.raise(Findings.request(shared, "run-1", null));
        assertThat(o.kind()).isEqualTo(TicketOutcome.Kind.OPENED);
        assertThat(o.detail()).startsWith("dry run: ");
        assertThat(system.tickets).isEmpty();
        assertThat(system.count("findOpen")).isEqualTo(2);
        assertThat(infos).anySatisfy(i -> assertThat(i).startsWith("dry run: fake would open '[LinkGuard] shared-identity"));
    }

    @Test
    void aBugInASinkIsPendingNotACrash() {
        TicketSink broken = new FakeTicketSystem("broken", true, clock) {
            @Override
            public List<RemoteTicket> findOpen(TicketKey k) {
                throw new IllegalStateException("unexpected shape");
            }
        };
        TicketOutcome o = port(TicketPolicy.DEFAULTS, broken).raise(Findings.request(shared, "run-1", null));
        assertThat(o.kind()).isEqualTo(TicketOutcome.Kind.PENDING);
        assertThat(o.detail()).contains("IllegalStateException: unexpected shape");
    }
}

package io.linkguard.remediation;

import java.time.Instant;

/**
 * One writer per hub at a time, whichever process acts (a Functions instance's timer run or queue worker, the
 * CLI's {@code apply}): a run takes its hub's writer lease before it connects to the hub and gives it back when
 * the hub's part is done; the lease is renewed while the run works. The hub's calls (reads, queries and writes)
 * therefore come from one process at a time, and that process's token buckets are the hub's one budget.
 */
public interface WriterLeases {

    /** Takes the writer lease of {@code hub} for {@code owner} (a run id), or says who holds it. */
    Attempt tryTake(String hub, String owner);

    sealed interface Attempt {
    }

    record Taken(WriterLease lease) implements Attempt {
    }

    /** Another run holds the lease until {@code until} (unless it gives it back sooner). */
    record Busy(String owner, Instant until) implements Attempt {
    }

    /** A held writer lease. Once {@link #held()} is false it stays false: no write may be sent after that. */
    interface WriterLease extends AutoCloseable {

        /** True while this run can show that the lease is still its own. */
        boolean held();

        /** Why the lease is no longer held; null while it is. */
        String lostBecause();

        /** Stops renewing and gives the lease back. */
        @Override
        void close();

        /** A lease nobody else can take. */
        WriterLease ALWAYS = new WriterLease() {
            @Override
            public boolean held() {
                return true;
            }

            @Override
            public String lostBecause() {
                return null;
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * No coordination: every lease is granted at once and never lost. For a process that is the hub's only
     * writer by arrangement ({@code apply --no-lease}) and for tests of a single run.
     */
    static WriterLeases unshared() {
        return (hub, owner) -> new Taken(WriterLease.ALWAYS);
    }
}

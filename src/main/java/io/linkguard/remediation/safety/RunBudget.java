package io.linkguard.remediation.safety;

import java.util.EnumMap;
import java.util.Map;

/**
 * The caps: back-offs, ticket calls and tag writes per hub within a rolling window (what earlier runs spent in
 * the window is the budget's starting point, see {@link UsageLog}). An action reserves what it needs before it
 * starts; once started it finishes (retries after a 412 are counted but never refused: a half-done action
 * would leave the identity inconsistent). Thread-safe.
 */
public final class RunBudget {

    public enum Kind {
        BACKOFFS("LINKGUARD_MAX_BACKOFFS_PER_RUN"),
        TICKETS("LINKGUARD_MAX_TICKETS_PER_RUN"),
        TAG_WRITES("LINKGUARD_MAX_TAG_WRITES_PER_RUN");

        private final String setting;

        Kind(String setting) {
            this.setting = setting;
        }

        public String setting() {
            return setting;
        }
    }

    private final Map<Kind, Integer> caps;
    private final Map<Kind, Integer> used = new EnumMap<>(Kind.class);
    private final Usage earlier;

    public RunBudget(int maxBackoffs, int maxTickets, int maxTagWrites) {
        this(maxBackoffs, maxTickets, maxTagWrites, Usage.NONE);
    }

    /** @param earlier what earlier runs spent within the window: counted against the caps */
    public RunBudget(int maxBackoffs, int maxTickets, int maxTagWrites, Usage earlier) {
        caps = new EnumMap<>(Kind.class);
        caps.put(Kind.BACKOFFS, maxBackoffs);
        caps.put(Kind.TICKETS, maxTickets);
        caps.put(Kind.TAG_WRITES, maxTagWrites);
        this.earlier = earlier;
        for (Kind k : Kind.values()) {
            used.put(k, earlier.of(k));
        }
    }

    /** What earlier runs had spent when this budget started. */
    public Usage earlier() {
        return earlier;
    }

    /** What this run spent ({@code acting} as given: the budget does not count identities). */
    public synchronized Usage spent(int acting) {
        return new Usage(acting, used.get(Kind.BACKOFFS) - earlier.backoffs(), used.get(Kind.TICKETS) - earlier.tickets(),
                used.get(Kind.TAG_WRITES) - earlier.tagWrites());
    }

    public synchronized boolean tryReserve(Kind kind, int amount) {
        if (used.get(kind) + amount > caps.get(kind)) {
            return false;
        }
        used.merge(kind, amount, Integer::sum);
        return true;
    }

    /** Gives back what a reservation did not use. */
    public synchronized void release(Kind kind, int amount) {
        used.merge(kind, -amount, Integer::sum);
    }

    /** Counts use beyond a reservation (a started action's retries). */
    public synchronized void consume(Kind kind, int amount) {
        used.merge(kind, amount, Integer::sum);
    }

    public synchronized int used(Kind kind) {
        return used.get(kind);
    }

    public int cap(Kind kind) {
        return caps.get(kind);
    }
}

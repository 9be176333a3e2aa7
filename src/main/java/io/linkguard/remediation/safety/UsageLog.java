package io.linkguard.remediation.safety;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * What each hub's runs spent, by minute: the memory that lets the fleet guard and the caps count over a rolling
 * window per hub instead of per run, so that four faulty devices arriving as four alert runs weigh as much as
 * four in one run. In the Functions app it is a Table (io.linkguard.state), shared by every instance; the hub's
 * writer lease makes its writer the only one adding to a hub at a time.
 */
public interface UsageLog {

    /** The hub's usage recorded for minutes at or after {@code from}, by minute. */
    NavigableMap<Instant, Usage> since(String hub, Instant from);

    /** Adds {@code usage} to the hub's minute of {@code at}. */
    void add(String hub, Instant at, Usage usage);

    /**
     * What earlier runs spent on the hub within the windows ending at {@code now}: acting identities over
     * {@code guardWindow}, the capped budgets over {@code capWindow}.
     */
    default Usage earlier(String hub, Instant now, Duration guardWindow, Duration capWindow) {
        Instant guardFrom = minute(now.minus(guardWindow).plusSeconds(60));
        Instant capFrom = minute(now.minus(capWindow).plusSeconds(60));
        Instant from = guardFrom.isBefore(capFrom) ? guardFrom : capFrom;
        int acting = 0;
        Usage capped = Usage.NONE;
        for (Map.Entry<Instant, Usage> e : since(hub, from).entrySet()) {
            if (!e.getKey().isBefore(guardFrom)) {
                acting += e.getValue().acting();
            }
            if (!e.getKey().isBefore(capFrom)) {
                capped = capped.plus(e.getValue());
            }
        }
        return new Usage(acting, capped.backoffs(), capped.tickets(), capped.tagWrites());
    }

    /** The minute an instant falls in. */
    static Instant minute(Instant at) {
        return at.truncatedTo(ChronoUnit.MINUTES);
    }

    /** Remembers nothing: the guard and the caps count the current run only (apply without a state store). */
    static UsageLog none() {
        return new UsageLog() {
            @Override
            public NavigableMap<Instant, Usage> since(String hub, Instant from) {
                return new ConcurrentSkipListMap<>();
            }

            @Override
            public void add(String hub, Instant at, Usage usage) {
            }
        };
    }

    /** In this process's memory (tests; one process acting alone). */
    static UsageLog inMemory() {
        Map<String, NavigableMap<Instant, Usage>> byHub = new ConcurrentHashMap<>();
        return new UsageLog() {
            @Override
            public NavigableMap<Instant, Usage> since(String hub, Instant from) {
                return new ConcurrentSkipListMap<>(byHub.getOrDefault(hub, new ConcurrentSkipListMap<>()).tailMap(from, true));
            }

            @Override
            public void add(String hub, Instant at, Usage usage) {
                byHub.computeIfAbsent(hub, h -> new ConcurrentSkipListMap<>()).merge(minute(at), usage, Usage::plus);
            }
        };
    }
}

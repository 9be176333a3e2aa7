package io.linkguard.hub;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a gateway did, per operation: calls, HTTP attempts, 429s the hub answered, calls the client-side
 * throttle refused (deadline), and time spent waiting (throttle and back-off). Thread-safe; read with
 * {@link #snapshot()}.
 */
public final class GatewayStats {

    /** Counts for one operation. */
    public record Counts(long calls, long attempts, long hubThrottled, long clientRefused, long failed,
                         Duration waited) {
        static final Counts ZERO = new Counts(0, 0, 0, 0, 0, Duration.ZERO);

        Counts plus(Counts o) {
            return new Counts(calls + o.calls, attempts + o.attempts, hubThrottled + o.hubThrottled,
                    clientRefused + o.clientRefused, failed + o.failed, waited.plus(o.waited));
        }
    }

    private final Map<HubOperation, LongAdder[]> counters = new EnumMap<>(HubOperation.class);

    GatewayStats() {
        for (HubOperation op : HubOperation.values()) {
            LongAdder[] a = new LongAdder[6];
            for (int i = 0; i < a.length; i++) {
                a[i] = new LongAdder();
            }
            counters.put(op, a);
        }
    }

    void call(HubOperation op) {
        counters.get(op)[0].increment();
    }

    void attempt(HubOperation op) {
        counters.get(op)[1].increment();
    }

    void hubThrottled(HubOperation op) {
        counters.get(op)[2].increment();
    }

    void clientRefused(HubOperation op) {
        counters.get(op)[3].increment();
    }

    void failed(HubOperation op) {
        counters.get(op)[4].increment();
    }

    void waited(HubOperation op, Duration d) {
        counters.get(op)[5].add(d.toNanos());
    }

    /** The counts so far, per operation. */
    public Map<HubOperation, Counts> snapshot() {
        Map<HubOperation, Counts> out = new EnumMap<>(HubOperation.class);
        counters.forEach((op, a) -> out.put(op, new Counts(a[0].sum(), a[1].sum(), a[2].sum(), a[3].sum(),
                a[4].sum(), Duration.ofNanos(a[5].sum()))));
        return out;
    }

    /** The counts of all operations added up. */
    public Counts total() {
        return snapshot().values().stream().reduce(Counts.ZERO, Counts::plus);
    }
}

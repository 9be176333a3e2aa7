package io.linkguard.remediation;

import io.linkguard.pacing.Ticker;
import io.linkguard.remediation.safety.UsageLog;
import java.util.Objects;

/**
 * How the runs of every process acting on the same hubs share them: the hubs' writer leases (one writer per hub
 * at a time, so one throttle budget per hub) and the log of what runs spent (so the fleet guard and the caps
 * count over a rolling window per hub). The Functions app and {@code apply} use the same Table-backed pair
 * (io.linkguard.state); {@link #unshared()} coordinates with nobody.
 *
 * @param ticker how a run waits for a busy hub's lease
 */
public record HubCoordination(WriterLeases leases, UsageLog usage, Ticker ticker) {

    public HubCoordination {
        Objects.requireNonNull(leases, "leases");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(ticker, "ticker");
    }

    public HubCoordination(WriterLeases leases, UsageLog usage) {
        this(leases, usage, Ticker.SYSTEM);
    }

    /** No other writer, no memory between runs: the guard and the caps count one run only. */
    public static HubCoordination unshared() {
        return new HubCoordination(WriterLeases.unshared(), UsageLog.none());
    }
}

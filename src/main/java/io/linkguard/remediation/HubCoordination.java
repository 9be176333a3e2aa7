package io.linkguard.remediation;

import io.linkguard.pacing.Ticker;
import io.linkguard.remediation.safety.UsageLog;
import java.util.Objects;

/**
 * How the runs of every process acting on the same hubs share them: the hubs' writer leases (one writer per hub
 * at a time, so one throttle budget per hub), the log of what runs spent (so the fleet guard and the caps
 * count over a rolling window per hub) and the record of the hubs' open cohort tickets (so a later run, in any
 * process, resolves the ticket of a cohort that is gone). The Functions app and {@code apply} use the same
 * Table-backed three (io.linkguard.state); {@link #unshared()} coordinates with nobody.
 *
 * @param ticker how a run waits for a busy hub's lease
 */
public record HubCoordination(WriterLeases leases, UsageLog usage, CohortTicketRecord cohortTickets, Ticker ticker) {

    public HubCoordination {
        Objects.requireNonNull(leases, "leases");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(cohortTickets, "cohortTickets");
        Objects.requireNonNull(ticker, "ticker");
    }

    public HubCoordination(WriterLeases leases, UsageLog usage, CohortTicketRecord cohortTickets) {
        this(leases, usage, cohortTickets, Ticker.SYSTEM);
    }

    /** Cohort tickets remembered in this process only. */
    public HubCoordination(WriterLeases leases, UsageLog usage, Ticker ticker) {
        this(leases, usage, CohortTicketRecord.inMemory(), ticker);
    }

    /** Cohort tickets remembered in this process only. */
    public HubCoordination(WriterLeases leases, UsageLog usage) {
        this(leases, usage, CohortTicketRecord.inMemory(), Ticker.SYSTEM);
    }

    /**
     * No other writer, no memory between runs beyond this process's: the guard and the caps count one run only,
     * and cohort tickets are remembered for as long as the returned value is used.
     */
    public static HubCoordination unshared() {
        return new HubCoordination(WriterLeases.unshared(), UsageLog.none());
    }
}

package io.linkguard.remediation;

import io.linkguard.plan.Finding;
import io.linkguard.plan.Plan;
import io.linkguard.remediation.report.RemediationReport;
import io.linkguard.remediation.safety.Mode;
import io.linkguard.remediation.safety.Usage;
import io.linkguard.tickets.TicketPort;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Remediation of a plan hub by hub, as the CLI's {@code apply} and the Functions app both run it: take the hub's
 * writer lease (waiting up to {@code LINKGUARD_HUB_LEASE_WAIT_SECONDS} while another run holds it), connect, read
 * the roster (as much as the {@link RosterScope} asks), run the {@link Remediator} with what earlier runs spent
 * on the hub within the guard's and the caps' windows and the cohort tickets earlier runs left open (the
 * coordination's record), record what this run spent (enforce only), give the lease back. A hub that cannot be reached ends in {@link HubOutcome.Unreachable}, a hub whose lease stayed
 * taken in {@link HubOutcome.Busy}; the others still run.
 */
public final class FleetRemediation {
    private static final Duration LEASE_POLL = Duration.ofSeconds(1);

    private final RemediationSettings settings;
    private final HubGatewayFactory hubs;
    private final TicketPort tickets;
    private final Clock clock;
    private final HubCoordination coordination;

    public FleetRemediation(RemediationSettings settings, HubGatewayFactory hubs, TicketPort tickets, Clock clock) {
        this(settings, hubs, tickets, clock, HubCoordination.unshared());
    }

    public FleetRemediation(RemediationSettings settings, HubGatewayFactory hubs, TicketPort tickets, Clock clock,
                            HubCoordination coordination) {
        this.coordination = Objects.requireNonNull(coordination, "coordination");
        this.settings = Objects.requireNonNull(settings, "settings");
        if (settings.mode() == Mode.OBSERVE) {
            throw new IllegalArgumentException("observe mode connects to no hub: use the Remediator without a gateway");
        }
        this.hubs = Objects.requireNonNull(hubs, "hubs");
        this.tickets = tickets;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What one hub's part of the run came to. */
    public sealed interface HubOutcome {
        HubTarget hub();

        /** The plan's findings on this hub. */
        List<Finding> findings();

        /** @param throttlingWait how long the hub's calls waited for its throttles and Retry-After */
        record Remediated(HubTarget hub, List<Finding> findings, RemediationReport report, Duration throttlingWait)
                implements HubOutcome {
        }

        record Unreachable(HubTarget hub, List<Finding> findings, HubConnectionException problem) implements HubOutcome {
        }

        /** Another run kept the hub's writer lease for longer than this run would wait: nothing done on the hub. */
        record Busy(HubTarget hub, List<Finding> findings, String holder, Instant until) implements HubOutcome {
            public String describe() {
                return "hub " + hub.hubName() + " is being remediated by run " + holder + " (writer lease until " + until
                        + "): its actions are left to a later run";
            }
        }
    }

    /**
     * Each hub with its own findings of the plan. With {@code skipHubsWithoutFindings} a hub the plan names no
     * identity of is not even connected to (a targeted run's other hubs). Each hub's outcome is handed on as
     * soon as that hub is done.
     */
    public void run(Plan plan, List<HubTarget> targets, RosterScope scope, boolean skipHubsWithoutFindings,
                    String runId, Consumer<HubOutcome> outcomes) {
        for (HubTarget hub : targets) {
            List<Finding> findings = plan.findings().stream()
                    .filter(f -> f.identity().hub().equals(hub.hubName())).toList();
            if (findings.isEmpty() && skipHubsWithoutFindings) {
                continue;
            }
            WriterLeases.Attempt attempt = take(hub.hubName(), runId);
            if (attempt instanceof WriterLeases.Busy busy) {
                outcomes.accept(new HubOutcome.Busy(hub, findings, busy.owner(), busy.until()));
                continue;
            }
            try (WriterLeases.WriterLease lease = ((WriterLeases.Taken) attempt).lease();
                 HubConnection connection = hubs.connect(hub)) {
                handOver(connection, lease);
                RemediationReport report = run(new Plan(plan.input(), plan.fleetEvents(), findings, plan.fleetFindings()), connection, scope,
                        runId, lease);
                outcomes.accept(new HubOutcome.Remediated(hub, findings, report, connection.throttlingWait()));
            } catch (HubConnectionException e) {
                outcomes.accept(new HubOutcome.Unreachable(hub, findings, e));
            }
        }
    }

    /**
     * The whole plan on one hub, under its writer lease: findings of other hubs are reported as out of this run's
     * scope. Throws {@link HubConnectionException} when the hub cannot be reached or its roster read, and
     * {@link HubBusyException} when another run kept the hub's writer lease for longer than this run would wait.
     */
    public RemediationReport run(Plan plan, HubTarget hub, RosterScope scope, String runId) {
        WriterLeases.Attempt attempt = take(hub.hubName(), runId);
        if (attempt instanceof WriterLeases.Busy busy) {
            throw new HubBusyException(new HubOutcome.Busy(hub, List.of(), busy.owner(), busy.until()).describe());
        }
        try (WriterLeases.WriterLease lease = ((WriterLeases.Taken) attempt).lease();
             HubConnection connection = hubs.connect(hub)) {
            handOver(connection, lease);
            return run(plan, connection, scope, runId, lease);
        }
    }

    /** A lease other processes share may have just changed hands: start the hub's budget drained. */
    private static void handOver(HubConnection connection, WriterLeases.WriterLease lease) {
        if (lease != WriterLeases.WriterLease.ALWAYS) {
            connection.handedOver();
        }
    }

    /** Takes the hub's writer lease, polling while another run holds it, for at most the configured wait. */
    private WriterLeases.Attempt take(String hub, String runId) {
        long deadline = coordination.ticker().nanoTime() + settings.hubLeaseWait().toNanos();
        while (true) {
            WriterLeases.Attempt attempt = coordination.leases().tryTake(hub, runId);
            long left = deadline - coordination.ticker().nanoTime();
            if (attempt instanceof WriterLeases.Taken || left <= 0) {
                return attempt;
            }
            try {
                coordination.ticker().sleep(Duration.ofNanos(Math.min(left, LEASE_POLL.toNanos())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return attempt;
            }
        }
    }

    private RemediationReport run(Plan plan, HubConnection connection, RosterScope scope, String runId,
                                  WriterLeases.WriterLease lease) {
        HubRoster roster = connection.roster(scope);
        String hub = roster.hub();
        Usage earlier = coordination.usage().earlier(hub, clock.instant(), settings.fleetGuard().window(),
                settings.capWindow());
        return new Remediator(settings, connection.gateway(), tickets, clock, coordination.cohortTickets()).run(plan, roster, runId, lease, earlier,
                spent -> {
                    if (settings.mode() == Mode.ENFORCE && !spent.isEmpty()) {
                        coordination.usage().add(hub, clock.instant(), spent);
                    }
                });
    }
}

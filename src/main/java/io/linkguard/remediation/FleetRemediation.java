package io.linkguard.remediation;

import io.linkguard.plan.Finding;
import io.linkguard.plan.Plan;
import io.linkguard.remediation.report.RemediationReport;
import io.linkguard.remediation.safety.Mode;
import io.linkguard.tickets.TicketPort;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Remediation of a plan hub by hub, as the CLI's {@code apply} and the Functions app both run it: connect to
 * each hub, read its roster (as much as the {@link RosterScope} asks), run the {@link Remediator}, collect the
 * report. A hub that cannot be reached ends in {@link HubOutcome.Unreachable}; the others still run.
 */
public final class FleetRemediation {
    private final RemediationSettings settings;
    private final HubGatewayFactory hubs;
    private final TicketPort tickets;
    private final Clock clock;

    public FleetRemediation(RemediationSettings settings, HubGatewayFactory hubs, TicketPort tickets, Clock clock) {
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
            try (HubConnection connection = hubs.connect(hub)) {
                RemediationReport report = run(new Plan(plan.input(), plan.fleetEvents(), findings), connection, scope, runId);
                outcomes.accept(new HubOutcome.Remediated(hub, findings, report, connection.throttlingWait()));
            } catch (HubConnectionException e) {
                outcomes.accept(new HubOutcome.Unreachable(hub, findings, e));
            }
        }
    }

    /**
     * The whole plan on one hub: findings of other hubs are reported as out of this run's scope. Throws
     * {@link HubConnectionException} when the hub cannot be reached or its roster read.
     */
    public RemediationReport run(Plan plan, HubTarget hub, RosterScope scope, String runId) {
        try (HubConnection connection = hubs.connect(hub)) {
            return run(plan, connection, scope, runId);
        }
    }

    private RemediationReport run(Plan plan, HubConnection connection, RosterScope scope, String runId) {
        HubRoster roster = connection.roster(scope);
        return new Remediator(settings, connection.gateway(), tickets, clock).run(plan, List.of(roster), runId);
    }
}

package io.linkguard.pipeline;

import io.linkguard.plan.Action;
import io.linkguard.plan.Plan;
import io.linkguard.remediation.FleetRemediation;
import io.linkguard.remediation.FleetRemediation.HubOutcome;
import io.linkguard.remediation.HubCoordination;
import io.linkguard.remediation.HubGatewayFactory;
import io.linkguard.remediation.HubTarget;
import io.linkguard.remediation.safety.Mode;
import io.linkguard.remediation.RemediationSettings;
import io.linkguard.remediation.RosterScope;
import io.linkguard.remediation.report.ActionResult;
import io.linkguard.remediation.report.IdentityResult;
import io.linkguard.remediation.report.RemediationReport;
import io.linkguard.tickets.TicketPort;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Functions app's executor in dry-run and enforce: the same {@link FleetRemediation} as the CLI's
 * {@code apply}, its reports folded into the pipeline's summary. A targeted run sees only a few identities, so
 * it never resolves the hub's other tagged identities as quiet and does not list them
 * ({@link RosterScope#COUNT_ONLY}); nor does it connect to hubs it has no finding on.
 */
public final class RemediatingExecutor implements PlanExecutor {

    private final RemediationSettings settings;
    private final List<HubTarget> hubs;
    private final FleetRemediation fleet;
    private final Consumer<RemediationReport> reports;
    private final Consumer<String> failures;

    public RemediatingExecutor(RemediationSettings settings, List<HubTarget> hubs, HubGatewayFactory connections,
                               TicketPort tickets, Clock clock, Consumer<RemediationReport> reports,
                               Consumer<String> failures) {
        this(settings, hubs, connections, tickets, clock, HubCoordination.unshared(), reports, failures);
    }

    /**
     * @param coordination the hubs' writer leases and the log of what runs spent, shared by every instance of the
     *                     app (and {@code apply})
     */
    public RemediatingExecutor(RemediationSettings settings, List<HubTarget> hubs, HubGatewayFactory connections,
                               TicketPort tickets, Clock clock, HubCoordination coordination,
                               Consumer<RemediationReport> reports, Consumer<String> failures) {
        if (settings.mode() == Mode.OBSERVE) {
            throw new IllegalArgumentException("observe mode writes nothing: use ReportOnlyExecutor");
        }
        this.settings = settings;
        this.hubs = List.copyOf(hubs);
        this.fleet = new FleetRemediation(settings, connections, tickets, clock, coordination);
        this.reports = reports;
        this.failures = failures;
    }

    @Override
    public ExecutionSummary execute(Plan plan, RunContext run) {
        boolean targeted = run.kind() == RunKind.TARGETED;
        ExecutionSummary.Builder summary = new ExecutionSummary.Builder();
        fleet.run(plan, hubs, targeted ? RosterScope.COUNT_ONLY : RosterScope.COUNT_AND_TAGGED, targeted, run.runId(),
                outcome -> fold(outcome, summary));
        return summary.build();
    }

    private void fold(HubOutcome outcome, ExecutionSummary.Builder summary) {
        if (outcome instanceof HubOutcome.Remediated r) {
            reports.accept(r.report());
            count(r.report(), summary);
            summary.addWait(r.throttlingWait());
        } else if (outcome instanceof HubOutcome.Unreachable u) {
            u.findings().forEach(f -> f.actions().forEach(a -> summary.add(a, ActionOutcome.FAILED, 1)));
            failures.accept(u.hub().hubName() + ": " + u.problem().getMessage());
        } else if (outcome instanceof HubOutcome.Busy b) {
            b.findings().forEach(f -> f.actions().forEach(a -> summary.add(a, ActionOutcome.DEFERRED, 1)));
            summary.unfinished(b.describe());
            summary.busy(b.hub().hubName());
        }
    }

    /** Each identity's actions, folded onto the plan's action types and the pipeline's outcomes. */
    static void count(RemediationReport report, ExecutionSummary.Builder summary) {
        boolean dryRun = report.mode() != Mode.ENFORCE;
        for (IdentityResult identity : report.identities()) {
            for (ActionResult a : identity.actions()) {
                Action action = switch (a.action()) {
                    case "backoff" -> Action.BACKOFF;
                    case "ticket" -> Action.TICKET;
                    case "tag", "resolve" -> Action.TAG;
                    default -> null;
                };
                if (action != null) {
                    summary.add(action, ActionOutcome.ofReported(a.outcome(), dryRun), 1);
                }
            }
        }
    }

    @Override
    public boolean writes() {
        return settings.mode() == Mode.ENFORCE;
    }

    @Override
    public String mode() {
        return settings.mode().label();
    }
}

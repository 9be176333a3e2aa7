package io.linkguard.cli;

import io.linkguard.evidence.ControlCharacters;

import io.linkguard.config.AnalysisSettings;
import io.linkguard.config.KnownSettings;
import io.linkguard.config.SettingsReader;
import io.linkguard.plan.Finding;
import io.linkguard.plan.Plan;
import io.linkguard.remediation.FleetRemediation;
import io.linkguard.remediation.HubCoordination;
import io.linkguard.remediation.HubTarget;
import io.linkguard.remediation.safety.Mode;
import io.linkguard.remediation.RemediationSettings;
import io.linkguard.remediation.Remediator;
import io.linkguard.remediation.RosterScope;
import io.linkguard.remediation.report.RemediationReport;
import io.linkguard.remediation.report.ReportJson;
import io.linkguard.remediation.report.ReportTable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code apply}: the plan's pipeline, then remediation on one hub in the mode asked for (observe, dry-run,
 * enforce; the default comes from LINKGUARD_MODE, itself dry-run by default).
 */
final class ApplyCommand {
    static final Set<String> OPTIONS = Set.of("logs", "hub", "mode", "format", "out", "settings", "set", "run-id");
    static final Set<String> FLAGS = Set.of("writes", "no-lease");
    static final String USAGE = """
            usage: linkguard apply --logs FILE|- [--hub HOST|ARM-ID] [options]

            The plan, then remediation on one hub: twin tags, back-off, tickets. Caps, the fleet guard and
            suppressions apply first; every write is idempotent and paced to the hub's throttles.

              --logs FILE|-                   the export, as for plan
              --hub HOST|ARM-ID               the hub (myhub.azure-devices.net or its ARM id); needed for dry-run
                                              and enforce
              --mode observe|dry-run|enforce  default: LINKGUARD_MODE, itself dry-run (lists every write, makes none);
                                              observe touches no hub
              --format table|json             report format (default table)
              --writes                        with table: list every write (always on in dry-run)
              --out FILE                      write the report to FILE instead of standard output
              --run-id ID                     id of this run in tags and tickets (default cli-<UTC time>)
              --no-lease                      enforce without the Functions app's state table: only when no
                                              Functions app acts on the hub (without it, enforce needs
                                              LINKGUARD_TABLE_ENDPOINT or AzureWebJobsStorage to take the
                                              hub's writer lease)
              --settings FILE                 app settings from a local.settings.json ("Values")
              --set LINKGUARD_X=V             one app setting (repeatable)
              -h, --help                      this help

            exit codes: 0 done; 2 bad usage or configuration; 3 input not readable; 5 something left undone
                        (a failure a later run retries, or the fleet guard); 6 the hub could not be reached;
                        7 the hub is busy: another run (the Functions app, another apply) kept its writer lease
                        beyond LINKGUARD_HUB_LEASE_WAIT_SECONDS (nothing done; run it again later)
            """;

    static final int EXIT_INCOMPLETE = 5;
    static final int EXIT_HUB_UNREACHABLE = 6;
    static final int EXIT_HUB_BUSY = 7;
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final Adapters adapters;

    ApplyCommand(PrintStream out, PrintStream err, Map<String, String> env, Adapters adapters) {
        this.out = out;
        this.err = err;
        this.env = env;
        this.adapters = adapters;
    }

    int run(List<String> args) throws IOException {
        Arguments a = Arguments.parse(args, OPTIONS, FLAGS);
        String logs = a.required("logs");
        String format = a.choice("format", "table", "json");
        Map<String, String> values = CliSettings.collect(env, a.get("settings"), a.all("set"));
        SettingsReader reader = new SettingsReader(values);
        AnalysisSettings analysis = AnalysisSettings.read(reader);
        RemediationSettings settings = RemediationSettings.read(reader);
        reader.rejectUnknown(KnownSettings.all());
        reader.throwIfInvalid();
        if (a.get("mode") != null) {
            settings = settings.withMode(Mode.ofLabel(a.get("mode")).orElseThrow(() -> new Arguments.UsageException(
                    "--mode must be observe, dry-run or enforce, got '" + a.get("mode") + "'")));
        }
        HubTarget target = null;
        if (a.get("hub") != null) {
            try {
                target = HubTarget.parse(a.get("hub"));
            } catch (IllegalArgumentException e) {
                throw new Arguments.UsageException("--hub: " + e.getMessage());
            }
        } else if (settings.mode() != Mode.OBSERVE) {
            throw new Arguments.UsageException("apply in mode " + settings.mode().label()
                    + " needs --hub <host name or ARM id> (or --mode observe, which touches no hub)");
        }
        String runId = a.get("run-id", "cli-" + RUN_ID.format(adapters.clock().instant()));
        Plan plan = PlanCommand.plan(logs, analysis);
        if (target != null && settings.mode() == Mode.OBSERVE) {
            String hub = target.hubName();
            plan = new Plan(plan.input(), plan.fleetEvents(),
                    plan.findings().stream().filter((Finding f) -> f.identity().hub().equals(hub)).toList());
        }
        RemediationReport report = settings.mode() == Mode.OBSERVE
                ? new Remediator(settings, null, null, adapters.clock()).run(plan, List.of(), runId)
                : remediate(plan, settings, target, values, runId, coordination(settings.mode(), a.flag("no-lease"), values));

        String rendered = format.equals("json") ? ReportJson.write(report)
                : ReportTable.write(report, a.flag("writes") || settings.mode() == Mode.DRY_RUN);
        if (a.get("out") != null) {
            OutputFile.writeText(Path.of(a.get("out")), w -> w.write(rendered));
            err.println("linkguard: " + ReportTable.summary(report));
        } else {
            out.print(rendered);
        }
        if (plan.input().unusable()) {
            err.println("linkguard: input not usable (nothing resolved): "
                    + ControlCharacters.escape(plan.input().incompleteBecause()));
            return PlanCommand.EXIT_INPUT_NOT_USABLE;
        }
        if (!report.inputComplete()) {
            err.println("linkguard: warning: input incomplete: " + ControlCharacters.escape(plan.input().incompleteBecause()));
        }
        return report.anyFailed() || report.anyGuarded() ? EXIT_INCOMPLETE : 0;
    }

    private RemediationReport remediate(Plan plan, RemediationSettings settings, HubTarget target,
                                        Map<String, String> values, String runId, HubCoordination coordination) {
        return new FleetRemediation(settings, adapters.hubs().apply(values), adapters.tickets().apply(values),
                adapters.clock(), coordination).run(plan, target, RosterScope.COUNT_AND_TAGGED, runId);
    }

    /**
     * The Functions app's hub leases and usage log when the settings name its state table: {@code apply} then
     * waits for the app's run on the hub and never acts beside it, and the fleet guard and the caps count what the
     * app spent. Enforce without them only with {@code --no-lease}.
     */
    private HubCoordination coordination(Mode mode, boolean noLease, Map<String, String> values) {
        if (noLease) {
            return HubCoordination.unshared();
        }
        Optional<HubCoordination> shared = adapters.coordination().apply(values);
        if (shared.isEmpty() && mode == Mode.ENFORCE) {
            throw new Arguments.UsageException("apply --mode enforce takes the hub's writer lease in the Functions app's "
                    + "state table, so that it never acts beside the app: set LINKGUARD_TABLE_ENDPOINT or AzureWebJobsStorage "
                    + "(e.g. --settings with the app's settings), or pass --no-lease if no Functions app acts on the hub");
        }
        if (shared.isEmpty()) {
            err.println("linkguard: no state table configured: this dry-run does not wait for the Functions app's runs");
        }
        return shared.orElse(HubCoordination.unshared());
    }
}

package io.linkguard.cli;

import io.linkguard.classification.Classification;
import io.linkguard.config.AnalysisSettings;
import io.linkguard.evidence.ControlCharacters;
import io.linkguard.evidence.EvidenceBatch;
import io.linkguard.evidence.ExportedLogsSource;
import io.linkguard.plan.Analyzer;
import io.linkguard.plan.Finding;
import io.linkguard.plan.Plan;
import io.linkguard.plan.PlanHtml;
import io.linkguard.plan.PlanJson;
import io.linkguard.plan.PlanTable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code plan}: read an exported log file, classify, print what enforce mode would do. Never writes anywhere but its outputs. */
final class PlanCommand {
    static final Set<String> OPTIONS = Set.of("logs", "format", "html", "out", "settings", "set", "fail-on");
    static final Set<String> FLAGS = Set.of("timeline");
    static final String USAGE = """
            usage: linkguard plan --logs FILE|- [options]

            Classify every identity with a 409002/400027 conflict in an exported log file and print what enforce
            mode would do. Read-only: writes nothing but its own outputs.

              --logs FILE|-          the export: az CLI JSON, query API JSON or portal CSV, plain or gzip (detected);
                                     - reads standard input
              --format table|json    output format (default table; json is docs/plan-json.md)
              --timeline             with --format json: each identity's event timeline
              --html FILE            also write a self-contained HTML report
              --out FILE             write the output to FILE instead of standard output
              --settings FILE        app settings from a local.settings.json ("Values")
              --set LINKGUARD_X=V    one app setting (repeatable; wins over --settings and the environment)
              --fail-on CLASS[,...]  exit 4 if any identity has one of these classes (transient,
                                     faulty-reconnect, shared-identity, platform-event)
              -h, --help             this help

            exit codes: 0 done; 2 bad usage or configuration; 3 input not readable or no row usable; 4 --fail-on matched
            """;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    PlanCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    int run(List<String> args) throws IOException {
        Arguments a = Arguments.parse(args, OPTIONS, FLAGS);
        String logs = a.required("logs");
        String format = a.choice("format", "table", "json");
        Set<Classification> failOn = failOn(a.get("fail-on"));
        AnalysisSettings settings = AnalysisSettings.fromSettings(CliSettings.collect(env, a.get("settings"), a.all("set")));
        Plan plan = plan(logs, settings);

        if (format.equals("json")) {
            writeJson(plan, a.flag("timeline"), a.get("out"));
        } else if (a.get("out") != null) {
            OutputFile.writeText(Path.of(a.get("out")), w -> PlanTable.write(plan, w));
        } else {
            PlanTable.write(plan, out);
        }
        if (a.get("html") != null) {
            OutputFile.writeText(Path.of(a.get("html")), w -> PlanHtml.write(plan, settings.thresholds().fleetBin(), w));
            err.println("linkguard: report written to " + a.get("html"));
        }
        if (plan.input().unusable()) {
            err.println("linkguard: input not usable: " + ControlCharacters.escape(plan.input().incompleteBecause()));
            return EXIT_INPUT_NOT_USABLE;
        }
        if (plan.input().incompleteBecause() != null) {
            err.println("linkguard: warning: input incomplete: " + ControlCharacters.escape(plan.input().incompleteBecause()));
        }
        boolean matched = plan.findings().stream().map(Finding::verdict).anyMatch(v -> failOn.contains(v.classification()));
        return matched ? 4 : 0;
    }

    /** Streamed, as the table and the HTML report are: a plan of many identities is never held whole in memory as text. */
    private void writeJson(Plan plan, boolean timeline, String file) throws IOException {
        if (file == null) {
            PlanJson.write(plan, timeline, out);
            return;
        }
        OutputFile.write(Path.of(file), o -> PlanJson.write(plan, timeline, o));
    }

    /** Unreadable input, or input of which not a single row could be used: "nothing found" would be a lie. */
    static final int EXIT_INPUT_NOT_USABLE = 3;

    static Plan plan(String logs, AnalysisSettings settings) throws IOException {
        ExportedLogsSource source = new ExportedLogsSource(settings.evidence(), settings.thresholds().fleetBin());
        EvidenceBatch batch = logs.equals("-") ? source.read(System.in, "stdin") : source.read(Path.of(logs));
        return new Analyzer(settings).analyze(batch);
    }

    private static Set<Classification> failOn(String spec) {
        Set<Classification> set = EnumSet.noneOf(Classification.class);
        if (spec == null) {
            return set;
        }
        for (String label : Arrays.asList(spec.split(","))) {
            try {
                set.add(Classification.ofLabel(label.trim()));
            } catch (IllegalArgumentException e) {
                throw new Arguments.UsageException("--fail-on: " + e.getMessage()
                        + " (use transient, faulty-reconnect, shared-identity, platform-event)");
            }
        }
        return set;
    }
}

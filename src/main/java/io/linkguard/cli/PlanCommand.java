package io.linkguard.cli;

import io.linkguard.classification.Classification;
import io.linkguard.config.AnalysisSettings;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code plan}: read an exported log file, classify, print what enforce mode would do. Never writes anywhere but its outputs. */
final class PlanCommand {
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    PlanCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    int run(List<String> args) throws IOException {
        Arguments a = Arguments.parse(args, Set.of("logs", "format", "html", "out", "settings", "set", "fail-on"),
                Set.of("timeline"));
        String logs = a.required("logs");
        String format = a.choice("format", "table", "json");
        Set<Classification> failOn = failOn(a.get("fail-on"));
        AnalysisSettings settings = AnalysisSettings.fromSettings(CliSettings.collect(env, a.get("settings"), a.all("set")));
        Plan plan = plan(logs, settings);

        String rendered = format.equals("json") ? PlanJson.write(plan, a.flag("timeline")) : PlanTable.write(plan);
        if (a.get("out") != null) {
            Files.writeString(Path.of(a.get("out")), rendered, StandardCharsets.UTF_8);
        } else {
            out.print(rendered);
        }
        if (a.get("html") != null) {
            Files.writeString(Path.of(a.get("html")), PlanHtml.write(plan, settings.thresholds().fleetBin()), StandardCharsets.UTF_8);
            err.println("linkguard: report written to " + a.get("html"));
        }
        if (plan.input().incompleteBecause() != null) {
            err.println("linkguard: warning: input incomplete: " + plan.input().incompleteBecause());
        }
        boolean matched = plan.findings().stream().map(Finding::verdict).anyMatch(v -> failOn.contains(v.classification()));
        return matched ? 4 : 0;
    }

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

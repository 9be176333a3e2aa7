package io.linkguard.cli;

import io.linkguard.config.AnalysisSettings;
import io.linkguard.plan.Plan;
import io.linkguard.simulator.CohortGrade;
import io.linkguard.simulator.Evaluation;
import io.linkguard.simulator.GroundTruth;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code evaluate}: plan a simulated file and score it against the simulator's truth. */
final class EvaluateCommand {
    static final Set<String> OPTIONS = Set.of("logs", "truth", "settings", "set");
    static final Set<String> FLAGS = Set.of();
    static final String USAGE = """
            usage: linkguard evaluate --logs FILE --truth truth.json [options]

            Plan a simulated file and score the classes against the simulator's ground truth.

              --logs FILE            a file written by simulate
              --truth FILE           its truth.json
              --settings FILE        app settings from a local.settings.json ("Values")
              --set LINKGUARD_X=V    one app setting (repeatable)
              -h, --help             this help

            exit codes: 0 done; 2 bad usage or configuration; 3 input not readable
            """;

    private final PrintStream out;
    private final Map<String, String> env;

    EvaluateCommand(PrintStream out, Map<String, String> env) {
        this.out = out;
        this.env = env;
    }

    int run(List<String> args) throws IOException {
        Arguments a = Arguments.parse(args, OPTIONS, FLAGS);
        AnalysisSettings settings = AnalysisSettings.fromSettings(CliSettings.collect(env, a.get("settings"), a.all("set")));
        Plan plan = PlanCommand.plan(a.required("logs"), settings);
        Path truth = Path.of(a.required("truth"));
        Evaluation evaluation = Evaluation.of(plan, GroundTruth.read(truth));
        out.print(evaluation.report());
        if (plan.fleetFindings().cohortsComputed()) {
            out.print(CohortGrade.of(plan.fleetFindings(), GroundTruth.readCohorts(truth)).report());
        }
        return 0;
    }
}

package io.linkguard.cli;

import io.linkguard.config.AnalysisSettings;
import io.linkguard.plan.Plan;
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
    private final PrintStream out;
    private final Map<String, String> env;

    EvaluateCommand(PrintStream out, Map<String, String> env) {
        this.out = out;
        this.env = env;
    }

    int run(List<String> args) throws IOException {
        Arguments a = Arguments.parse(args, Set.of("logs", "truth", "settings", "set"), Set.of());
        AnalysisSettings settings = AnalysisSettings.fromSettings(CliSettings.collect(env, a.get("settings"), a.all("set")));
        Plan plan = PlanCommand.plan(a.required("logs"), settings);
        Evaluation evaluation = Evaluation.of(plan, GroundTruth.read(Path.of(a.required("truth"))));
        out.print(evaluation.report());
        return 0;
    }
}

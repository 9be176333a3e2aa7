package io.linkguard.cli;

import io.linkguard.simulator.ExportFormat;
import io.linkguard.simulator.FleetProfile;
import io.linkguard.simulator.FleetSimulator;
import io.linkguard.simulator.SimulatedExport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code simulate}: a fleet's logs in every export format, with ground truth. */
final class SimulateCommand {
    static final Set<String> OPTIONS = Set.of("out", "seed", "identities", "hours", "cohort-share");
    static final Set<String> FLAGS = Set.of("gzip");
    static final String USAGE = """
            usage: linkguard simulate --out DIR [options]

            Write a simulated fleet's Connections logs in all five export formats, plus truth.json with each
            labelled identity's class (docs/simulator.md).

              --out DIR         directory to write to (created if missing)
              --seed N          simulator seed (default 1)
              --identities N    identities per hub (default 60)
              --hours H         hours of logs (default 6)
              --cohort-share S  share of every hub's identities running a buggy SDK version, 60 % of them
                                faulty-reconnect because of it (truth.json "cohort"); default 0, none
              --gzip            gzip the log files
              -h, --help        this help

            exit codes: 0 done; 2 bad usage
            """;

    private final PrintStream out;

    SimulateCommand(PrintStream out) {
        this.out = out;
    }

    private static double cohortShare(Arguments a) {
        String text = a.get("cohort-share");
        if (text == null) {
            return 0;
        }
        try {
            double share = Double.parseDouble(text);
            if (share >= 0 && share <= 1) {
                return share;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new Arguments.UsageException("--cohort-share must be a number from 0 to 1, got '" + text + "'");
    }

    int run(List<String> args) throws IOException {
        Arguments a = Arguments.parse(args, OPTIONS, FLAGS);
        Path dir = Path.of(a.required("out"));
        FleetProfile profile = FleetProfile.sample(a.integer("seed", 1))
                .withIdentitiesPerHub(a.integer("identities", 60))
                .withHours(a.integer("hours", 6))
                .withCohort(FleetProfile.SdkCohort.buggySdk(cohortShare(a)));
        FleetSimulator simulator = new FleetSimulator(profile);
        SimulatedExport.Result result = SimulatedExport.write(simulator, dir, List.of(ExportFormat.values()), a.flag("gzip"));
        out.printf("wrote %d rows per format, %d labelled identities to %s%n", result.rows(), result.labelled(), dir);
        for (Path file : result.files()) {
            out.println("  " + file);
        }
        return 0;
    }
}

package io.linkguard.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link HandWrittenPiecesBenchmark} (JMH, one fork) and writes its figures as a markdown table:
 * {@code HandWrittenPieces [--quick] [--out FILE]} (default target/bench/pieces.md). Run by tools/bench.sh.
 */
public final class HandWrittenPieces {
    private record Pair(String piece, String linkGuard, String library, String libraryName, double unitsPerOp, String unit) {
    }

    private HandWrittenPieces() {
    }

    public static void main(String[] args) throws RunnerException, IOException {
        boolean quick = List.of(args).contains("--quick");
        int outAt = List.of(args).indexOf("--out");
        Path out = Path.of(outAt >= 0 ? args[outAt + 1] : "target/bench/pieces.md");
        HandWrittenPiecesBenchmark.Export export = new HandWrittenPiecesBenchmark.Export();
        export.generate();
        OptionsBuilder options = new OptionsBuilder();
        options.include(HandWrittenPiecesBenchmark.class.getName() + "\\.").forks(1)
                .jvmArgsAppend("-Xmx1g")
                .warmupIterations(quick ? 1 : 3).warmupTime(TimeValue.seconds(quick ? 1 : 2))
                .measurementIterations(quick ? 1 : 5).measurementTime(TimeValue.seconds(quick ? 1 : 2));
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<String, double[]> score = new HashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            score.put(name.substring(name.lastIndexOf('.') + 1),
                    new double[] {r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()});
        }
        List<Pair> pairs = List.of(
                new Pair("portal CSV reader (logs/CsvRecords, CsvLogReader)", "csvLinkGuard", "csvJackson",
                        "jackson-dataformat-csv, String[] per record", export.rows, "rows/s"),
                new Pair("az CLI JSON reader (logs/JsonLogReader)", "azJsonLinkGuard", "azJsonJacksonDatabind",
                        "Jackson databind, a Map per object", export.rows, "rows/s"),
                new Pair("portal timestamp (logs/LogTimestamps)", "portalTimestampLinkGuard", "portalTimestampJavaTime",
                        "java.time DateTimeFormatter", HandWrittenPiecesBenchmark.Timestamps.COUNT, "timestamps/s"),
                new Pair("ISO 8601 timestamp (logs/LogTimestamps)", "isoTimestampLinkGuard", "isoTimestampJavaTime",
                        "java.time Instant.parse", HandWrittenPiecesBenchmark.Timestamps.COUNT, "timestamps/s"));
        StringBuilder md = new StringBuilder();
        md.append("| piece | LinkGuard | library | library's | LinkGuard / library |\n|---|---|---|---|---|\n");
        for (Pair p : pairs) {
            double[] lg = score.get(p.linkGuard());
            double[] lib = score.get(p.library());
            md.append(String.format(Locale.ROOT, "| %s | %,.0f %s | %s | %,.0f %s | **%.2f×** |%n", p.piece(),
                    lg[0] * p.unitsPerOp(), p.unit(), p.libraryName(), lib[0] * p.unitsPerOp(), p.unit(), lg[0] / lib[0]));
        }
        md.append(String.format(Locale.ROOT, "%nJMH 1.37, 1 fork, %s; %,d rows of simulated export in memory (%.1f MiB CSV, "
                        + "%.1f MiB az JSON); %d available processors, load average %.1f at the end%s.%n",
                quick ? "1 x 1 s warm-up and measurement (--quick: not meaningful)" : "3 x 2 s warm-up, 5 x 2 s measurement",
                export.rows, export.csv.length / 1048576.0, export.azJson.length / 1048576.0,
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                ", " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
        System.out.print(md);
    }
}

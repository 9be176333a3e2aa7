package io.linkguard.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Cold start of the timer path: JVM start to the first Log Analytics query sent, in fresh JVMs, against the
 * loopback stand-ins of {@link ColdStartHarness} (managed identity, Azurite over HTTPS with OAuth, the query
 * API). Not a test: nothing asserts on the figures. Command and results: docs/benchmarks.md.
 *
 * <p>The probe JVM gets the options the Azure Functions Java worker starts with ({@link #WORKER_OPTIONS}, from
 * the worker's worker.config.json), so the figures are those of the worker's JVM.
 *
 * <p>Options: {@code --runs N} (default 5, after one discarded warm-up run that creates the tables);
 * {@code --jvm "<options>"} measures a variant with other JVM options in place of the worker's (e.g. an empty
 * string's opposite, {@code -XX:TieredStopAtLevel=4}), the two interleaved run by run so that load on the
 * machine hits both alike.
 */
public final class ColdStartBenchmark {
    /** The Java worker's own JVM options (azure-functions-java-worker, worker.config.json), minus the obsolete -noverify. */
    public static final List<String> WORKER_OPTIONS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-Djava.net.preferIPv4Stack=true");

    private ColdStartBenchmark() {
    }

    public static void main(String[] args) {
        int runs = 5;
        List<String> variant = List.of();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--jvm" -> variant = Arrays.asList(args[++i].trim().split("\\s+"));
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (use --runs N, --jvm \"<options>\")");
            }
        }
        String classpath = System.getProperty("java.class.path");
        try (ColdStartHarness harness = ColdStartHarness.start()) {
            ColdStartHarness.ProbeRun warmUp = check(harness.run(classpath, WORKER_OPTIONS));
            System.out.printf("cold start of the timer path, a fresh JVM per run%nwarm-up run (creates the tables): JVM start -> "
                    + "first query %d ms%n", warmUp.jvmStartToFirstQuery());
            System.out.println("run  JVM options       spawn->query  jvm->query  jvm->main  main->token  token->query  jvm->done (ms)");
            List<ColdStartHarness.ProbeRun> base = new ArrayList<>();
            List<ColdStartHarness.ProbeRun> other = new ArrayList<>();
            for (int i = 1; i <= runs; i++) {
                base.add(report(i, "worker's", check(harness.run(classpath, WORKER_OPTIONS))));
                if (!variant.isEmpty()) {
                    other.add(report(i, String.join(" ", variant), check(harness.run(classpath, variant))));
                }
            }
            summary("worker's: " + String.join(" ", WORKER_OPTIONS), base);
            if (!variant.isEmpty()) {
                summary(String.join(" ", variant), other);
            }
        }
    }

    private static ColdStartHarness.ProbeRun report(int i, String mode, ColdStartHarness.ProbeRun r) {
        System.out.printf("%3d  %-16s  %12d  %10d  %9d  %11d  %12d  %10d%n", i, mode.length() > 16 ? mode.substring(0, 16) : mode,
                r.spawnToFirstQuery(), r.jvmStartToFirstQuery(), r.jvmStartToMain(), r.mainToFirstToken(), r.firstTokenToFirstQuery(),
                r.jvmStartToDone());
        return r;
    }

    private static void summary(String mode, List<ColdStartHarness.ProbeRun> runs) {
        System.out.printf("median [%s]: JVM start -> first query %d ms; process spawn -> first query %d ms; JVM start -> run done %d ms%n",
                mode, median(runs, ColdStartHarness.ProbeRun::jvmStartToFirstQuery),
                median(runs, ColdStartHarness.ProbeRun::spawnToFirstQuery), median(runs, ColdStartHarness.ProbeRun::jvmStartToDone));
    }

    private static ColdStartHarness.ProbeRun check(ColdStartHarness.ProbeRun r) {
        if (r.exitCode() != 0 || r.firstQuery() < 0) {
            throw new IllegalStateException("the probe failed:\n" + r.output());
        }
        return r;
    }

    private static long median(List<ColdStartHarness.ProbeRun> runs, ToLongFunction<ColdStartHarness.ProbeRun> f) {
        long[] v = runs.stream().mapToLong(f).sorted().toArray();
        return v[v.length / 2];
    }
}

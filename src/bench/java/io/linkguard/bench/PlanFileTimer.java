package io.linkguard.bench;

import io.linkguard.config.AnalysisSettings;
import io.linkguard.evidence.ExportedLogsSource;
import io.linkguard.plan.Analyzer;
import io.linkguard.plan.Plan;
import io.linkguard.plan.PlanJson;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Times {@code plan} (read + analyze) on an existing export file: one line per timed run with wall time, CPU
 * time of the process and a digest of the plan's JSON. It uses only APIs that older builds have too, so
 * {@code tools/plan-ab.sh} can run this class against a baseline commit's classes for an A/B comparison.
 *
 * <pre>java -Xmx256m -cp ... io.linkguard.bench.PlanFileTimer FILE [WARM_UP_SECONDS] [REPEAT]</pre>
 */
public final class PlanFileTimer {
    private PlanFileTimer() {
    }

    public static void main(String[] args) throws IOException, NoSuchAlgorithmException {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: PlanFileTimer FILE [WARM_UP_SECONDS (default 4)] [REPEAT (default 5)]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        double warmUp = args.length > 1 ? Double.parseDouble(args[1]) : 4;
        int repeat = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        AnalysisSettings settings = AnalysisSettings.DEFAULTS;
        long start = System.nanoTime();
        Plan plan = null;
        do {
            plan = null; // the previous plan is not held while the next one is read
            plan = plan(settings, file);
        } while (System.nanoTime() - start < warmUp * 1e9);
        String digest = digest(plan);
        long rows = plan.input().rows();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int i = 1; i <= repeat; i++) {
            plan = null;
            System.gc();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            plan = plan(settings, file);
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            System.out.printf(Locale.ROOT, "run=%d wall=%.4f cpu=%.4f rows=%d rowsPerSecond=%.0f cpuMicrosPerRow=%.3f"
                    + " load=%.1f digest=%s%n", i, wall, cpu, rows, rows / wall, 1e6 * cpu / rows,
                    os.getSystemLoadAverage(), digest);
        }
    }

    private static Plan plan(AnalysisSettings settings, Path file) throws IOException {
        ExportedLogsSource source = new ExportedLogsSource(settings.evidence(), settings.thresholds().fleetBin());
        return new Analyzer(settings).analyze(source.read(file));
    }

    /**
     * The plan's JSON (timelines included) digested as it is written, so a plan of millions of rows needs no text
     * in memory; a baseline built before the streaming writer gets the same bytes through its String writer.
     */
    private static String digest(Plan plan) throws NoSuchAlgorithmException, IOException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
            try {
                PlanJson.write(plan, true, out);
            } catch (NoSuchMethodError olderBuild) {
                out.write(PlanJson.write(plan, true).getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 8);
    }
}

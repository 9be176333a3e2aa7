package io.linkguard.bench;

import io.linkguard.config.AnalysisSettings;
import io.linkguard.evidence.EvidenceBatch;
import io.linkguard.evidence.ExportedLogsSource;
import io.linkguard.plan.Analyzer;
import io.linkguard.plan.Plan;
import io.linkguard.simulator.ExportFormat;
import io.linkguard.simulator.ExportWriter;
import io.linkguard.simulator.FleetProfile;
import io.linkguard.simulator.FleetSimulator;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Benchmark of the {@code plan} pipeline (not a test; nothing here asserts on timings). See docs/benchmarks.md.
 *
 * <ol>
 *   <li>Plan throughput: a large export generated with the simulator in streaming mode, then
 *       {@link ExportedLogsSource#read(Path)} + {@link Analyzer#analyze} timed over a few repetitions after a
 *       warm-up; median rows/s and MB/s. Target: 500,000 rows/s on a 2-core machine.</li>
 *   <li>Heap vs. file size: the same fleet over 1x, 2x and 4x the hours; peak heap during each plan run and
 *       live heap after a full GC while the plan is still referenced. Run with a small fixed heap
 *       ({@code -Xmx256m}).</li>
 *   <li>Classification throughput: {@link Analyzer#analyze} alone on a prepared {@link EvidenceBatch} with many
 *       conflicting identities; median identities/s.</li>
 * </ol>
 */
public final class PlanBenchmark {
    static final double TARGET_ROWS_PER_SECOND = 500_000;
    static final int WARM_UP_SECONDS = 4;
    private static final double MB = 1024.0 * 1024.0;

    private final BenchOptions options;
    private final PrintStream out;
    private final AnalysisSettings settings = AnalysisSettings.DEFAULTS;

    /** What a run measured; the figures the report prints. */
    public record Result(long rows, double rowsPerSecond, double mbPerSecond, List<HeapStep> heap,
                         long classifiedIdentities, double identitiesPerSecond) {
    }

    /** Heap figures of one file of the growth check. */
    public record HeapStep(int factor, long rows, long fileBytes, long peakBytes, long peakOldBytes,
                           long maxAfterGcBytes, long gcCount, long liveAfterBytes, double seconds) {
    }

    private record Generated(Path file, long rows, long bytes, long uncompressedBytes, int conflictIdentities,
                             double seconds) {
    }

    PlanBenchmark(BenchOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        try {
            run(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    /** Runs all three measurements and prints the report to {@code out}. */
    public static Result run(String[] args, PrintStream out) throws IOException {
        return new PlanBenchmark(BenchOptions.parse(args), out).run();
    }

    Result run() throws IOException {
        Path dir = options.dir() != null ? Files.createDirectories(options.dir())
                : Files.createTempDirectory("linkguard-bench-");
        boolean keep = options.dir() != null;
        try {
            describeMachine();
            Generated base = generate(dir, options.identities(), options.hours(), "base");
            double[] throughput = throughput(base);
            List<HeapStep> heap = heapGrowth(dir, base, keep);
            if (!keep) {
                Files.deleteIfExists(base.file());
            }
            double[] classification;
            try {
                classification = classification();
            } catch (OutOfMemoryError e) {
                // Report instead of dying: the batch of section 3 holds every identity's evidence at once.
                classification = new double[] {0, Double.NaN};
                out.printf(Locale.ROOT, "  FAILED    OutOfMemoryError building/classifying the batch with max heap %s: %s%n",
                        mib(Runtime.getRuntime().maxMemory()), e.getMessage());
                out.println("            (section 3 holds the whole EvidenceBatch; rerun with a larger -Xmx or a smaller");
                out.println("            --classify-identities; sections 1 and 2 are unaffected)");
            }
            out.println();
            out.println("Done.");
            return new Result(base.rows(), throughput[0], throughput[1], heap, (long) classification[0],
                    classification[1]);
        } finally {
            if (!keep) {
                deleteTree(dir);
            }
        }
    }

    // ---- 0. the machine ----------------------------------------------------------------------------------

    private void describeMachine() {
        Runtime rt = Runtime.getRuntime();
        String physical = "?";
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            physical = mib(os.getTotalMemorySize());
        }
        String gcs = ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining(", "));
        out.println("LinkGuard plan benchmark" + (options.quick() ? " (--quick: smoke-run sizes, figures not meaningful)" : ""));
        out.println("=".repeat(72));
        out.printf(Locale.ROOT, "machine   %d available processors, %s physical memory, %s %s, load average %.1f%n",
                rt.availableProcessors(), physical, System.getProperty("os.name"), System.getProperty("os.arch"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.printf(Locale.ROOT, "java      %s (%s %s), max heap %s, GC: %s%n", System.getProperty("java.version"),
                System.getProperty("java.vm.name"), System.getProperty("java.vm.version"), mib(rt.maxMemory()), gcs);
        out.printf(Locale.ROOT, "input     %s%s, %d hubs x %d identities, %d h base, seed %d, %d timed run(s) after 1 warm-up%n",
                BenchOptions.label(options.format()), options.gzip() ? " (gzip)" : "", options.hubs(),
                options.identities(), options.hours(), options.seed(), options.repeat());
    }

    // ---- 1. plan throughput -----------------------------------------------------------------------------

    private double[] throughput(Generated file) throws IOException {
        section("1. Plan throughput (ExportedLogsSource.read + Analyzer.analyze)");
        describe(file);
        // One warm-up phase: plan runs until WARM_UP_SECONDS have passed (at least one), so the JIT has settled.
        long warmStart = System.nanoTime();
        int warmRuns = 0;
        Plan warm;
        do {
            warm = plan(file.file());
            warmRuns++;
        } while (!options.quick() && System.nanoTime() - warmStart < WARM_UP_SECONDS * 1_000_000_000L);
        out.printf(Locale.ROOT, "  warm-up   %d run(s) in %.1f s; %,d rows read, %,d used, %,d identities with conflicts, %d fleet event(s)%n",
                warmRuns, (System.nanoTime() - warmStart) / 1e9, warm.input().rows(), warm.input().used(),
                warm.findings().size(), warm.fleetEvents().size());
        warm = null;
        double[] seconds = new double[options.repeat()];
        double[] cpuSeconds = new double[options.repeat()];
        for (int i = 0; i < seconds.length; i++) {
            HeapProbe.fullGc();
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            Plan plan = plan(file.file());
            seconds[i] = (System.nanoTime() - t0) / 1e9;
            cpuSeconds[i] = (processCpuNanos() - cpu0) / 1e9;
            out.printf(Locale.ROOT, "  run %-5d %8.3f s  %,12.0f rows/s  %7.1f MB/s  cpu %6.3f s (%.2f us/row)%n", i + 1,
                    seconds[i], file.rows() / seconds[i], file.bytes() / MB / seconds[i], cpuSeconds[i],
                    1e6 * cpuSeconds[i] / file.rows());
            Reference.reachabilityFence(plan);
        }
        double median = median(seconds);
        double medianCpu = median(cpuSeconds);
        double rowsPerSecond = file.rows() / median;
        double mbPerSecond = file.bytes() / MB / median;
        out.printf(Locale.ROOT, "  median    %8.3f s  %,12.0f rows/s  %7.1f MB/s  cpu %6.3f s (%.2f us/row)", median,
                rowsPerSecond, mbPerSecond, medianCpu, 1e6 * medianCpu / file.rows());
        if (options.gzip()) {
            out.printf(Locale.ROOT, " (%.1f MB/s uncompressed)", file.uncompressedBytes() / MB / median);
        }
        out.println();
        out.printf(Locale.ROOT, "  load      system load average %.1f on %d processors (cpu = this process, all threads incl. GC;%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
        out.println("            on a shared machine cpu per row is steadier than wall time)");
        out.printf(Locale.ROOT, "  vs target %.2fx of %,.0f rows/s (target is for 2 cores)  %s%n",
                rowsPerSecond / TARGET_ROWS_PER_SECOND, TARGET_ROWS_PER_SECOND,
                rowsPerSecond >= TARGET_ROWS_PER_SECOND ? "MEETS TARGET" : "BELOW TARGET");
        return new double[] {rowsPerSecond, mbPerSecond};
    }

    // ---- 2. heap as the file grows ----------------------------------------------------------------------

    private List<HeapStep> heapGrowth(Path dir, Generated base, boolean keep) throws IOException {
        section("2. Heap as the file grows (same fleet, 1x / 2x / 4x the hours)");
        out.println("  peak = sum of heap-pool peaks during the run (includes uncollected garbage, follows the young gen);");
        out.println("  old = old-gen peak; max-after-GC = largest heap used right after a GC during the run;");
        out.println("  live = heap used after a full GC at the end, plan still referenced;");
        out.printf(Locale.ROOT, "  rows/id = rows per identity (each identity keeps at most %d timeline events, so live heap%n",
                settings.evidence().timelineEvents());
        out.println("  may rise until identities reach that cap and stays flat after it).");
        out.printf(Locale.ROOT, "  %-4s %12s %8s %10s %10s %10s %10s %12s %6s %10s%n", "x", "rows", "rows/id", "file MiB", "peak MiB",
                "old MiB", "live MiB", "maxAfterGC", "GCs", "rows/s");
        List<HeapStep> steps = new ArrayList<>();
        try (HeapProbe probe = new HeapProbe()) {
            for (int factor : new int[] {1, 2, 4}) {
                Generated g = factor == 1 ? base
                        : generate(dir, options.identities(), options.hours() * factor, "heap-" + factor + "x");
                probe.start();
                long t0 = System.nanoTime();
                Plan plan = plan(g.file());
                double seconds = (System.nanoTime() - t0) / 1e9;
                HeapProbe.Figures f = probe.stop();
                long live = HeapProbe.liveAfterFullGc();
                Reference.reachabilityFence(plan);
                HeapStep step = new HeapStep(factor, g.rows(), g.bytes(), f.peakBytes(), f.peakOldBytes(),
                        f.maxAfterGcBytes(), f.gcCount(), live, seconds);
                steps.add(step);
                out.printf(Locale.ROOT, "  %-4s %,12d %8.1f %10.1f %10.1f %10.1f %10.1f %12s %6d %,10.0f%n", factor + "x",
                        step.rows(), (double) step.rows() / ((long) options.identities() * options.hubs()),
                        step.fileBytes() / MB, step.peakBytes() / MB, step.peakOldBytes() / MB,
                        step.liveAfterBytes() / MB,
                        step.maxAfterGcBytes() < 0 ? "-" : String.format(Locale.ROOT, "%.1f", step.maxAfterGcBytes() / MB),
                        step.gcCount(), step.rows() / seconds);
                if (factor != 1 && !keep) {
                    Files.deleteIfExists(g.file());
                }
            }
        }
        HeapStep one = steps.get(0);
        HeapStep four = steps.get(steps.size() - 1);
        out.printf(Locale.ROOT, "  4x vs 1x  rows %.2fx, peak heap %.2fx, old-gen peak %s, live heap %.2fx%n",
                (double) four.rows() / one.rows(), ratio(four.peakBytes(), one.peakBytes()),
                one.peakOldBytes() > 0 ? String.format(Locale.ROOT, "%.2fx", ratio(four.peakOldBytes(), one.peakOldBytes())) : "n/a",
                ratio(four.liveAfterBytes(), one.liveAfterBytes()));
        out.println("  (heap should stay roughly flat while rows grow 4x; run with e.g. -Xmx256m to make that visible)");
        return steps;
    }

    // ---- 3. classification throughput -------------------------------------------------------------------

    private double[] classification() throws IOException {
        section("3. Classification throughput (Analyzer.analyze alone on a prepared EvidenceBatch)");
        int hours = options.quick() ? 2 : 3;
        FleetProfile profile = FleetProfile.sample(options.seed() + 1)
                .withIdentitiesPerHub(options.classifyIdentities()).withHours(hours).withShares(0.35, 0.25, 0.2);
        profile = new FleetProfile(profile.seed(), profile.identitiesPerHub(), options.hubs(), profile.hours(),
                profile.transientShare(), profile.faultyShare(), profile.sharedShare(), profile.moduleShare(),
                profile.platformEventShare(), profile.malformedShare());
        long prepareStart = System.nanoTime();
        EvidenceBatch batch = readWhileGenerating(profile);
        double prepared = (System.nanoTime() - prepareStart) / 1e9;
        int identities = batch.identities().size();
        out.printf(Locale.ROOT, "  batch     %d hubs x %d identities, shares transient/faulty/shared 0.35/0.25/0.20, %d h:%n",
                options.hubs(), options.classifyIdentities(), hours);
        out.printf(Locale.ROOT, "            %,d rows (generated and read through a pipe in %.1f s, no file) -> %,d identities%n",
                batch.input().rows(), prepared, identities);
        out.println("            with conflicts to classify");
        Analyzer analyzer = new Analyzer(settings);
        // Warm-up: enough passes for the JIT, then the timed ones.
        int warmups = options.quick() ? 1 : 3;
        for (int i = 0; i < warmups; i++) {
            Reference.reachabilityFence(analyzer.analyze(batch));
        }
        int repeat = Math.max(options.repeat(), options.quick() ? 1 : 5);
        double[] seconds = new double[repeat];
        for (int i = 0; i < repeat; i++) {
            long t0 = System.nanoTime();
            Plan plan = analyzer.analyze(batch);
            seconds[i] = (System.nanoTime() - t0) / 1e9;
            Reference.reachabilityFence(plan);
        }
        double median = median(seconds);
        double perSecond = identities / median;
        out.printf(Locale.ROOT, "  median    %8.3f s over %d runs  %,12.0f identities/s  (%.1f us per identity)%n",
                median, repeat, perSecond, 1e6 * median / Math.max(1, identities));
        return new double[] {identities, perSecond};
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private Plan plan(Path file) throws IOException {
        EvidenceBatch batch = source().read(file);
        return new Analyzer(settings).analyze(batch);
    }

    /**
     * Builds an EvidenceBatch from a simulated fleet without a file: the simulator streams into a pipe on a
     * second thread while ExportedLogsSource reads the other end (both bounded in memory).
     */
    private EvidenceBatch readWhileGenerating(FleetProfile profile) throws IOException {
        PipedInputStream in = new PipedInputStream(1 << 16);
        PipedOutputStream pipe = new PipedOutputStream(in);
        FleetSimulator simulator = new FleetSimulator(profile);
        IOException[] failure = new IOException[1];
        Thread producer = new Thread(() -> {
            try (OutputStream raw = new BufferedOutputStream(pipe, 1 << 16);
                 ExportWriter writer = new ExportWriter(options.format(), raw)) {
                streamRows(simulator, writer);
            } catch (IOException e) {
                failure[0] = e;
            }
        }, "bench-generator");
        producer.setDaemon(true);
        producer.start();
        EvidenceBatch batch;
        try (in) {
            batch = source().read(in, "simulated " + BenchOptions.label(options.format()));
        }
        try {
            producer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while generating", e);
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        return batch;
    }

    /**
     * FleetSimulator.generate writes identity by identity (not time-shuffled), so nothing is held in memory;
     * returns the number of rows written.
     */
    private static long streamRows(FleetSimulator simulator, ExportWriter writer) throws IOException {
        long[] rows = {0};
        try {
            simulator.generate(row -> {
                rows[0]++;
                try {
                    writer.write(row);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return rows[0];
    }

    private ExportedLogsSource source() {
        return new ExportedLogsSource(settings.evidence(), settings.thresholds().fleetBin());
    }

    private Generated generate(Path dir, int identities, int hours, String name) throws IOException {
        FleetProfile sample = FleetProfile.sample(options.seed());
        FleetProfile profile = new FleetProfile(options.seed(), identities, options.hubs(), hours,
                sample.transientShare(), sample.faultyShare(), sample.sharedShare(), sample.moduleShare(),
                sample.platformEventShare(), sample.malformedShare());
        return generate(dir, profile, name);
    }

    /** Streams the simulated fleet identity by identity through an ExportWriter; nothing is held in memory. */
    private Generated generate(Path dir, FleetProfile profile, String name) throws IOException {
        Path file = dir.resolve("bench-" + name + "-" + options.format().fileName() + (options.gzip() ? ".gz" : ""));
        FleetSimulator simulator = new FleetSimulator(profile);
        long t0 = System.nanoTime();
        Counting counting;
        long rows;
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
             OutputStream compressed = options.gzip() ? new GZIPOutputStream(raw, 1 << 16) : raw) {
            counting = new Counting(compressed);
            try (ExportWriter writer = new ExportWriter(options.format(), counting)) {
                rows = streamRows(simulator, writer);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Generated(file, rows, Files.size(file), counting.count, simulator.truth().size(), seconds);
    }

    private void describe(Generated g) {
        out.printf(Locale.ROOT, "  file      %s: %,d rows, %.1f MiB%s (%.0f bytes/row), %,d labelled identities; generated in %.1f s%n",
                g.file().getFileName(), g.rows(), g.bytes() / MB,
                options.gzip() ? String.format(Locale.ROOT, " gzip, %.1f MiB uncompressed", g.uncompressedBytes() / MB) : "",
                (double) g.uncompressedBytes() / Math.max(1, g.rows()), g.conflictIdentities(), g.seconds());
    }

    private void section(String title) {
        out.println();
        out.println(title);
        out.println("-".repeat(title.length()));
    }

    /** CPU time of this process (all threads), or 0 where the JVM does not report it. */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuTime());
        }
        return 0;
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static double ratio(long a, long b) {
        return b == 0 ? Double.NaN : (double) a / b;
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,.0f MiB", bytes / MB);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Counts the uncompressed bytes the writer produced. */
    private static final class Counting extends FilterOutputStream {
        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void close() throws IOException {
            flush(); // the enclosing try closes the underlying stream
        }
    }
}

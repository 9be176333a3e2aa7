package io.linkguard.bench;

import io.linkguard.evidence.Identity;
import io.linkguard.hub.GatewayStats;
import io.linkguard.hub.HubOperation;
import io.linkguard.hub.HubSettings;
import io.linkguard.hub.IotHubGateway;
import io.linkguard.hub.RetryPolicy;
import io.linkguard.hub.stub.MethodBehaviour;
import io.linkguard.hub.stub.RecordedRequest;
import io.linkguard.hub.stub.StubHub;
import io.linkguard.hub.stub.StubOperation;
import io.linkguard.remediation.HubLimits;
import io.linkguard.remediation.MethodCall;
import io.linkguard.remediation.MethodResult;
import io.linkguard.remediation.WriteResult;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * Benchmark of the hub adapter (not a test; nothing asserts on timings; docs/benchmarks.md). It lives with
 * the tests because it drives {@link IotHubGateway} against the throttling {@link StubHub}, a test utility.
 *
 * <p>LinkGuard's way: one gateway (client-side buckets at {@code --share} of the published throttles)
 * pushes a tag write and a back-off direct method for each of {@code --identities} identities, on
 * {@code --threads} threads per stream, against a stub hub that enforces the SKU's published throttles
 * (one second of burst, 429 + Retry-After). The achieved rate of each stream is measured from the stub's
 * arrival times and reported as a fraction of the hub's limit (target >= 0.9) with the 429s the hub had
 * to answer (target: no storm). Two naive ways, each a sequential loop through a gateway without buckets
 * on a fresh stub: one that backs off as the hub's Retry-After says (a careful script), and one that
 * retries a 429 at once (the common loop); both only slow down when the hub answers 429.
 */
public final class RemediationBenchmark {
    static final double TARGET_FRACTION = 0.9;
    private static final Map<String, Object> INSTRUCTION = instruction();

    /** One stream's figures. */
    public record Stream(String name, int operations, int succeeded, long hub429s, double perSecond, double limit,
                         Duration wall) {
        public double fraction() {
            return limit > 0 ? perSecond / limit : 0;
        }
    }

    /** What a run measured. */
    public record Result(List<Stream> linkguard, List<Stream> naive, List<Stream> eager) {
    }

    record Options(int identities, int naiveIdentities, String sku, int units, int threads, double share, boolean quick) {
        static final String USAGE = String.join("\n",
                "usage: RemediationBenchmark [--identities N] [--naive-identities N] [--sku S1] [--units N]",
                "                            [--threads N] [--share F] [--quick]",
                "  --identities N        identities (one tag write + one back-off method each) (default 2000; quick 40)",
                "  --naive-identities N  identities for the sequential loop without buckets (default 400; quick 20)",
                "  --sku S, --units N    the stub hub's tier (default S1, 1 unit): F1, S1, S2, S3",
                "  --threads N           threads per stream for LinkGuard's run (default 8)",
                "  --share F             share of each published throttle the gateway uses (default 0.95)",
                "  --quick               small sizes: a smoke run of a few seconds");

        static Options parse(String... args) {
            boolean quick = List.of(args).contains("--quick");
            int identities = quick ? 40 : 2000;
            int naive = quick ? 20 : 400;
            String sku = "S1";
            int units = 1;
            int threads = 8;
            double share = 0.95;
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                switch (name) {
                    case "--quick" -> {
                    }
                    case "--identities" -> identities = Integer.parseInt(value(args, ++i, name));
                    case "--naive-identities" -> naive = Integer.parseInt(value(args, ++i, name));
                    case "--sku" -> sku = value(args, ++i, name).toUpperCase(Locale.ROOT);
                    case "--units" -> units = Integer.parseInt(value(args, ++i, name));
                    case "--threads" -> threads = Integer.parseInt(value(args, ++i, name));
                    case "--share" -> share = Double.parseDouble(value(args, ++i, name));
                    case "--help", "-h" -> throw new IllegalArgumentException(USAGE);
                    default -> throw new IllegalArgumentException("unknown option '" + name + "'\n" + USAGE);
                }
            }
            if (identities < 2 || naive < 2 || threads < 1 || !(share > 0 && share <= 1) || units < 1) {
                throw new IllegalArgumentException("need identities >= 2, threads >= 1, 0 < share <= 1, units >= 1\n" + USAGE);
            }
            return new Options(identities, naive, sku, units, threads, share, quick);
        }

        private static String value(String[] args, int i, String name) {
            if (i >= args.length) {
                throw new IllegalArgumentException(name + " needs a value\n" + USAGE);
            }
            return args[i];
        }
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
        System.exit(0);
    }

    public static Result run(String[] args, PrintStream out) throws Exception {
        Options o = Options.parse(args);
        out.printf(Locale.ROOT, "Remediation benchmark: %s x%d stub hub enforcing the published throttles; %d identities "
                + "(tag write + back-off method each), %d threads per stream, share %.2f%n",
                o.sku, o.units, o.identities, o.threads, o.share);

        List<Stream> linkguard = linkGuardRun(o, out);
        List<Stream> naive = naiveRun(o, out, true);
        List<Stream> eager = naiveRun(o, out, false);

        out.println();
        out.printf(Locale.ROOT, "%-36s %8s %9s %8s %10s %10s %9s %8s%n", "stream", "ops", "ok", "429s", "ops/s",
                "limit/s", "fraction", "wall");
        for (Stream s : linkguard) {
            print(out, "linkguard " + s.name, s);
        }
        for (Stream s : naive) {
            print(out, "naive, Retry-After " + s.name, s);
        }
        for (Stream s : eager) {
            print(out, "naive, at once " + s.name, s);
        }
        out.println();
        for (Stream s : linkguard) {
            Stream n = byName(naive, s.name);
            Stream e = byName(eager, s.name);
            out.printf(Locale.ROOT, "%s: %.2f of the hub's limit (target >= %.1f: %s) with %d 429s (%s); naive loops: "
                            + "%.2f with %d 429s (Retry-After), %.2f with %d 429s (at once)%n",
                    s.name, s.fraction(), TARGET_FRACTION, s.fraction() >= TARGET_FRACTION ? "met" : "BELOW TARGET",
                    s.hub429s, storm(s) ? "429 STORM" : "no storm", n.fraction(), n.hub429s, e.fraction(), e.hub429s);
        }
        out.println("Done.");
        return new Result(linkguard, naive, eager);
    }

    private static List<Stream> linkGuardRun(Options o, PrintStream out) throws Exception {
        try (StubHub stub = hub(o, o.identities)) {
            IotHubGateway gateway = IotHubGateway.builder().limits(stub.limits()).credential(stub.credential())
                    .settings(new HubSettings(o.share, Duration.ofMinutes(5), 10, Duration.ofSeconds(20))).build();
            List<Identity> ids = identities(stub, o.identities);
            out.println("LinkGuard gateway: tag writes and back-off methods in parallel streams ...");
            // One pool per stream: a thread waiting for the method budget must not hold up a tag write.
            ExecutorService tagPool = Executors.newFixedThreadPool(o.threads);
            ExecutorService methodPool = Executors.newFixedThreadPool(o.threads);
            try {
                long start = System.nanoTime();
                List<Future<Boolean>> tags = new ArrayList<>();
                List<Future<Boolean>> methods = new ArrayList<>();
                for (Identity id : ids) {
                    String etag = stub.twin(id.deviceId()).orElseThrow().etag();
                    tags.add(tagPool.submit(() -> tagWrite(gateway, id, etag)));
                    methods.add(methodPool.submit(() -> backOff(gateway, id)));
                }
                int tagOk = count(tags);
                int methodOk = count(methods);
                Duration wall = Duration.ofNanos(System.nanoTime() - start);
                GatewayStats.Counts writes = gateway.stats().snapshot().get(HubOperation.TWIN_WRITE);
                GatewayStats.Counts calls = gateway.stats().snapshot().get(HubOperation.DIRECT_METHOD);
                out.printf(Locale.ROOT, "  client-side waiting: tag writes %.1f s, methods %.1f s (summed over threads)%n",
                        writes.waited().toMillis() / 1000.0, calls.waited().toMillis() / 1000.0);
                HubLimits limits = stub.limits();
                return List.of(
                        stream("tag writes", stub, StubOperation.TWIN_UPDATE, o.identities, tagOk, limits.twinUpdatesPerSecond(), wall),
                        stream("back-off methods", stub, StubOperation.METHOD, o.identities, methodOk, limits.methodUnitsPerSecond(), wall));
            } finally {
                tagPool.shutdownNow();
                methodPool.shutdownNow();
            }
        }
    }

    /** More than one 429 per hundred operations (and more than five) is a storm. */
    static boolean storm(Stream s) {
        return s.hub429s > Math.max(5, s.operations / 100);
    }

    private static Stream byName(List<Stream> streams, String name) {
        return streams.stream().filter(x -> x.name.equals(name)).findFirst().orElseThrow();
    }

    private static List<Stream> naiveRun(Options o, PrintStream out, boolean honourRetryAfter) {
        try (StubHub stub = hub(o, o.naiveIdentities)) {
            IotHubGateway.Builder builder = IotHubGateway.builder().limits(stub.limits()).credential(stub.credential())
                    .throttled(false)
                    .settings(new HubSettings(1.0, Duration.ofMinutes(5), 10, Duration.ofSeconds(20)));
            if (!honourRetryAfter) {
                builder.captureRetryAfter(false)
                        .retryPolicy(new RetryPolicy(1000, Duration.ZERO, Duration.ZERO, 0, Duration.ofMinutes(5)));
            }
            IotHubGateway gateway = builder.build();
            List<Identity> ids = identities(stub, o.naiveIdentities);
            out.println("Naive loop: sequential, no buckets, " + (honourRetryAfter ? "backs off per Retry-After" : "retries a 429 at once") + " ...");
            long start = System.nanoTime();
            int tagOk = 0;
            for (Identity id : ids) {
                tagOk += tagWrite(gateway, id, stub.twin(id.deviceId()).orElseThrow().etag()) ? 1 : 0;
            }
            Duration tagWall = Duration.ofNanos(System.nanoTime() - start);
            start = System.nanoTime();
            int methodOk = 0;
            for (Identity id : ids) {
                methodOk += backOff(gateway, id) ? 1 : 0;
            }
            Duration methodWall = Duration.ofNanos(System.nanoTime() - start);
            HubLimits limits = stub.limits();
            return List.of(
                    stream("tag writes", stub, StubOperation.TWIN_UPDATE, o.naiveIdentities, tagOk, limits.twinUpdatesPerSecond(), tagWall),
                    stream("back-off methods", stub, StubOperation.METHOD, o.naiveIdentities, methodOk, limits.methodUnitsPerSecond(), methodWall));
        }
    }

    private static StubHub hub(Options o, int identities) {
        StubHub stub = StubHub.start(StubHub.Config.defaults().hubName("benchhub").sku(o.sku, o.units));
        stub.throttleAsPublished();
        stub.defaultMethodBehaviour(MethodBehaviour.answer(200, "{\"accepted\":true}"));
        stub.addDevices(IntStream.range(0, identities).mapToObj(RemediationBenchmark::deviceId).toList());
        return stub;
    }

    private static List<Identity> identities(StubHub stub, int n) {
        return IntStream.range(0, n).mapToObj(i -> new Identity(stub.hubName(), deviceId(i), null)).toList();
    }

    private static String deviceId(int i) {
        return String.format(Locale.ROOT, "bench-device-%05d", i);
    }

    private static boolean tagWrite(IotHubGateway gateway, Identity id, String etag) {
        Map<String, Object> tag = new LinkedHashMap<>();
        tag.put("classification", "faulty-reconnect");
        tag.put("confidence", 0.92);
        tag.put("conflicts", 14);
        tag.put("lastAction", Map.of("kind", "backoff", "at", "2026-11-26T10:15:00Z", "outcome", "answered"));
        tag.put("reason", "14 connections opened while the previous one was open in 10 min (409002)");
        return gateway.patchTag(id, etag, tag).status() == WriteResult.Status.WRITTEN;
    }

    private static boolean backOff(IotHubGateway gateway, Identity id) {
        MethodCall call = new MethodCall("linkguardBackoff", INSTRUCTION, Duration.ofSeconds(10), Duration.ofSeconds(15));
        return gateway.invokeMethod(id, call).outcome() == MethodResult.Outcome.ANSWERED;
    }

    private static Map<String, Object> instruction() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("schema", "linkguard.backoff/1");
        p.put("commandId", "lg-20261126T101500Z-7f3a");
        p.put("classification", "faulty-reconnect");
        p.put("reason", "14 connections opened while the previous one was open in 10 min (409002)");
        p.put("minBackoffSeconds", 30);
        p.put("maxBackoffSeconds", 600);
        p.put("jitter", 0.5);
        p.put("holdSeconds", 3600);
        p.put("advice", "Keep one client per identity; let the SDK own reconnection.");
        return p;
    }

    private static int count(List<Future<Boolean>> futures) throws Exception {
        int ok = 0;
        for (Future<Boolean> f : futures) {
            ok += f.get() ? 1 : 0;
        }
        return ok;
    }

    /** Achieved rate from the stub's arrival times of the accepted requests: (n - 1) / (last - first). */
    private static Stream stream(String name, StubHub stub, StubOperation op, int operations, int ok, double limit,
                                 Duration wall) {
        List<RecordedRequest> accepted = stub.requests(op).stream().filter(r -> r.status() == 200).toList();
        long throttled = stub.count(op, 429);
        double perSecond = 0;
        if (accepted.size() > 1) {
            long first = accepted.stream().mapToLong(RecordedRequest::nanoTime).min().orElseThrow();
            long last = accepted.stream().mapToLong(RecordedRequest::nanoTime).max().orElseThrow();
            perSecond = last > first ? (accepted.size() - 1) / ((last - first) / 1e9) : 0;
        }
        return new Stream(name, operations, ok, throttled, perSecond, limit, wall);
    }

    private static void print(PrintStream out, String label, Stream s) {
        out.printf(Locale.ROOT, "%-36s %8d %9d %8d %10.1f %10.1f %9.2f %7.1fs%n", label, s.operations, s.succeeded,
                s.hub429s, s.perSecond, s.limit, s.fraction(), s.wall.toMillis() / 1000.0);
    }
}

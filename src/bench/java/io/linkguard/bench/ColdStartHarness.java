package io.linkguard.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Everything a cold timer invocation talks to, on loopback, wired the way Azure wires it: a managed-identity
 * endpoint (IDENTITY_ENDPOINT / IDENTITY_HEADER, as the Functions host sets), Azurite over HTTPS accepting
 * bearer tokens (the app's storage account reached with the managed identity), and the Log Analytics query
 * API over HTTPS. {@link #run} starts {@link ColdStartProbe} in a fresh JVM and times it.
 */
public final class ColdStartHarness implements AutoCloseable {
    public static final String WORKSPACE = "11111111-2222-3333-4444-555555555555";
    public static final String HUB = "/subscriptions/0a1b2c3d-1111-2222-3333-444455556666/resourceGroups/rg-iot/providers/Microsoft.Devices/IotHubs/hub-cold";
    private static final Pattern PROBE = Pattern.compile("probe jvmStart=(\\d+) main=(\\d+) done=(\\d+) exit=(\\w+) \\| (.*)");

    private final Path dir;
    private final LocalCertificate certificate;
    private final Azurite azurite;
    private final LocalStubs stubs;

    private ColdStartHarness(Path dir, LocalCertificate certificate, Azurite azurite, LocalStubs stubs) {
        this.dir = dir;
        this.certificate = certificate;
        this.azurite = azurite;
        this.stubs = stubs;
    }

    public static ColdStartHarness start() {
        try {
            Path dir = Files.createTempDirectory("linkguard-cold-start");
            LocalCertificate certificate = LocalCertificate.create(dir);
            Azurite azurite = Azurite.startHttpsOAuth(certificate.keyStore(), LocalCertificate.PASSWORD);
            return new ColdStartHarness(dir, certificate, azurite, new LocalStubs(certificate));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** JVM options that make a probe trust the local HTTPS servers. */
    public List<String> trustOptions() {
        return certificate.trustOptions();
    }

    public LocalStubs stubs() {
        return stubs;
    }

    /** The app settings of the probe's process: the Functions app's, plus what the host sets for managed identity. */
    public Map<String, String> appSettings() {
        Map<String, String> env = new HashMap<>();
        env.put("LINKGUARD_WORKSPACE_ID", WORKSPACE);
        env.put("LINKGUARD_HUB_RESOURCE_IDS", HUB);
        env.put("LINKGUARD_SCHEDULE", "0 */5 * * * *");
        env.put("LINKGUARD_MODE", "observe"); // the timer path up to the first query; the hub adapter is built later
        env.put("LINKGUARD_TABLE_ENDPOINT", azurite.endpoint());
        env.put("LINKGUARD_LOG_ANALYTICS_ENDPOINT", stubs.logAnalyticsEndpoint());
        env.put("IDENTITY_ENDPOINT", stubs.identityEndpoint());
        env.put("IDENTITY_HEADER", LocalStubs.IDENTITY_HEADER);
        env.put("FUNCTIONS_WORKER_RUNTIME", "java");
        return env;
    }

    /** One probe run's timestamps (epoch ms) and outcome. */
    public record ProbeRun(long spawned, long jvmStart, long main, long firstToken, long firstQuery, long done, int exitCode,
                           String lastLogLine, String output) {
        public long jvmStartToFirstQuery() {
            return firstQuery - jvmStart;
        }

        public long spawnToFirstQuery() {
            return firstQuery - spawned;
        }

        public long jvmStartToMain() {
            return main - jvmStart;
        }

        public long mainToFirstToken() {
            return firstToken - main;
        }

        public long firstTokenToFirstQuery() {
            return firstQuery - firstToken;
        }

        public long jvmStartToDone() {
            return done - jvmStart;
        }
    }

    /** Starts a fresh JVM running {@link ColdStartProbe} with {@code jvmOptions} and waits for it. */
    public ProbeRun run(String classpath, List<String> jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(certificate.trustOptions());
        command.addAll(List.of("-cp", classpath, ColdStartProbe.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("AZURE_") || k.startsWith("IDENTITY_") || k.startsWith("MSI_")
                || k.startsWith("LINKGUARD_") || k.startsWith("AzureWebJobs") || k.startsWith("APPLICATIONINSIGHTS"));
        pb.environment().putAll(appSettings());
        int tokensBefore = stubs.identityRequests().size();
        int queriesBefore = stubs.queries().size();
        long spawned = System.currentTimeMillis();
        try {
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("the probe did not finish in 120 s:\n" + output);
            }
            Matcher m = output.lines().map(PROBE::matcher).filter(Matcher::matches).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no probe line in the output:\n" + output));
            List<LocalStubs.Request> tokens = stubs.identityRequests();
            List<LocalStubs.Request> queries = stubs.queries();
            long firstToken = tokens.size() > tokensBefore ? tokens.get(tokensBefore).receivedAtMillis() : -1;
            long firstQuery = queries.size() > queriesBefore ? queries.get(queriesBefore).receivedAtMillis() : -1;
            return new ProbeRun(spawned, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), firstToken, firstQuery,
                    Long.parseLong(m.group(3)), p.exitValue(), m.group(5), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stubs.close();
        azurite.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // temporary files only
        }
    }
}

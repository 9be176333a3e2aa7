package io.linkguard.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A real Azurite Table service (tools/node_modules/azurite, installed by the build's npm ci), started on a free
 * port with in-memory persistence, for tests and benchmarks. Plain HTTP with the well-known development
 * account; or HTTPS with a certificate and Azurite's basic OAuth (bearer tokens, as managed identity sends).
 */
public final class Azurite implements AutoCloseable {
    public static final String ACCOUNT = "devstoreaccount1";
    /** Azurite's published development key (the same for every Azurite installation). */
    public static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    static final Path MAIN = Path.of("tools/node_modules/azurite/dist/src/table/main.js");

    private final Process process;
    private final int port;
    private final boolean https;
    private final Deque<String> output = new ArrayDeque<>();

    private Azurite(Process process, int port, boolean https) {
        this.process = process;
        this.port = port;
        this.https = https;
    }

    public static Azurite startHttp() {
        return start(List.of());
    }

    /** HTTPS with the given PKCS#12 certificate, accepting bearer tokens (Azurite's --oauth basic). */
    public static Azurite startHttpsOAuth(Path pfx, String password) {
        return start(List.of("--cert", pfx.toString(), "--pwd", password, "--oauth", "basic"));
    }

    private static Azurite start(List<String> extra) {
        if (!Files.exists(MAIN)) {
            throw new IllegalStateException(MAIN + " is missing: install the test tools with 'npm ci --prefix tools'");
        }
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            List<String> command = new ArrayList<>(List.of("node", MAIN.toString(), "--tableHost", "127.0.0.1",
                    "--tablePort", Integer.toString(port), "--inMemoryPersistence", "--skipApiVersionCheck",
                    "--disableTelemetry"));
            command.addAll(extra);
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
                Azurite azurite = new Azurite(process, port, !extra.isEmpty());
                azurite.drain();
                if (azurite.awaitPort(30_000)) {
                    return azurite;
                }
                last = new IllegalStateException("Azurite did not start on port " + port + ": " + azurite.recentOutput());
                azurite.close();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start node (Node.js 20 is needed for Azurite)", e);
            }
        }
        throw last;
    }

    public int port() {
        return port;
    }

    public String endpoint() {
        return (https ? "https" : "http") + "://127.0.0.1:" + port + "/" + ACCOUNT;
    }

    public String connectionString() {
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY + ";TableEndpoint=" + endpoint() + ";";
    }

    /** A fresh table name prefix, so tests sharing one Azurite never see each other's rows. */
    public static String uniquePrefix() {
        return "T" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    }

    public synchronized String recentOutput() {
        return String.join("\n", output);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void drain() {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (this) {
                        output.addLast(line);
                        if (output.size() > 50) {
                            output.removeFirst();
                        }
                    }
                }
            } catch (IOException ignored) {
                // process ended
            }
        }, "azurite-output");
        t.setDaemon(true);
        t.start();
    }

    private boolean awaitPort(long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline && process.isAlive()) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

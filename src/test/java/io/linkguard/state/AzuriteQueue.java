package io.linkguard.state;

import io.linkguard.bench.Azurite;
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
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A real Azurite Queue service (tools/node_modules/azurite, its {@code queue/main.js}, the program behind
 * {@code azurite-queue}) on a free port with in-memory persistence, next to the Table service of {@link Azurite}:
 * the same development account and key, so one connection string with both endpoints serves both clients.
 */
public final class AzuriteQueue implements AutoCloseable {
    static final Path MAIN = Path.of("tools/node_modules/azurite/dist/src/queue/main.js");

    private final Process process;
    private final int port;

    private AzuriteQueue(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static AzuriteQueue start() {
        if (!Files.exists(MAIN)) {
            throw new IllegalStateException(MAIN + " is missing: install the test tools with 'npm ci --prefix tools'");
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            try {
                Process p = new ProcessBuilder(List.of("node", MAIN.toString(), "--queueHost", "127.0.0.1", "--queuePort",
                        Integer.toString(port), "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry"))
                        .redirectErrorStream(true).start();
                drain(p);
                AzuriteQueue q = new AzuriteQueue(p, port);
                if (q.awaitPort(30_000)) {
                    return q;
                }
                q.close();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start node (Node.js 20 is needed for Azurite)", e);
            }
        }
        throw new IllegalStateException("Azurite's queue service did not start");
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port + "/" + Azurite.ACCOUNT;
    }

    /** The Table and Queue endpoints in one development connection string (what AzureWebJobsStorage holds locally). */
    public String connectionString(Azurite tables) {
        return tables.connectionString() + "QueueEndpoint=" + endpoint() + ";";
    }

    /** A fresh queue name, so tests sharing one Azurite never see each other's messages. */
    public static String uniqueName() {
        return "lg-" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
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

    private static void drain(Process p) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                while (r.readLine() != null) {
                    // discard
                }
            } catch (IOException ignored) {
                // process ended
            }
        }, "azurite-queue-output");
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

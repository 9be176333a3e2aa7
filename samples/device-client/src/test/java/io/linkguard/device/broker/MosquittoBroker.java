package io.linkguard.device.broker;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A real Mosquitto broker for one test class: TLS only, with a certificate made for the run, on port 8883 of a
 * random loopback address.
 *
 * <p>Why 8883 on 127.x.y.z: the device SDK builds its MQTT address as {@code "ssl://" + gatewayHostName + ":8883"}
 * (MqttIotHubConnection, iot-device-client 2.5.0): the port cannot be chosen (a host name with a port becomes
 * {@code host:port:8883} and is refused). Linux routes all of 127.0.0.0/8 to the loopback interface, so every
 * run takes its own address on the fixed port, needs no root and no network namespace, and parallel runs do not
 * collide. The device's connection string names that address as {@code GatewayHostName}; {@code HostName} stays
 * the hub name (it only enters the SAS token and the MQTT user name, which Mosquitto does not check).
 *
 * <p>Mosquitto missing is a failure, not a skip: a skipped broker test would let a green build claim the device
 * was tested against a broker when it was not. The message says how to install it.
 */
public final class MosquittoBroker implements AutoCloseable {
    public static final int PORT = 8883;
    static final String INSTALL_HINT = "The device-client tests run the reference device against a real MQTT broker, "
            + "and mosquitto was not found (looked at $MOSQUITTO, the PATH, /usr/sbin and /usr/local/sbin). "
            + "Install it: Debian/Ubuntu `sudo apt-get install -y mosquitto`, macOS `brew install mosquitto`; "
            + "or point MOSQUITTO at the binary. (.ci/run installs it itself.)";

    private final Path executable;
    private final Path config;
    private final String address;
    private final TestCertificate certificate;
    private final Path logFile;
    private Process process;

    private MosquittoBroker(Path executable, Path config, String address, TestCertificate certificate, Path logFile) {
        this.executable = executable;
        this.config = config;
        this.address = address;
        this.certificate = certificate;
        this.logFile = logFile;
    }

    /** Starts a broker with its files (certificate, configuration, log) in {@code directory}. */
    public static MosquittoBroker start(Path directory) throws IOException, GeneralSecurityException {
        // Resolve the broker first: without it the test must fail with the installation hint, nothing else.
        Path executable = locateMosquitto();
        String address = freeLoopbackAddress();
        TestCertificate certificate = TestCertificate.forAddress(address, directory);
        Path logFile = directory.resolve("mosquitto.log");
        Path config = Files.writeString(directory.resolve("mosquitto.conf"), configuration(address, certificate, logFile));
        MosquittoBroker broker = new MosquittoBroker(executable, config, address, certificate, logFile);
        broker.restart();
        return broker;
    }

    /** Starts the broker (again) on the same address, port and certificate. */
    public void restart() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("mosquitto is already running");
        }
        process = new ProcessBuilder(executable.toString(), "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        awaitListening();
    }

    /** Stops the broker: every client loses its connection and cannot reconnect until {@link #restart()}. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** The loopback address the broker listens on (port {@link #PORT}); the device's GatewayHostName. */
    public String address() {
        return address;
    }

    public String serverUri() {
        return "ssl://" + address + ":" + PORT;
    }

    /** Trusts the broker's certificate (and nothing else). */
    public SSLContext trust() {
        return certificate.trustingContext();
    }

    /** The broker's log, with its exit status if it has stopped: for failure messages. */
    public String diagnostics() {
        String state = process.isAlive() ? "running" : "EXITED with status " + process.exitValue();
        return "mosquitto " + state + " on " + address + ":" + PORT + "; log:\n" + log();
    }

    public String log() {
        try {
            return Files.readString(logFile);
        } catch (IOException e) {
            return "(broker log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    static Path locateMosquitto() {
        return locateMosquitto(System.getenv(), List.of("/usr/sbin", "/usr/local/sbin", "/opt/homebrew/sbin"));
    }

    static Path locateMosquitto(Map<String, String> environment, List<String> usualDirectories) {
        String configured = environment.get("MOSQUITTO");
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            if (!Files.isExecutable(path)) {
                throw new IllegalStateException("MOSQUITTO=" + configured + " is not an executable file. " + INSTALL_HINT);
            }
            return path;
        }
        List<String> directories = new ArrayList<>(List.of(environment.getOrDefault("PATH", "").split(File.pathSeparator)));
        directories.addAll(usualDirectories);
        return directories.stream()
                .filter(directory -> !directory.isBlank())
                .map(directory -> Path.of(directory, "mosquitto"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(INSTALL_HINT));
    }

    private static String freeLoopbackAddress() throws IOException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 50; attempt++) {
            String candidate = "127." + random.nextInt(1, 255) + "." + random.nextInt(0, 256) + "." + random.nextInt(1, 255);
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(InetAddress.getByName(candidate), PORT));
                return candidate;
            } catch (IOException taken) {
                // in use by a parallel run (or not bindable): try another address
            }
        }
        throw new IOException("no loopback address in 127.0.0.0/8 had port " + PORT + " free (50 tries)");
    }

    private static String configuration(String address, TestCertificate certificate, Path logFile) {
        // Mosquitto (like IoT Hub) closes the older connection when a second client connects with the same id.
        // user: Mosquitto started as root switches to the "mosquitto" user, which cannot read the test's private
        // files; naming the current user keeps it as whoever runs the tests (ignored when that is not root).
        return String.join("\n",
                "user " + System.getProperty("user.name"),
                "per_listener_settings false",
                "allow_anonymous true",
                "persistence false",
                "connection_messages true",
                "log_dest file " + logFile,
                "log_dest topic",
                "log_type error",
                "log_type warning",
                "log_type notice",
                "log_type information",
                "log_timestamp_format %H:%M:%S",
                "listener " + PORT + " " + address,
                "certfile " + certificate.certificatePem(),
                "keyfile " + certificate.privateKeyPem(),
                "");
    }

    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("mosquitto exited with " + process.exitValue() + " at start-up:\n" + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, PORT), 200);
                return;
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        throw new IOException("mosquitto did not listen on " + address + ":" + PORT + " within 15 s:\n" + log());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

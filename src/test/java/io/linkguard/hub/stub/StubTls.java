package io.linkguard.hub.stub;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The stub hub's TLS: a self-signed EC certificate for {@code localhost} and {@code 127.0.0.1}, made with
 * the JDK's {@code keytool} into {@code target/stub-hub-tls/} (reused for a day), and the trust that lets
 * the real clients talk to it.
 *
 * <p>iot-service-client has no per-client TLS option (it uses {@code HttpsURLConnection}), so
 * {@link #trustJvmWide()} sets the JVM's default HTTPS socket factory to one that trusts this certificate
 * and everything the JDK trusts anyway. The ARM client (Netty) gets its own {@link #nettyClientContext()}.
 */
public final class StubTls {
    private static final char[] PASSWORD = "stub-hub".toCharArray();
    private static final Duration REUSE = Duration.ofHours(24);
    private static StubTls instance;

    private final KeyStore keyStore;
    private final SSLContext serverContext;
    private final X509TrustManager trust;

    private StubTls(KeyStore keyStore) throws GeneralSecurityException {
        this.keyStore = keyStore;
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, PASSWORD);
        this.trust = combined(stubTrust(keyStore), jdkTrust());
        this.serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), new TrustManager[]{trust}, null);
    }

    /** The certificate and contexts for this JVM (made on first use). */
    public static synchronized StubTls get() {
        if (instance == null) {
            try {
                instance = new StubTls(loadOrCreate(Path.of("target", "stub-hub-tls")));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("stub hub TLS: " + e, e);
            } catch (IOException e) {
                throw new UncheckedIOException("stub hub TLS: " + e.getMessage(), e);
            }
        }
        return instance;
    }

    /** The server side: the key and certificate. */
    public SSLContext serverContext() {
        return serverContext;
    }

    /** Makes every {@code HttpsURLConnection} in this JVM trust the stub (and what the JDK trusts). */
    public void trustJvmWide() {
        try {
            SSLContext client = SSLContext.getInstance("TLS");
            client.init(null, new TrustManager[]{trust}, null);
            HttpsURLConnection.setDefaultSSLSocketFactory(client.getSocketFactory());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Netty client context trusting the stub, for azure-core's Netty HTTP client (ARM). */
    public SslContext nettyClientContext() {
        try {
            return SslContextBuilder.forClient().trustManager(trustManagerFactory()).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TrustManagerFactory trustManagerFactory() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(keyStore);
            return tmf;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyStore loadOrCreate(Path dir) throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        Path file = dir.resolve("keystore.p12");
        if (Files.exists(file) && Files.getLastModifiedTime(file).toInstant().isAfter(Instant.now().minus(REUSE))) {
            try {
                return load(file);
            } catch (IOException | GeneralSecurityException unreadable) {
                // made again below
            }
        }
        Path fresh = dir.resolve("keystore-" + ProcessHandle.current().pid() + ".p12");
        Files.deleteIfExists(fresh);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "stub-hub", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "san=dns:localhost,ip:127.0.0.1", "-validity", "3",
                "-storetype", "PKCS12", "-keystore", fresh.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool", e);
        }
        Files.move(fresh, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return load(file);
    }

    private static KeyStore load(Path file) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, PASSWORD);
        }
        return ks;
    }

    private static X509ExtendedTrustManager stubTrust(KeyStore keyStore) throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(keyStore);
        return firstX509(tmf);
    }

    private static X509ExtendedTrustManager jdkTrust() throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        return firstX509(tmf);
    }

    private static X509ExtendedTrustManager firstX509(TrustManagerFactory tmf) {
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x) {
                return x;
            }
        }
        throw new IllegalStateException("no X509 trust manager");
    }

    /** Trusts what either trusts (client side only: the stub never asks for client certificates). */
    private static X509ExtendedTrustManager combined(X509ExtendedTrustManager stub, X509ExtendedTrustManager jdk) {
        return new X509ExtendedTrustManager() {
            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
                try {
                    stub.checkServerTrusted(chain, authType, socket);
                } catch (CertificateException e) {
                    jdk.checkServerTrusted(chain, authType, socket);
                }
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
                try {
                    stub.checkServerTrusted(chain, authType, engine);
                } catch (CertificateException e) {
                    jdk.checkServerTrusted(chain, authType, engine);
                }
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                try {
                    stub.checkServerTrusted(chain, authType);
                } catch (CertificateException e) {
                    jdk.checkServerTrusted(chain, authType);
                }
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
                jdk.checkClientTrusted(chain, authType, socket);
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
                jdk.checkClientTrusted(chain, authType, engine);
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                jdk.checkClientTrusted(chain, authType);
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                X509Certificate[] a = stub.getAcceptedIssuers();
                X509Certificate[] b = jdk.getAcceptedIssuers();
                X509Certificate[] all = java.util.Arrays.copyOf(a, a.length + b.length);
                System.arraycopy(b, 0, all, a.length, b.length);
                return all;
            }
        };
    }
}

package io.linkguard.tickets;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * HTTPS stubs for the sink tests: every sink refuses plain http, so the stubs speak TLS with a
 * self-signed certificate (SAN localhost, 127.0.0.1) made once per JVM with the JDK's keytool, and the
 * sinks get a JDK HttpClient that trusts exactly that certificate (hostname verification stays on).
 */
public final class TlsStub {
    public static final String PASSWORD = "changeit";
    private static Path keystore;
    private static SSLContext sslContext;

    private TlsStub() {
    }

    public static synchronized Path keystore() throws Exception {
        if (keystore == null) {
            Path dir = Files.createTempDirectory("linkguard-tls");
            Path ks = dir.resolve("stub.p12");
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "stub", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "3650",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-keystore", ks.toString(),
                    "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD)
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + out);
            }
            ks.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            keystore = ks;
        }
        return keystore;
    }

    private static KeyStore keys() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore())) {
            keys.load(in, PASSWORD.toCharArray());
        }
        return keys;
    }

    /** The server side of a JDK HttpsServer stub: the certificate's key. */
    public static SSLContext serverContext() throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys(), PASSWORD.toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    /** The client side: trusts exactly the stub's certificate. */
    public static synchronized SSLContext sslContext() throws Exception {
        if (sslContext == null) {
            KeyStore keys = keys();
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("stub", keys.getCertificate("stub"));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            sslContext = ctx;
        }
        return sslContext;
    }

    /** A started WireMock server on HTTPS only. */
    public static WireMockServer start() throws Exception {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").httpDisabled(true).httpsPort(0)
                .keystorePath(keystore().toString()).keystorePassword(PASSWORD).keyManagerPassword(PASSWORD)
                .keystoreType("PKCS12"));
        server.start();
        return server;
    }

    public static String url(WireMockServer server) {
        return "https://localhost:" + server.httpsPort();
    }

    /** What production builds (no redirects, connect timeout), trusting the stub's certificate. */
    public static HttpClient client() throws Exception {
        return HttpClient.newBuilder().sslContext(sslContext()).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }
}

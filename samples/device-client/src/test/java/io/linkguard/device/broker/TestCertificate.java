package io.linkguard.device.broker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away self-signed server certificate for the test broker, made with the JDK's own keytool (always present
 * where the tests run; no openssl or extra library needed), written as PEM for Mosquitto, and an {@link SSLContext}
 * that trusts exactly this certificate — what the device SDK gets through {@code ClientOptions.sslContext}.
 */
public final class TestCertificate {
    private static final String PASSWORD = "linkguard-test";

    private final Path certificatePem;
    private final Path privateKeyPem;
    private final SSLContext trustingContext;

    private TestCertificate(Path certificatePem, Path privateKeyPem, SSLContext trustingContext) {
        this.certificatePem = certificatePem;
        this.privateKeyPem = privateKeyPem;
        this.trustingContext = trustingContext;
    }

    /** A certificate valid for {@code ipAddress} (subject alternative name), written into {@code directory}. */
    public static TestCertificate forAddress(String ipAddress, Path directory) throws IOException, GeneralSecurityException {
        Path keyStoreFile = directory.resolve("broker.p12");
        runKeytool(keyStoreFile, ipAddress);
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStoreFile)) {
            keyStore.load(in, PASSWORD.toCharArray());
        }
        Certificate certificate = keyStore.getCertificate("broker");
        PrivateKey privateKey = (PrivateKey) keyStore.getKey("broker", PASSWORD.toCharArray());
        Path certificatePem = writePem(directory.resolve("broker.crt"), "CERTIFICATE", certificate.getEncoded());
        Path privateKeyPem = writePem(directory.resolve("broker.key"), "PRIVATE KEY", privateKey.getEncoded());
        return new TestCertificate(certificatePem, privateKeyPem, trusting(certificate));
    }

    public Path certificatePem() {
        return certificatePem;
    }

    public Path privateKeyPem() {
        return privateKeyPem;
    }

    /** Trusts this certificate only: give it to the device client and to the test's hub client. */
    public SSLContext trustingContext() {
        return trustingContext;
    }

    private static void runKeytool(Path keyStoreFile, String ipAddress) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "broker",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=linkguard-test-broker",
                "-ext", "san=ip:" + ipAddress + ",dns:localhost", "-validity", "2",
                "-keystore", keyStoreFile.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true)
                .start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool could not create the test certificate: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating the test certificate", e);
        }
    }

    private static Path writePem(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
        return file;
    }

    private static SSLContext trusting(Certificate certificate) throws IOException, GeneralSecurityException {
        KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
        trustStore.load(null, null);
        trustStore.setCertificateEntry("broker", certificate);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trustStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers.getTrustManagers(), null);
        return context;
    }
}

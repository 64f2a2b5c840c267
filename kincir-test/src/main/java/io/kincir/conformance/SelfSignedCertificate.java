package io.kincir.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A certificate for 127.0.0.1 and its key, made with {@code openssl} in a directory the test gives, so
 * that a server of the test's own can speak TLS and a client can trust exactly it. Without openssl the
 * test fails under {@code CI=true} and is skipped elsewhere.
 *
 * @param certificate the certificate, PEM
 * @param key its private key, PEM, unencrypted
 */
public record SelfSignedCertificate(Path certificate, Path key) {

    /**
     * @param dir where the two files go
     * @return a certificate valid for a day, for the IP address 127.0.0.1 and the name localhost
     */
    public static SelfSignedCertificate create(Path dir) {
        SelfSignedCertificate created = new SelfSignedCertificate(dir.resolve("cert.pem"), dir.resolve("key.pem"));
        List<String> command = List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout", created.key.toString(), "-out", created.certificate.toString());
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("openssl could not make a certificate: " + output.strip());
            }
        } catch (IOException e) {
            ExternalServer.missing("openssl is needed to make a certificate for a TLS server of the test's own, and "
                    + "cannot run: " + e.getMessage() + ". Install it (apt-get install openssl)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running openssl", e);
        }
        return created;
    }

    /** @return a TLS context that trusts this certificate, and nothing else */
    public SSLContext trustingIt() {
        try (InputStream pem = Files.newInputStream(certificate)) {
            Certificate trusted = CertificateFactory.getInstance("X.509").generateCertificate(pem);
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("test", trusted);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot trust " + certificate, e);
        }
    }
}

package org.jcwmp.core.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private CA and certificates signed by it, for trying TLS (`./jcwmp certs`) and for the TLS tests: made with the
 * JDK's keytool (EC P-256), written as PEM. Not for production: the CA key sits beside the certificates.
 *
 * <p>Files: {@code ca.pem} (the CA certificate: the bundle agents trust), {@code ca.p12} (the CA key, for signing
 * more), {@code acs.pem} + {@code acs-key.pem} (the ACS's chain and key; names: localhost, 127.0.0.1 and the given
 * hosts), {@code cpe.pem} + {@code cpe-key.pem} (a client certificate for an agent).
 */
public final class TestCertificates {
    private static final String STORE_PASSWORD = "jcwmp-test-ca";
    private static final String VALIDITY_DAYS = "825";

    private final Path directory;
    private final Path keytool;

    private TestCertificates(Path directory) {
        this.directory = directory;
        this.keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    }

    /** The files made, in {@code directory}. */
    public record Files(Path caCertificate, Path acsCertificate, Path acsKey, Path cpeCertificate, Path cpeKey) {
    }

    /**
     * Makes the CA and both certificates in {@code directory} (created if needed; existing files are replaced).
     *
     * @param acsHosts more DNS names or IP addresses for the ACS certificate, beyond localhost and 127.0.0.1
     */
    public static Files make(Path directory, List<String> acsHosts) throws IOException {
        return new TestCertificates(directory).make(acsHosts);
    }

    private Files make(List<String> acsHosts) throws IOException {
        java.nio.file.Files.createDirectories(directory);
        Path ca = directory.resolve("ca.p12");
        java.nio.file.Files.deleteIfExists(ca);
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=jcwmp test CA", "-ext", "bc:c", "-ext", "ku:c=keyCertSign,cRLSign", "-validity", "3650",
                "-keystore", ca.toString(), "-storetype", "PKCS12", "-storepass", STORE_PASSWORD);
        Path caPem = directory.resolve("ca.pem");
        write(caPem, keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(),
                "-storepass", STORE_PASSWORD), false);

        List<String> names = new ArrayList<>(List.of("dns:localhost", "ip:127.0.0.1"));
        for (String h : acsHosts) {
            names.add((h.matches("[0-9.]+") || h.contains(":") ? "ip:" : "dns:") + h);
        }
        String acsName = acsHosts.isEmpty() ? "localhost" : acsHosts.getFirst();
        Path[] acs = signed("acs", "CN=" + acsName, "serverAuth", "SAN=" + String.join(",", names));
        Path[] cpe = signed("cpe", "CN=jcwmp test CPE", "clientAuth", null);
        return new Files(caPem, acs[0], acs[1], cpe[0], cpe[1]);
    }

    /** A key pair signed by the CA; returns its chain PEM and key PEM. */
    private Path[] signed(String name, String dname, String usage, String san) throws IOException {
        Path store = directory.resolve(name + ".p12");
        java.nio.file.Files.deleteIfExists(store);
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname,
                "-validity", VALIDITY_DAYS, "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", STORE_PASSWORD);
        Path request = directory.resolve(name + ".csr");
        keytool("-certreq", "-alias", name, "-keystore", store.toString(), "-storepass", STORE_PASSWORD,
                "-file", request.toString());
        List<String> sign = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", "ca", "-keystore",
                directory.resolve("ca.p12").toString(), "-storepass", STORE_PASSWORD, "-infile", request.toString(),
                "-validity", VALIDITY_DAYS, "-ext", "eku=" + usage, "-ext", "ku=digitalSignature"));
        if (san != null) {
            sign.addAll(List.of("-ext", san));
        }
        String leaf = keytool(sign.toArray(String[]::new));
        java.nio.file.Files.delete(request);
        Path chain = directory.resolve(name + ".pem");
        write(chain, leaf + java.nio.file.Files.readString(directory.resolve("ca.pem")), false);
        Path key = directory.resolve(name + "-key.pem");
        write(key, Pem.encode("PRIVATE KEY", privateKey(store, name).getEncoded()), true);
        java.nio.file.Files.delete(store);
        return new Path[] {chain, key};
    }

    private static Key privateKey(Path store, String alias) throws IOException {
        try (InputStream in = java.nio.file.Files.newInputStream(store)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, STORE_PASSWORD.toCharArray());
            Key key = ks.getKey(alias, STORE_PASSWORD.toCharArray());
            Certificate c = ks.getCertificate(alias);
            if (key == null || c == null) {
                throw new IOException(store + " has no key " + alias);
            }
            return key;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read " + store + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, String text, boolean secret) throws IOException {
        java.nio.file.Files.writeString(file, text, StandardCharsets.US_ASCII);
        if (secret) {
            try {
                java.nio.file.Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not POSIX
            }
        }
    }

    /** Runs keytool; returns what it printed; fails with its message. */
    private String keytool(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(keytool.toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(out);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("keytool did not finish: " + String.join(" ", args));
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException("keytool " + args[0] + " failed: " + text.strip());
        }
        return text;
    }
}

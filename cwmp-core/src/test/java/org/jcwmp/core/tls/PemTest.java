package org.jcwmp.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys as openssl writes them, read back; files that cannot be used are refused with a message naming them. */
class PemTest {
    @TempDir
    Path dir;

    @Test
    void aPkcs1RsaKeyReadsAsTheSameKeyAsItsPkcs8Form() throws Exception {
        Path pkcs8 = dir.resolve("key8.pem");
        Path pkcs1 = dir.resolve("key1.pem");
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", pkcs8.toString());
        openssl("rsa", "-in", pkcs8.toString(), "-traditional", "-out", pkcs1.toString());
        assertThat(Files.readString(pkcs1)).contains("BEGIN RSA PRIVATE KEY");

        PrivateKey fromPkcs1 = Pem.privateKey(pkcs1);

        assertThat(fromPkcs1.getEncoded()).isEqualTo(Pem.privateKey(pkcs8).getEncoded());
    }

    @Test
    void anEcKeyInPkcs8IsRead() throws Exception {
        var pair = KeyPairGenerator.getInstance("EC").generateKeyPair();
        Path file = dir.resolve("ec.pem");
        Files.writeString(file, "some text before\n" + Pem.encode("PRIVATE KEY", pair.getPrivate().getEncoded()));

        assertThat(Pem.privateKey(file).getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void unusableFilesAreRefusedWithTheirName() throws Exception {
        Path encrypted = dir.resolve("enc.pem");
        Files.writeString(encrypted, Pem.encode("ENCRYPTED PRIVATE KEY", new byte[] {1, 2, 3}));
        Path empty = dir.resolve("empty.pem");
        Files.writeString(empty, "nothing here");
        Path garbage = dir.resolve("garbage.pem");
        Files.writeString(garbage, Pem.encode("CERTIFICATE", new byte[] {48, 3, 1, 1, 1}));

        assertThatThrownBy(() -> Pem.privateKey(encrypted)).isInstanceOf(IOException.class)
                .hasMessageContaining("enc.pem").hasMessageContaining("encrypted");
        assertThatThrownBy(() -> Pem.privateKey(empty)).hasMessageContaining("empty.pem");
        assertThatThrownBy(() -> Pem.certificates(empty)).hasMessageContaining("no \"BEGIN CERTIFICATE\"");
        assertThatThrownBy(() -> Pem.certificates(garbage)).hasMessageContaining("not a valid PEM certificate");
        assertThatThrownBy(() -> Pem.certificates(dir.resolve("missing.pem"))).hasMessageContaining("no such file");
    }

    private static void openssl(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }
}

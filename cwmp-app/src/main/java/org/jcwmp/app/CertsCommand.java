package org.jcwmp.app;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jcwmp.core.tls.TestCertificates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Makes a private CA and certificates for trying TLS. */
@Command(name = "certs", mixinStandardHelpOptions = true,
        description = "Make a private CA and certificates (PEM) for trying TLS: the ACS's (CWMP, NBI, UI, files) and an "
                + "agent's client certificate. For tests and trials, not production.")
final class CertsCommand implements Callable<Integer> {
    @Option(names = "--dir", defaultValue = "certs", description = "Where to write them (default: ${DEFAULT-VALUE}).")
    Path dir;
    @Option(names = "--host", description = "A DNS name or IP address the ACS is reached by, beyond localhost and "
            + "127.0.0.1; repeat for more.")
    List<String> hosts = List.of();

    @Override
    public Integer call() throws Exception {
        TestCertificates.Files f = TestCertificates.make(dir, hosts);
        System.out.println("CA certificate (give agents this bundle): " + f.caCertificate());
        System.out.println("ACS certificate chain and key:            " + f.acsCertificate() + " " + f.acsKey());
        System.out.println("agent client certificate and key:         " + f.cpeCertificate() + " " + f.cpeKey());
        System.out.println("CA key for signing more (keytool, PKCS12): " + dir.resolve("ca.p12"));
        return 0;
    }
}

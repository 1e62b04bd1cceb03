package org.jcwmp.core.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS contexts from PEM files: a server's (its certificate chain and key) and a client's (the CA bundle it trusts,
 * and optionally a certificate of its own). Key stores live in memory only.
 */
public final class TlsContexts {
    /** The in-memory key store's password: it never leaves the process. */
    public static final char[] IN_MEMORY = "in-memory".toCharArray();

    private TlsContexts() {
    }

    /** A key store with one entry, "key": the key and its chain. */
    public static KeyStore keyStore(Path certificateChain, Path privateKey) throws IOException {
        List<X509Certificate> chain = Pem.certificates(certificateChain);
        PrivateKey key = Pem.privateKey(privateKey);
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("key", key, IN_MEMORY, chain.toArray(X509Certificate[]::new));
            return ks;
        } catch (GeneralSecurityException e) {
            throw new IOException(privateKey + " does not go with " + certificateChain + ": " + e.getMessage(), e);
        }
    }

    /** A trust store holding every certificate of a PEM bundle. */
    public static KeyStore trustStore(Path caBundle) throws IOException {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            int i = 0;
            for (X509Certificate c : Pem.certificates(caBundle)) {
                ks.setCertificateEntry("ca-" + i++, c);
            }
            return ks;
        } catch (GeneralSecurityException e) {
            throw new IOException(caBundle + ": " + e.getMessage(), e);
        }
    }

    /** A server's context. */
    public static SSLContext server(Path certificateChain, Path privateKey) throws IOException {
        return server(certificateChain, privateKey, null);
    }

    /** A server's context that checks client certificates against {@code clientCaBundle} (null: the JDK's CAs). */
    public static SSLContext server(Path certificateChain, Path privateKey, Path clientCaBundle) throws IOException {
        return context(keyStore(certificateChain, privateKey), clientCaBundle == null ? null : trustStore(clientCaBundle));
    }

    /**
     * A client's context.
     *
     * @param caBundle          the CAs to trust; null for the JDK's default trust store
     * @param clientCertificate the client's chain to present, or null for none
     * @param clientKey         its key (with clientCertificate)
     */
    public static SSLContext client(Path caBundle, Path clientCertificate, Path clientKey) throws IOException {
        return context(clientCertificate == null ? null : keyStore(clientCertificate, clientKey),
                caBundle == null ? null : trustStore(caBundle));
    }

    private static SSLContext context(KeyStore keys, KeyStore trust) throws IOException {
        try {
            KeyManagerFactory kmf = null;
            if (keys != null) {
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, IN_MEMORY);
            }
            TrustManagerFactory tmf = null;
            if (trust != null) {
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot build a TLS context: " + e.getMessage(), e);
        }
    }
}

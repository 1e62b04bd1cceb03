package org.jcwmp.cpe.transfer;

import java.net.URI;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.util.Timeout;

/** The HTTP client one file transfer uses (downloads and uploads alike): one per transfer, closed after it. */
final class TransferHttp {
    private TransferHttp() {
    }

    /**
     * A client with these connect, socket and response timeouts and no automatic retries; https with {@code tls}
     * (the CAs it trusts, a client certificate), or the JDK's defaults when null.
     */
    static CloseableHttpClient client(Duration timeout, SSLContext tls) {
        Timeout t = Timeout.of(timeout);
        PoolingHttpClientConnectionManagerBuilder connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(t).setSocketTimeout(t).build());
        if (tls != null) {
            connections.setTlsSocketStrategy(new DefaultClientTlsStrategy(tls));
        }
        return HttpClients.custom()
                .setConnectionManager(connections.build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(t).build())
                .disableAutomaticRetries().setUserAgent("jcwmp-cpe").build();
    }

    /** A context that answers the server's Digest or Basic challenge with these credentials; none when empty. */
    static HttpClientContext context(URI uri, String username, String password) {
        HttpClientContext context = HttpClientContext.create();
        if (username != null && !username.isEmpty()) {
            BasicCredentialsProvider credentials = new BasicCredentialsProvider();
            credentials.setCredentials(new AuthScope(uri.getHost(), -1), new UsernamePasswordCredentials(username,
                    password == null ? new char[0] : password.toCharArray()));
            context.setCredentialsProvider(credentials);
        }
        return context;
    }
}

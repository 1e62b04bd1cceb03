package org.jcwmp.acs.connreq;

import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;
import org.jcwmp.acs.store.Device;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/** Sends HTTP connection requests (TR-069 3.2.2): a GET to the CPE's ConnectionRequestURL with Digest. */
public final class HttpConnectionRequester implements AutoCloseable {
    private final CloseableHttpClient client;
    private final String defaultUsername;
    private final String defaultPassword;

    public HttpConnectionRequester(Duration timeout, String defaultUsername, String defaultPassword) {
        Timeout t = Timeout.of(timeout);
        HttpClientConnectionManager cm = PoolingHttpClientConnectionManagerBuilder.create()
                .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(t).build())
                .setMaxConnTotal(200).setMaxConnPerRoute(4).build();
        this.client = HttpClients.custom().setConnectionManager(cm)
                .setDefaultRequestConfig(RequestConfig.custom().setConnectionRequestTimeout(t).setResponseTimeout(t).build())
                .disableCookieManagement().disableRedirectHandling().build();
        this.defaultUsername = defaultUsername;
        this.defaultPassword = defaultPassword;
    }

    /** Asks the device to open a session now. Never throws; the outcome says what happened. */
    public ConnectionRequestOutcome request(Device device) {
        long start = System.nanoTime();
        String url = device.connectionRequestUrl();
        String user = device.connectionRequestUsername() != null ? device.connectionRequestUsername() : defaultUsername;
        String pass = device.connectionRequestPassword() != null ? device.connectionRequestPassword() : defaultPassword;
        try {
            URI uri = URI.create(url.trim());
            BasicCredentialsProvider credentials = new BasicCredentialsProvider();
            credentials.setCredentials(new AuthScope(uri.getHost(), uri.getPort()),
                    new UsernamePasswordCredentials(user == null ? "" : user, (pass == null ? "" : pass).toCharArray()));
            HttpClientContext context = HttpClientContext.create();
            context.setCredentialsProvider(credentials);
            int status = client.execute(new HttpGet(uri), context, response -> {
                if (response.getEntity() != null) {
                    response.getEntity().getContent().close();
                }
                return response.getCode();
            });
            boolean delivered = status == 200 || status == 204;
            return new ConnectionRequestOutcome("http", delivered, "HTTP " + status, since(start));
        } catch (IOException | IllegalArgumentException e) {
            return new ConnectionRequestOutcome("http", false, e.getClass().getSimpleName() + ": " + e.getMessage(),
                    since(start));
        }
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}

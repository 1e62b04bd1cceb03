package org.jcwmp.acs.connreq;

import org.apache.hc.client5.http.auth.AuthExchange;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.jcwmp.acs.store.Device;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sends HTTP connection requests (TR-069 3.2.2): a GET to the CPE's ConnectionRequestURL with Digest.
 *
 * <p>The next request to a device answers the challenge its CPE sent last time at once (RFC 7616 section 3.4: the
 * same nonce with the nonce count raised), saving the 401 round trip, as long as the URL and the credentials are
 * unchanged. A CPE that no longer accepts that nonce answers 401 as before and the challenge is answered then. The
 * authentications kept are bounded ({@value #REMEMBERED}, least recently used dropped first).
 */
public final class HttpConnectionRequester implements AutoCloseable {
    /** How many devices' last successful authentications are kept. */
    static final int REMEMBERED = 10_000;

    private final CloseableHttpClient client;
    /** Per device id; an entry is taken out while a request uses it, so concurrent requests never share one. */
    private final Map<String, Authenticated> authenticated = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Authenticated> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** HttpClient's state of a successful authentication, for one URL and set of credentials. */
    private record Authenticated(String key, Map<HttpHost, AuthExchange> exchanges) {
    }
    private final String defaultUsername;
    private final String defaultPassword;

    public HttpConnectionRequester(Duration timeout, String defaultUsername, String defaultPassword) {
        Timeout t = Timeout.of(timeout);
        HttpClientConnectionManager cm = PoolingHttpClientConnectionManagerBuilder.create()
                .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(t).build())
                // No check before reusing a kept-alive connection (it waits 1 ms on a healthy one): a GET on a
                // connection the CPE has closed meanwhile is sent again on a fresh one by HttpClient's retry.
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(t).setSocketTimeout(t)
                        .setValidateAfterInactivity(TimeValue.NEG_ONE_MILLISECOND).build())
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
            String key = url.trim() + "\n" + user + "\n" + pass;
            Authenticated last;
            synchronized (authenticated) {
                last = authenticated.remove(device.id());
            }
            if (last != null && last.key().equals(key)) {
                last.exchanges().forEach((host, exchange) -> {
                    if (exchange.getState() == AuthExchange.State.SUCCESS) {
                        context.setAuthExchange(host, exchange);
                    }
                });
            }
            int status = client.execute(new HttpGet(uri), context, response -> {
                if (response.getEntity() != null) {
                    response.getEntity().getContent().close();
                }
                return response.getCode();
            });
            boolean delivered = status == 200 || status == 204;
            if (delivered) {
                remember(device.id(), key, context);
            }
            return new ConnectionRequestOutcome("http", delivered, "HTTP " + status, since(start));
        } catch (IOException | IllegalArgumentException e) {
            return new ConnectionRequestOutcome("http", false, e.getClass().getSimpleName() + ": " + e.getMessage(),
                    since(start));
        }
    }

    private void remember(String deviceId, String key, HttpClientContext context) {
        Map<HttpHost, AuthExchange> succeeded = new HashMap<>();
        context.getAuthExchanges().forEach((host, exchange) -> {
            if (exchange.getState() == AuthExchange.State.SUCCESS && exchange.getAuthScheme() != null) {
                succeeded.put(host, exchange);
            }
        });
        if (!succeeded.isEmpty()) {
            synchronized (authenticated) {
                authenticated.put(deviceId, new Authenticated(key, Map.copyOf(succeeded)));
            }
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

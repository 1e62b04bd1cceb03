package org.jcwmp.sim;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.apache.hc.client5.http.auth.AuthExchange;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.cookie.BasicCookieStore;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.jcwmp.core.rpc.CwmpMessage;
import org.jcwmp.core.rpc.CwmpRequest;
import org.jcwmp.core.rpc.Fault;
import org.jcwmp.core.rpc.FaultCode;
import org.jcwmp.core.rpc.Inform;
import org.jcwmp.core.rpc.InformResponse;
import org.jcwmp.core.rpc.TransferComplete;
import org.jcwmp.core.rpc.TransferCompleteResponse;
import org.jcwmp.core.soap.CwmpVersion;
import org.jcwmp.cpe.session.CwmpPost;
import org.jcwmp.core.soap.Envelope;
import org.jcwmp.core.soap.SoapCodec;
import org.jcwmp.core.soap.SoapException;

/**
 * Runs CWMP sessions for simulated CPEs over one shared, pooled HTTP client: keep-alive connections are reused
 * across devices, each session gets its own cookie store and credentials (HttpClient answers the ACS's Digest or
 * Basic challenge). A device's next session answers the challenge its last Inform succeeded with at once (the same
 * nonce with the count raised, RFC 7616 3.4), so only its first session, or one after the nonce expired, pays the
 * 401 round trip.
 */
final class SimSessionClient implements AutoCloseable {
    static final CwmpVersion VERSION = CwmpPost.VERSION;
    private static final int MAX_EXCHANGES = 1_000;

    /** Why a session failed; {@code retryAfterSeconds} is the ACS's Retry-After on a 503, else -1. */
    static final class SessionFailure extends Exception {
        final int retryAfterSeconds;

        SessionFailure(String message, int retryAfterSeconds) {
            super(message, null, false, false);
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }

    private record Reply(int status, byte[] body, int retryAfter) {
        boolean empty() {
            for (byte b : body) {
                if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                    return false;
                }
            }
            return true;
        }
    }

    private final CloseableHttpClient http;
    private final SoapCodec codec = new SoapCodec();

    SimSessionClient(int maxConnections, Duration timeout) {
        Timeout t = Timeout.of(timeout);
        http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(maxConnections)
                        .setMaxConnPerRoute(maxConnections)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(t).setSocketTimeout(t).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(t).setConnectionRequestTimeout(t).build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .setUserAgent("jcwmp-sim")
                .build();
    }

    /**
     * One session: Inform, then empty POSTs and answers until the ACS's 204.
     *
     * @return the number of HTTP exchanges
     */
    int run(SimulatedCpe cpe, SimContext ctx, int events) throws SessionFailure {
        URI url = ctx.acsUrl();
        HttpClientContext context = HttpClientContext.create();
        context.setCookieStore(new BasicCookieStore());
        String user = ctx.acsUsername(cpe);
        if (user != null && !user.isEmpty()) {
            BasicCredentialsProvider credentials = new BasicCredentialsProvider();
            String password = ctx.acsPassword(cpe);
            credentials.setCredentials(new AuthScope(url.getHost(), -1),
                    new UsernamePasswordCredentials(user, password == null ? new char[0] : password.toCharArray()));
            context.setCredentialsProvider(credentials);
            // given to this session only: kept again once its Inform is accepted
            var last = cpe.takeLastAuthentication();
            if (last != null) {
                context.setAuthExchange(last.getKey(), last.getValue());
            }
        }
        Inform inform = cpe.inform(events);
        int ids = 1;
        Reply reply = post(url, context, codec.encode(Envelope.of(VERSION, Integer.toString(ids++), inform)), "Inform");
        int exchanges = 1;
        if (reply.status() != 200 || reply.empty()) {
            throw new SessionFailure("Inform answered with HTTP " + reply.status(), reply.retryAfter());
        }
        Envelope informAnswer = decode(reply.body());
        CwmpMessage answer = informAnswer.body();
        if (answer instanceof Fault f) {
            throw new SessionFailure("ACS fault " + f.faultCode() + " in answer to Inform", -1);
        }
        if (!(answer instanceof InformResponse)) {
            throw new SessionFailure("Inform answered with " + answer.methodName(), -1);
        }
        cpe.informDelivered(events);
        cpe.lastAuthentication(context.getAuthExchanges().entrySet().stream()
                .filter(e -> e.getValue().getState() == AuthExchange.State.SUCCESS && e.getValue().getAuthScheme() != null)
                .map(e -> java.util.Map.entry(e.getKey(), e.getValue())).findFirst().orElse(null));
        TransferComplete tc = cpe.transferComplete();
        // HoldRequests: the ACS has work first; the TransferComplete waits for a later session (its Inform repeats it)
        if (tc != null && !Boolean.TRUE.equals(informAnswer.holdRequests())) {
            reply = post(url, context, codec.encode(Envelope.of(VERSION, Integer.toString(ids++), tc)), "TransferComplete");
            exchanges++;
            if (reply.status() != 200 || reply.empty()) {
                throw new SessionFailure("TransferComplete answered with HTTP " + reply.status(), reply.retryAfter());
            }
            CwmpMessage tcAnswer = decode(reply.body()).body();
            if (!(tcAnswer instanceof TransferCompleteResponse)) {
                throw new SessionFailure("TransferComplete answered with " + tcAnswer.methodName(), -1);
            }
            cpe.transferCompleteDelivered();
        }
        reply = post(url, context, new byte[0], null);
        exchanges++;
        for (int i = 0; i < MAX_EXCHANGES; i++) {
            if (reply.status() == 204 || (reply.status() == 200 && reply.empty())) {
                return exchanges;
            }
            if (reply.status() != 200) {
                throw new SessionFailure("ACS answered HTTP " + reply.status(), reply.retryAfter());
            }
            byte[] next;
            try {
                Envelope request = codec.decode(reply.body());
                if (request.body() instanceof CwmpRequest r) {
                    next = codec.encode(request.reply(cpe.answer(r)));
                } else {
                    next = new byte[0];
                }
            } catch (SoapException e) {
                if (!e.unknownMethod()) {
                    throw new SessionFailure("unreadable ACS request: " + e.getMessage(), -1);
                }
                CwmpVersion v = e.version() == null ? VERSION : e.version();
                next = codec.encode(Envelope.of(v, e.id(), new Fault(FaultCode.CPE_METHOD_NOT_SUPPORTED)));
            }
            reply = post(url, context, next, null);
            exchanges++;
        }
        throw new SessionFailure("more than " + MAX_EXCHANGES + " exchanges in one session", -1);
    }

    private Envelope decode(byte[] body) throws SessionFailure {
        try {
            return codec.decode(body);
        } catch (SoapException e) {
            throw new SessionFailure("unreadable ACS message: " + e.getMessage(), -1);
        }
    }

    private Reply post(URI url, HttpClientContext context, byte[] body, String soapAction) throws SessionFailure {
        HttpPost post = CwmpPost.request(url, body, soapAction);
        try {
            return http.execute(post, context, response -> {
                byte[] bytes = CwmpPost.body(response, codec.maxBodyBytes());
                int retryAfter = -1;
                Header h = response.getFirstHeader("Retry-After");
                if (h != null) {
                    try {
                        retryAfter = Integer.parseInt(h.getValue().trim());
                    } catch (NumberFormatException ignored) {
                        // an HTTP date: treat as absent
                    }
                }
                return new Reply(response.getCode(), bytes, retryAfter);
            });
        } catch (IOException e) {
            throw new SessionFailure("HTTP exchange with " + url + " failed: " + e, -1);
        }
    }

    @Override
    public void close() {
        http.close(CloseMode.IMMEDIATE);
    }
}

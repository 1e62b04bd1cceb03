package org.jcwmp.cpe.session;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
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
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.jcwmp.core.rpc.CwmpMessage;
import org.jcwmp.core.rpc.CwmpRequest;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.Fault;
import org.jcwmp.core.rpc.FaultCode;
import org.jcwmp.core.rpc.Inform;
import org.jcwmp.core.rpc.InformResponse;
import org.jcwmp.core.soap.CwmpVersion;
import org.jcwmp.core.soap.Envelope;
import org.jcwmp.core.soap.SoapCodec;
import org.jcwmp.core.soap.SoapException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs CWMP sessions over HTTP: Inform, then empty POSTs and answers to the ACS's requests until the ACS ends the
 * session with an empty response.
 *
 * <p>One keep-alive connection for the agent's lifetime, used again without a check (see
 * {@link ClosedConnectionRetry}); a fresh cookie store and credentials per session, so the ACS's {@code session}
 * cookie goes back within a session and never into the next one. HttpClient answers Digest
 * or Basic challenges itself, whichever the ACS sends.
 *
 * <p>The next session's Inform answers the ACS's last challenge at once (RFC 7616 section 3.4: the same nonce with
 * the nonce count raised), saving the 401 round trip at the start of each session, as long as the ACS URL and the
 * credentials are unchanged. An ACS that no longer accepts the nonce answers 401 (stale) as before, and HttpClient
 * then answers that new challenge; nothing is ever sent unauthenticated that was not before.
 */
public final class SessionClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SessionClient.class);
    /** The namespace our envelopes use; responses keep the one the ACS's request used. */
    static final CwmpVersion VERSION = CwmpPost.VERSION;
    /** A session that goes on longer than this is an ACS gone wrong, not work to do. */
    private static final int MAX_EXCHANGES = 10_000;

    private final CloseableHttpClient http;
    private final SoapCodec codec = new SoapCodec();
    private final AtomicLong ids = new AtomicLong();
    /** The authentication that succeeded in the last session, to answer preemptively in the next; sessions run one at a time. */
    private volatile Authenticated lastAuth;

    /** HttpClient's state of a successful authentication, valid for one ACS URL and set of credentials. */
    private record Authenticated(String key, Map<HttpHost, AuthExchange> exchanges) {
        static String key(ManagementServer acs) {
            URI u = acs.url();
            return u.getScheme() + "://" + u.getHost() + ":" + u.getPort() + "\n" + acs.username() + "\n" + acs.password();
        }
    }

    /** Answers one HTTP exchange: status and body (empty when there was none). */
    private record Reply(int status, byte[] body) {
        boolean empty() {
            for (byte b : body) {
                if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                    return false;
                }
            }
            return true;
        }
    }

    /** @param timeout for connecting and for each response; TR-069 asks CPEs to wait at least 30 s */
    public SessionClient(Duration timeout) {
        this(timeout, null);
    }

    /**
     * @param tls for an https ACS URL: the CAs trusted and the client certificate presented; null for the JDK's
     *            defaults. The ACS's host name is checked against its certificate.
     */
    public SessionClient(Duration timeout, javax.net.ssl.SSLContext tls) {
        Timeout t = Timeout.of(timeout);
        PoolingHttpClientConnectionManagerBuilder connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(1)
                .setMaxConnPerRoute(1)
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(t).setSocketTimeout(t)
                        // No check before reuse: it waits 1 ms on a healthy connection. ClosedConnectionRetry
                        // sends again on a fresh one when the ACS had closed it.
                        .setValidateAfterInactivity(TimeValue.NEG_ONE_MILLISECOND).build());
        if (tls != null) {
            connections.setTlsSocketStrategy(new org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy(tls));
        }
        http = HttpClients.custom()
                .setConnectionManager(connections.build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(t).setConnectionRequestTimeout(t).build())
                .setRetryStrategy(new ClosedConnectionRetry()) // nothing else: a failed session is retried as a whole
                .setUserAgent("jcwmp-cpe")
                .build();
    }

    /**
     * One session.
     *
     * @param informAccepted run once InformResponse arrived: the Inform's events are delivered even if the session
     *                       fails later
     * @throws SessionException when the session failed
     */
    public void run(ManagementServer acs, Inform inform, CpeMethods methods, Runnable informAccepted)
            throws SessionException {
        run(acs, inform, methods, informAccepted, Outbox.NONE);
    }

    /** Requests the CPE sends to the ACS after the Inform (TransferComplete ...). */
    public interface Outbox {
        Outbox NONE = new Outbox() {
            @Override
            public List<? extends CwmpRequest> pending(List<EventStruct> informEvents) {
                return List.of();
            }

            @Override
            public void answered(CwmpRequest request) {
            }
        };

        /** What to send in a session whose Inform carried these events, in order. */
        List<? extends CwmpRequest> pending(List<EventStruct> informEvents);

        /** The ACS answered this request with its response (not a fault). */
        void answered(CwmpRequest request);
    }

    /**
     * One session that also sends the outbox's requests after InformResponse, before the first empty POST. A
     * request the ACS answers with a Fault stays pending (sent again in a later session); the rest are not sent
     * in this session then.
     */
    public void run(ManagementServer acs, Inform inform, CpeMethods methods, Runnable informAccepted, Outbox outbox)
            throws SessionException {
        if (acs.url() == null || acs.url().getHost() == null) {
            throw new SessionException("no ACS URL");
        }
        HttpClientContext context = HttpClientContext.create();
        context.setCookieStore(new BasicCookieStore());
        if (acs.username() != null && !acs.username().isEmpty()) {
            BasicCredentialsProvider credentials = new BasicCredentialsProvider();
            credentials.setCredentials(new AuthScope(acs.url().getHost(), -1),
                    new UsernamePasswordCredentials(acs.username(), acs.password() == null ? new char[0] : acs.password().toCharArray()));
            context.setCredentialsProvider(credentials);
            Authenticated last = lastAuth;
            lastAuth = null; // given to this session only; kept again once its Inform was accepted
            if (last != null && last.key().equals(Authenticated.key(acs))) {
                last.exchanges().forEach((host, exchange) -> {
                    if (exchange.getState() == AuthExchange.State.SUCCESS) {
                        context.setAuthExchange(host, exchange);
                    }
                });
            }
        }

        Envelope informEnvelope = Envelope.of(VERSION, Long.toString(ids.incrementAndGet()), inform);
        Reply reply = post(acs.url(), context, codec.encode(informEnvelope), "Inform");
        if (reply.status() != 200 || reply.empty()) {
            throw new SessionException("Inform answered with HTTP " + reply.status() + (reply.empty() ? " and no body" : ""));
        }
        Envelope informReply = decode(reply);
        CwmpMessage answer = informReply.body();
        if (answer instanceof Fault f) {
            throw new SessionException("ACS fault " + f.faultCode() + " " + f.faultString() + " in answer to Inform", f.faultCode(), null);
        }
        if (!(answer instanceof InformResponse)) {
            throw new SessionException("Inform answered with " + answer.methodName());
        }
        rememberAuthentication(acs, context);
        informAccepted.run();

        List<? extends CwmpRequest> toSend = outbox.pending(inform.event());
        boolean held = Boolean.TRUE.equals(informReply.holdRequests());
        if (!held) {
            sendOutbox(acs, context, outbox, toSend);
        }
        boolean lastPostEmpty = true;
        reply = post(acs.url(), context, new byte[0], null);
        for (int i = 0; i < MAX_EXCHANGES; i++) {
            if (reply.status() == 204 || (reply.status() == 200 && reply.empty())) {
                if (held && !lastPostEmpty && !toSend.isEmpty()) {
                    // HoldRequests was on while the ACS had work; it is done now: our requests, then the end.
                    held = false;
                    sendOutbox(acs, context, outbox, toSend);
                    lastPostEmpty = true;
                    reply = post(acs.url(), context, new byte[0], null);
                    continue;
                }
                return;
            }
            if (reply.status() != 200) {
                throw new SessionException("ACS answered HTTP " + reply.status());
            }
            byte[] next;
            try {
                Envelope request = codec.decode(reply.body());
                if (request.body() instanceof CwmpRequest r) {
                    log.debug("ACS request {}", r.methodName());
                    next = codec.encode(request.reply(methods.answer(r)));
                } else {
                    // A response or fault with no request of ours outstanding: nothing to answer.
                    log.warn("ignoring unexpected {} from the ACS", request.body().methodName());
                    next = new byte[0];
                }
            } catch (SoapException e) {
                if (!e.unknownMethod()) {
                    throw new SessionException("unreadable ACS request: " + e.getMessage(), e);
                }
                CwmpVersion v = e.version() == null ? VERSION : e.version();
                next = codec.encode(Envelope.of(v, e.id(), new Fault(FaultCode.CPE_METHOD_NOT_SUPPORTED)));
            }
            lastPostEmpty = next.length == 0;
            reply = post(acs.url(), context, next, null);
        }
        throw new SessionException("more than " + MAX_EXCHANGES + " exchanges in one session");
    }

    /** Keeps the authentication the Inform succeeded with, so the next session's Inform can answer at once. */
    private void rememberAuthentication(ManagementServer acs, HttpClientContext context) {
        Map<HttpHost, AuthExchange> succeeded = new HashMap<>();
        context.getAuthExchanges().forEach((host, exchange) -> {
            if (exchange.getState() == AuthExchange.State.SUCCESS && exchange.getAuthScheme() != null) {
                succeeded.put(host, exchange);
            }
        });
        lastAuth = succeeded.isEmpty() ? null : new Authenticated(Authenticated.key(acs), Map.copyOf(succeeded));
    }

    private void sendOutbox(ManagementServer acs, HttpClientContext context, Outbox outbox,
                            List<? extends CwmpRequest> toSend) throws SessionException {
        for (CwmpRequest request : toSend) {
            Reply r = post(acs.url(), context,
                    codec.encode(Envelope.of(VERSION, Long.toString(ids.incrementAndGet()), request)),
                    request.methodName());
            if (r.status() != 200 || r.empty()) {
                throw new SessionException(request.methodName() + " answered with HTTP " + r.status());
            }
            CwmpMessage response = decode(r).body();
            if (response instanceof Fault f) {
                log.warn("ACS fault {} {} in answer to {}", f.faultCode(), f.faultString(), request.methodName());
                break;
            }
            if (!response.methodName().equals(request.methodName() + "Response")) {
                throw new SessionException(request.methodName() + " answered with " + response.methodName());
            }
            outbox.answered(request);
        }
    }

    private Envelope decode(Reply reply) throws SessionException {
        try {
            return codec.decode(reply.body());
        } catch (SoapException e) {
            throw new SessionException("unreadable ACS message: " + e.getMessage(), e);
        }
    }

    /** POSTs a body (an empty one when {@code body} is empty); {@code soapAction} is set for CPE requests only. */
    private Reply post(URI url, HttpClientContext context, byte[] body, String soapAction) throws SessionException {
        HttpPost post = CwmpPost.request(url, body, soapAction);
        try {
            return http.execute(post, context, response -> {
                byte[] bytes = CwmpPost.body(response, codec.maxBodyBytes());
                return new Reply(response.getCode(), bytes);
            });
        } catch (IOException e) {
            throw new SessionException("HTTP exchange with " + url + " failed: " + e, e);
        }
    }

    /** Closes the connection; a session running now fails at once. */
    @Override
    public void close() {
        http.close(CloseMode.IMMEDIATE);
    }
}

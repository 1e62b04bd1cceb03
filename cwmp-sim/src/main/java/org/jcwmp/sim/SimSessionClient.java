package org.jcwmp.sim;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * Runs CWMP sessions for simulated CPEs over one shared, pooled HTTP client ({@link SimHttpClient}): keep-alive
 * connections are reused across devices, each session keeps its own cookies and answers the ACS's Digest or Basic
 * challenge itself. A device's next session answers the challenge its last Inform succeeded with at once (the same
 * nonce with the count raised, RFC 7616 3.4), so only its first session, or one after the nonce expired, pays the
 * 401 round trip. Redirects are not followed.
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

    private static final String CONTENT_TYPE = "Content-Type: text/xml; charset=\"utf-8\"";
    private static final String SOAP_ACTION = "SOAPAction: \"" + VERSION.namespace() + "#";
    /** A POST answers at most this many 401s (a stale nonce, a kept answer refused) before its 401 counts. */
    private static final int MAX_CHALLENGES = 2;

    /** What one session keeps between its POSTs: its URL, cookies and credentials, and the challenge it answers. */
    static final class Session {
        final URI url;
        final String requestTarget;
        final String username;
        final String password;
        /** "name=value" each; usually the ACS's one session cookie. */
        List<String> cookies = List.of();
        SimAuth auth;
        /** True while auth is the device's kept one, not yet answered to a challenge of this session. */
        boolean authKept;

        Session(URI url, String username, String password) {
            this.url = url;
            this.requestTarget = SimHttpClient.requestTarget(url);
            this.username = username;
            this.password = password;
        }

        void setCookies(List<String> setCookies) {
            for (String sc : setCookies) {
                int semi = sc.indexOf(';');
                String pair = (semi >= 0 ? sc.substring(0, semi) : sc).strip();
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String name = pair.substring(0, eq).strip();
                String value = pair.substring(eq + 1).strip();
                boolean expired = value.isEmpty();
                for (String attribute : semi >= 0 ? sc.substring(semi + 1).split(";") : new String[0]) {
                    String a = attribute.strip();
                    if (a.regionMatches(true, 0, "Max-Age=", 0, 8)) {
                        try {
                            expired |= Long.parseLong(a.substring(8).strip()) <= 0;
                        } catch (NumberFormatException ignored) {
                            // not a number: the attribute is ignored (RFC 6265 5.2.2)
                        }
                    }
                }
                List<String> next = new ArrayList<>(cookies.size() + 1);
                for (String c : cookies) {
                    if (!c.startsWith(name + "=")) {
                        next.add(c);
                    }
                }
                if (!expired) {
                    next.add(name + "=" + value);
                }
                cookies = next;
            }
        }
    }

    private final SimHttpClient http;
    private final SoapCodec codec = new SoapCodec();

    SimSessionClient(int maxConnections, Duration timeout) {
        http = new SimHttpClient(maxConnections, timeout);
    }

    /**
     * One session: Inform, then empty POSTs and answers until the ACS's 204.
     *
     * @return the number of HTTP exchanges
     */
    int run(SimulatedCpe cpe, SimContext ctx, int events) throws SessionFailure {
        URI url = ctx.acsUrl();
        String user = ctx.acsUsername(cpe);
        Session context;
        if (user != null && !user.isEmpty()) {
            String password = ctx.acsPassword(cpe);
            context = new Session(url, user, password == null ? "" : password);
            // given to this session only: kept again once its Inform is accepted
            SimAuth last = cpe.takeLastAuthentication();
            if (last != null && last.isFor(url, context.username, context.password)) {
                context.auth = last;
                context.authKept = true;
            }
        } else {
            context = new Session(url, null, null);
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
        cpe.lastAuthentication(context.auth);
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

    private Reply post(URI url, Session session, byte[] body, String soapAction) throws SessionFailure {
        SimHttpClient.Response response;
        for (int challenges = 0; ; challenges++) {
            List<String> headers = new ArrayList<>(4);
            if (body.length > 0) {
                headers.add(CONTENT_TYPE);
            }
            if (soapAction != null) {
                headers.add(SOAP_ACTION + soapAction + "\"");
            }
            if (!session.cookies.isEmpty()) {
                headers.add("Cookie: " + String.join("; ", session.cookies));
            }
            if (session.auth != null) {
                headers.add("Authorization: " + session.auth.header("POST", session.requestTarget));
            }
            try {
                response = http.post(url, headers, body, codec.maxBodyBytes());
            } catch (IOException | IllegalArgumentException e) {
                throw new SessionFailure("HTTP exchange with " + url + " failed: " + e, -1);
            }
            session.setCookies(response.setCookies());
            if (response.status() != 401 || session.username == null || challenges >= MAX_CHALLENGES) {
                break;
            }
            SimAuth next = SimAuth.answering(response.challenges(), url, session.username, session.password);
            // answer a first challenge, a stale nonce, or a kept answer refused; a fresh answer refused is a 401
            if (next == null || (session.auth != null && !session.authKept && !next.stale())) {
                break;
            }
            session.auth = next;
            session.authKept = false;
        }
        int retryAfter = -1;
        if (response.retryAfter() != null) {
            try {
                retryAfter = Integer.parseInt(response.retryAfter().trim());
            } catch (NumberFormatException ignored) {
                // an HTTP date: treat as absent
            }
        }
        return new Reply(response.status(), response.body(), retryAfter);
    }

    @Override
    public void close() {
        http.close();
    }
}

package org.jcwmp.cpe.session;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import org.apache.hc.client5.http.HttpRequestRetryStrategy;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;

/**
 * Sends a POST once more, at once, when the connection it went out on turned out closed by the ACS: no response at
 * all, or the connection reset. The agent keeps its connection to the ACS between sessions without checking it
 * before use (HttpClient's check waits a millisecond on every healthy connection), so a connection the ACS closed
 * while idle shows up this way. Nothing else is retried: a failed session is retried as a whole, per TR-069's rules.
 */
final class ClosedConnectionRetry implements HttpRequestRetryStrategy {
    @Override
    public boolean retryRequest(HttpRequest request, IOException exception, int execCount, HttpContext context) {
        return execCount < 2 && (exception instanceof NoHttpResponseException
                || (exception instanceof SocketException
                    && !(exception instanceof ConnectException) && !(exception instanceof NoRouteToHostException)));
    }

    @Override
    public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
        return false;
    }

    @Override
    public TimeValue getRetryInterval(HttpRequest request, IOException exception, int execCount, HttpContext context) {
        return TimeValue.ZERO_MILLISECONDS;
    }

    @Override
    public TimeValue getRetryInterval(HttpResponse response, int execCount, HttpContext context) {
        return TimeValue.ZERO_MILLISECONDS;
    }
}

package org.jcwmp.cpe.transfer;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpPut;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.jcwmp.core.rpc.FaultCode;
import org.jcwmp.cpe.model.CpeFaultException;

/**
 * Sends a file with HTTP PUT (Apache HttpClient 5, Digest or Basic as the server asks) and maps what goes wrong to
 * the transfer faults: unsupported scheme 9013, host unknown or unreachable 9015, 401/403 9012, 404 and other 4xx
 * 9016, 5xx or a connection lost 9011.
 */
public final class Uploader {
    private final Duration timeout;
    private final javax.net.ssl.SSLContext tls;

    public Uploader(Duration timeout) {
        this(timeout, null);
    }

    /** @param tls for https: the CAs trusted and the client certificate; null for the JDK's defaults */
    public Uploader(Duration timeout, javax.net.ssl.SSLContext tls) {
        this.timeout = timeout;
        this.tls = tls;
    }

    /**
     * PUTs {@code content} to {@code url}.
     *
     * @param username for Digest or Basic authentication; empty for none
     */
    public void put(String url, String username, String password, byte[] content, ContentType type)
            throws CpeFaultException {
        Downloader.checkScheme(url);
        URI uri = URI.create(url);
        HttpClientContext context = TransferHttp.context(uri, username, password);
        try (CloseableHttpClient http = TransferHttp.client(timeout, tls)) {
            HttpPut put = new HttpPut(uri);
            put.setEntity(new ByteArrayEntity(content, type)); // repeatable: resent after a Digest challenge
            int code = http.execute(put, context, response -> {
                EntityUtils.consume(response.getEntity());
                return response.getCode();
            });
            if (code == 401 || code == 403) {
                throw new CpeFaultException(FaultCode.TRANSFER_AUTHENTICATION_FAILURE, "HTTP " + code);
            }
            if (code >= 400 && code < 500) {
                throw new CpeFaultException(FaultCode.FILE_ACCESS_FAILURE, "HTTP " + code);
            }
            if (code < 200 || code >= 300) {
                throw new CpeFaultException(FaultCode.UPLOAD_FAILURE, "HTTP " + code);
            }
        } catch (UnknownHostException | ConnectException | NoRouteToHostException | ConnectTimeoutException e) {
            throw new CpeFaultException(FaultCode.FILE_SERVER_NOT_FOUND, "cannot reach " + uri.getHost() + ": " + e);
        } catch (IOException e) {
            throw new CpeFaultException(FaultCode.UPLOAD_FAILURE, e.toString());
        }
    }
}

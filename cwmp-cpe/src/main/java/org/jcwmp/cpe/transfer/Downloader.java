package org.jcwmp.cpe.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.HttpEntity;
import org.jcwmp.core.rpc.FaultCode;
import org.jcwmp.cpe.model.CpeFaultException;

/**
 * Fetches a file over HTTP(S) with Apache HttpClient 5 and maps what goes wrong to the transfer faults:
 * unsupported scheme 9013, host unknown or unreachable 9015, 401/403 9012, 404 and other 4xx 9016, 5xx 9010,
 * a connection lost mid-file or fewer bytes than FileSize 9017, more bytes than FileSize 9018.
 */
public final class Downloader {
    private final Duration timeout;
    private final javax.net.ssl.SSLContext tls;

    public Downloader(Duration timeout) {
        this(timeout, null);
    }

    /** @param tls for https: the CAs trusted and the client certificate; null for the JDK's defaults */
    public Downloader(Duration timeout, javax.net.ssl.SSLContext tls) {
        this.timeout = timeout;
        this.tls = tls;
    }

    /** Rejects what cannot be fetched at all, before anything is queued. */
    public static void checkScheme(String url) throws CpeFaultException {
        String scheme;
        try {
            scheme = URI.create(url).getScheme();
        } catch (IllegalArgumentException e) {
            throw new CpeFaultException(FaultCode.CPE_INVALID_ARGUMENTS, "bad URL " + url);
        }
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw new CpeFaultException(FaultCode.UNSUPPORTED_TRANSFER_PROTOCOL, "only http and https: " + url);
        }
    }

    /**
     * Downloads {@code url} into {@code target}; returns the number of bytes.
     *
     * @param username  for Digest or Basic authentication (whichever the server asks); empty for none
     * @param fileSize  the expected size, 0 when unknown
     */
    public long fetch(String url, String username, String password, long fileSize, Path target)
            throws CpeFaultException {
        checkScheme(url);
        URI uri = URI.create(url);
        HttpClientContext context = TransferHttp.context(uri, username, password);
        try (CloseableHttpClient http = TransferHttp.client(timeout, tls)) {
            return http.execute(new HttpGet(uri), context, response -> {
                int code = response.getCode();
                if (code == 401 || code == 403) {
                    throw new Failure(FaultCode.TRANSFER_AUTHENTICATION_FAILURE, "HTTP " + code);
                }
                if (code >= 400 && code < 500) {
                    throw new Failure(FaultCode.FILE_ACCESS_FAILURE, "HTTP " + code);
                }
                if (code != 200) {
                    throw new Failure(FaultCode.DOWNLOAD_FAILURE, "HTTP " + code);
                }
                HttpEntity entity = response.getEntity();
                long n = 0;
                try (InputStream in = entity == null ? InputStream.nullInputStream() : entity.getContent();
                     OutputStream out = Files.newOutputStream(target)) {
                    byte[] buf = new byte[64 * 1024];
                    int r;
                    while ((r = in.read(buf)) >= 0) {
                        n += r;
                        if (fileSize > 0 && n > fileSize) {
                            throw new Failure(FaultCode.FILE_CORRUPTED, "more than FileSize " + fileSize + " bytes");
                        }
                        out.write(buf, 0, r);
                    }
                } catch (Failure f) {
                    throw f;
                } catch (IOException e) {
                    throw new Failure(FaultCode.DOWNLOAD_INCOMPLETE, "download broke off after " + n + " bytes: " + e);
                }
                if (fileSize > 0 && n < fileSize) {
                    throw new Failure(FaultCode.DOWNLOAD_INCOMPLETE, n + " of FileSize " + fileSize + " bytes");
                }
                return n;
            });
        } catch (Failure f) {
            throw new CpeFaultException(f.code, f.getMessage());
        } catch (UnknownHostException | ConnectException | NoRouteToHostException
                 | ConnectTimeoutException e) {
            throw new CpeFaultException(FaultCode.FILE_SERVER_NOT_FOUND, "cannot reach " + uri.getHost() + ": " + e);
        } catch (IOException e) {
            throw new CpeFaultException(FaultCode.DOWNLOAD_FAILURE, e.toString());
        }
    }

    /** Carries a fault out of the response handler. */
    private static final class Failure extends IOException {
        final FaultCode code;

        Failure(FaultCode code, String message) {
            super(message);
            this.code = code;
        }
    }
}

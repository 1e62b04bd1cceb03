package org.jcwmp.acs;

import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.jcwmp.core.rpc.CwmpMessage;
import org.jcwmp.core.soap.CwmpVersion;
import org.jcwmp.core.soap.Envelope;
import org.jcwmp.core.soap.SoapCodec;

import java.io.IOException;
import java.net.URI;

/** A CPE whose every POST the test writes, to check the ACS's side of the session message by message. */
final class ScriptedCpe implements AutoCloseable {
    private static final SoapCodec CODEC = new SoapCodec();
    private final CloseableHttpClient http;
    private final URI acs;
    private int ids;

    ScriptedCpe(AcsServer server, String username, String password) {
        BasicCredentialsProvider credentials = new BasicCredentialsProvider();
        credentials.setCredentials(new AuthScope("127.0.0.1", server.cwmpPort()),
                new UsernamePasswordCredentials(username, password.toCharArray()));
        this.http = HttpClients.custom().setDefaultCredentialsProvider(credentials).build();
        this.acs = URI.create(server.cwmpUrl());
    }

    /** POSTs one envelope; returns the ACS's envelope, or null for an empty 204. */
    Envelope post(Envelope envelope) throws IOException {
        return send(CODEC.encode(envelope));
    }

    Envelope post(CwmpMessage message) throws IOException {
        return post(Envelope.of(CwmpVersion.V1_2, "cpe-" + (++ids), message));
    }

    /** The empty POST that says the CPE has nothing more to send. */
    Envelope postEmpty() throws IOException {
        return send(new byte[0]);
    }

    private Envelope send(byte[] body) throws IOException {
        HttpPost post = new HttpPost(acs);
        post.setEntity(new ByteArrayEntity(body, ContentType.TEXT_XML));
        return http.execute(post, r -> {
            byte[] answer = r.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(r.getEntity());
            if (r.getCode() == 204) {
                return null;
            }
            if (r.getCode() != 200) {
                throw new IOException("HTTP " + r.getCode() + ": " + new String(answer));
            }
            try {
                return CODEC.decode(answer);
            } catch (org.jcwmp.core.soap.SoapException e) {
                throw new IOException(e);
            }
        });
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}

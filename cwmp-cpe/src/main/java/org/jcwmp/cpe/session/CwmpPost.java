package org.jcwmp.cpe.session;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.jcwmp.core.soap.CwmpVersion;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

/** The HTTP side of one CPE POST to the ACS, shared by the agent and the fleet simulator. */
public final class CwmpPost {
    /** The namespace CPE requests are written in. */
    public static final CwmpVersion VERSION = CwmpVersion.V1_2;
    private static final String CONTENT_TYPE = "text/xml; charset=\"utf-8\"";

    private CwmpPost() {
    }

    /** The POST of one envelope, or an empty POST when {@code body} is empty; SOAPAction for CPE requests only. */
    public static HttpPost request(URI url, byte[] body, String soapAction) {
        HttpPost post = new HttpPost(url);
        post.setEntity(new ByteArrayEntity(body, null));
        if (body.length > 0) {
            post.setHeader("Content-Type", CONTENT_TYPE);
        }
        if (soapAction != null) {
            post.setHeader("SOAPAction", "\"" + VERSION.namespace() + "#" + soapAction + "\"");
        }
        return post;
    }

    /** The ACS's answer, at most {@code maxBytes} + 1 bytes, so that the codec sees and refuses an oversized one. */
    public static byte[] body(ClassicHttpResponse response, int maxBytes) throws IOException {
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            return new byte[0];
        }
        try (InputStream in = entity.getContent()) {
            return in.readNBytes(maxBytes + 1);
        }
    }
}

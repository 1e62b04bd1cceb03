package org.jcwmp.core.stun;

/**
 * CONNECTION-REQUEST-BINDING (TR-111 part 2): marks the Binding Requests a CPE sends from the port it takes UDP
 * connection requests on, so that the server learns that binding. Its value is fixed; when reading we accept any
 * value, since the type alone says what it is and some CPEs drop the trailing space.
 */
public record ConnectionRequestBinding() implements StunAttribute {
    /** 20 bytes, the last one a space. */
    public static final String VALUE = "dslforum.org/TR-111 ";

    @Override
    public int type() {
        return CONNECTION_REQUEST_BINDING;
    }
}

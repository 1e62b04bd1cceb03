package org.jcwmp.core.soap;

/** The cwmp namespace of an envelope. The 1.3 and 1.4 schemas keep cwmp-1-2; real ACSs also use cwmp-1-3. */
public enum CwmpVersion {
    V1_0("urn:dslforum-org:cwmp-1-0"),
    V1_1("urn:dslforum-org:cwmp-1-1"),
    V1_2("urn:dslforum-org:cwmp-1-2"),
    V1_3("urn:dslforum-org:cwmp-1-3");

    private final String namespace;

    CwmpVersion(String namespace) {
        this.namespace = namespace;
    }

    public String namespace() {
        return namespace;
    }

    /** The version for a namespace URI, or null when it is not a cwmp namespace. */
    public static CwmpVersion ofNamespace(String uri) {
        for (CwmpVersion v : values()) {
            if (v.namespace.equals(uri)) {
                return v;
            }
        }
        return null;
    }
}

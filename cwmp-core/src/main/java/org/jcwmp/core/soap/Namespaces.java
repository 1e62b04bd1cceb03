package org.jcwmp.core.soap;

/** The namespaces of a CWMP envelope, and the lenient mapping of a namespace URI to a {@link CwmpVersion}. */
final class Namespaces {

    static final String SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String SOAP_ENC = "http://schemas.xmlsoap.org/soap/encoding/";
    static final String XSD = "http://www.w3.org/2001/XMLSchema";
    static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    /** Some SOAP stacks send the 1.2 envelope; the content is the same, so it is read too. */
    static final String SOAP12_ENV = "http://www.w3.org/2003/05/soap-envelope";

    private static final String CWMP_PREFIX = "urn:dslforum-org:cwmp-1-";

    private Namespaces() {
    }

    static boolean isSoapEnvelope(String uri) {
        return SOAP_ENV.equals(uri) || SOAP12_ENV.equals(uri);
    }

    static boolean isSchemaInstance(String uri) {
        // 2001 and the old 1999 namespace
        return uri != null && uri.startsWith("http://www.w3.org/") && uri.endsWith("/XMLSchema-instance");
    }

    static boolean isSchema(String uri) {
        return uri != null && uri.startsWith("http://www.w3.org/") && uri.endsWith("/XMLSchema");
    }

    /**
     * The version for a cwmp namespace, or null when the URI is not one. Later minor namespaces than the known
     * ones (a peer sending cwmp-1-4, which the BBF never defined) map to the newest known version.
     */
    static CwmpVersion cwmpVersion(String uri) {
        if (uri == null || uri.isEmpty()) {
            return null;
        }
        CwmpVersion exact = CwmpVersion.ofNamespace(uri);
        if (exact != null) {
            return exact;
        }
        if (uri.length() > CWMP_PREFIX.length() && uri.regionMatches(true, 0, CWMP_PREFIX, 0, CWMP_PREFIX.length())) {
            String minor = uri.substring(CWMP_PREFIX.length());
            if (!minor.isEmpty() && minor.chars().allMatch(c -> c >= '0' && c <= '9') && minor.length() < 4) {
                CwmpVersion[] all = CwmpVersion.values();
                int n = Integer.parseInt(minor);
                return n < all.length ? all[n] : all[all.length - 1];
            }
        }
        return null;
    }
}

package org.jcwmp.core.soap;

import org.jcwmp.core.rpc.CwmpMessage;

/**
 * One CWMP SOAP envelope: the headers TR-069 defines and exactly one message in the body.
 *
 * @param version               the cwmp namespace; a response uses the one its request came in
 * @param id                    cwmp:ID, echoed by the response; may be null
 * @param holdRequests          cwmp:HoldRequests (ACS to CPE); null when absent
 * @param sessionTimeout        cwmp:SessionTimeout in seconds (CPE to ACS, 1.3); null when absent
 * @param supportedCwmpVersions cwmp:SupportedCWMPVersions, e.g. "1.0,1.1,1.2,1.3,1.4" (CPE to ACS); null when absent
 * @param useCwmpVersion        cwmp:UseCWMPVersion, e.g. "1.4" (ACS to CPE); null when absent
 * @param body                  the message
 */
public record Envelope(CwmpVersion version, String id, Boolean holdRequests, Integer sessionTimeout,
                       String supportedCwmpVersions, String useCwmpVersion, CwmpMessage body) {

    public Envelope {
        if (version == null) {
            version = CwmpVersion.V1_0;
        }
        if (body == null) {
            throw new IllegalArgumentException("an envelope carries one message");
        }
    }

    public static Envelope of(CwmpVersion version, String id, CwmpMessage body) {
        return new Envelope(version, id, null, null, null, null, body);
    }

    public Envelope withBody(CwmpMessage newBody) {
        return new Envelope(version, id, holdRequests, sessionTimeout, supportedCwmpVersions, useCwmpVersion, newBody);
    }

    /** The answer to this envelope: same version and ID, no other headers. */
    public Envelope reply(CwmpMessage answer) {
        return of(version, id, answer);
    }
}

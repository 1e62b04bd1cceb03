package org.jcwmp.acs.session;

import java.util.ArrayList;
import java.util.List;

/** CWMP version negotiation (TR-069 Amendment 5): SupportedCWMPVersions from the CPE, UseCWMPVersion from the ACS. */
final class CwmpVersions {
    static final String ACS_SUPPORTED = "1.0,1.1,1.2,1.3,1.4";
    private static final List<String> ACS = List.of(ACS_SUPPORTED.split(","));

    private CwmpVersions() {
    }

    /** The highest version both speak, or null when they share none. */
    static String highestCommon(String cpeSupported) {
        List<String> common = new ArrayList<>();
        for (String v : cpeSupported.split(",")) {
            if (ACS.contains(v.strip())) {
                common.add(v.strip());
            }
        }
        return common.stream().max(CwmpVersions::compare).orElse(null);
    }

    private static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        int major = Integer.compare(Integer.parseInt(x[0]), Integer.parseInt(y[0]));
        return major != 0 ? major : Integer.compare(Integer.parseInt(x[1]), Integer.parseInt(y[1]));
    }
}

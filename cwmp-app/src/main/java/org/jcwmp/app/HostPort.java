package org.jcwmp.app;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** A HOST[:PORT] option value; an IPv6 address goes in brackets when a port follows ([::1]:5222). */
record HostPort(String host, int port) {

    static HostPort parse(CommandSpec spec, String option, String value, int defaultPort) {
        String v = value == null ? "" : value.strip();
        String host = v;
        String port = null;
        if (v.startsWith("[")) {
            int end = v.indexOf(']');
            if (end < 0) {
                throw bad(spec, option, value, "an IPv6 address in brackets lacks its ]");
            }
            host = v.substring(1, end);
            String rest = v.substring(end + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw bad(spec, option, value, "expected :PORT after the ]");
                }
                port = rest.substring(1);
            }
        } else if (v.indexOf(':') >= 0 && v.indexOf(':') == v.lastIndexOf(':')) {
            host = v.substring(0, v.indexOf(':'));
            port = v.substring(v.indexOf(':') + 1);
        }
        if (host.isEmpty()) {
            throw bad(spec, option, value, "no host");
        }
        int p = defaultPort;
        if (port != null) {
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw bad(spec, option, value, "the port is not a number");
            }
            if (p < 1 || p > 65535) {
                throw bad(spec, option, value, "the port is not in 1..65535");
            }
        }
        return new HostPort(host, p);
    }

    static CommandLine.ParameterException bad(CommandSpec spec, String option, String value, String why) {
        return new CommandLine.ParameterException(spec.commandLine(),
                "Invalid value '" + value + "' for " + option + ": " + why);
    }
}

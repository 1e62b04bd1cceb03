package org.jcwmp.it;

import java.nio.file.Path;
import org.jcwmp.acs.AcsServer;

/**
 * An ACS in a process of its own, for {@link AcsCrashTest} to SIGKILL: {@code cwmpPort nbiPort dataDir}. Prints
 * {@code READY token=...} (a fresh admin API token) once it serves, then runs until killed.
 */
public final class CrashAcsMain {
    private CrashAcsMain() {
    }

    public static void main(String[] args) throws Exception {
        AcsServer acs = AcsServer.builder().cwmp("127.0.0.1", Integer.parseInt(args[0]))
                .nbi("127.0.0.1", Integer.parseInt(args[1])).dataDirectory(Path.of(args[2]))
                .cpeCredentials("cpe", "cpe-secret").connectionRequestCredentials("acs", "cr-secret")
                .initialAdmin("root", "root-password").passwordHashIterations(1000).build().start();
        System.out.println("READY token=" + acs.auth().createToken("root", "crash-test", null).secret());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}

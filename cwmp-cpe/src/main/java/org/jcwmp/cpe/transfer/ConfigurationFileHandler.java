package org.jcwmp.cpe.transfer;

import java.nio.file.Path;
import org.jcwmp.cpe.model.CpeFaultException;

/**
 * Applies a downloaded "3 Vendor Configuration File". Called on the transfer thread once the file is complete.
 * The change is all or nothing: a file that cannot be used throws and leaves the device as it was.
 */
@FunctionalInterface
public interface ConfigurationFileHandler {

    /**
     * @param file      the downloaded file (deleted after this returns)
     * @param fileName  the Download's TargetFileName, else the URL's last path segment
     * @throws CpeFaultException to fail the transfer with that fault, having changed nothing (9018 for a file that
     *                           is not a valid configuration, with a fault string that says what is wrong)
     */
    void apply(Path file, String fileName) throws CpeFaultException;
}

package org.jcwmp.cpe.transfer;

import java.nio.file.Path;
import org.jcwmp.cpe.model.CpeFaultException;

/**
 * Installs a downloaded firmware image (Download FileType "1 Firmware Upgrade Image"). Called on the transfer
 * thread once the file is complete; the agent then reboots and reports the returned SoftwareVersion.
 */
@FunctionalInterface
public interface FirmwareInstaller {

    /**
     * @param image      the downloaded file (deleted after this returns)
     * @param imageName  the file's name: the Download's TargetFileName, else the URL's last path segment
     * @return the new Device.DeviceInfo.SoftwareVersion
     * @throws CpeFaultException to fail the transfer with that fault (9018 for an unusable image)
     */
    String install(Path image, String imageName) throws CpeFaultException;

    /**
     * The default: installs nothing and takes the version from the image's name, e.g. {@code fw-2.1.bin} -> "2.1",
     * {@code router_3.0.7.img} -> "3.0.7": the text after the last '-' or '_' with the extension removed; a name
     * with neither is the version itself (without extension).
     */
    static FirmwareInstaller fromFileName() {
        return (image, name) -> versionFromName(name);
    }

    static String versionFromName(String name) {
        String n = name;
        int dot = n.lastIndexOf('.');
        if (dot > 0) {
            n = n.substring(0, dot);
        }
        int sep = Math.max(n.lastIndexOf('-'), n.lastIndexOf('_'));
        return sep >= 0 && sep < n.length() - 1 ? n.substring(sep + 1) : n;
    }
}

package org.jcwmp.acs.files;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jcwmp.acs.store.Device;
import org.jcwmp.acs.store.DeviceStore;
import org.jcwmp.acs.store.StoredFile;
import org.jcwmp.acs.store.StoredParameter;
import org.jcwmp.core.rpc.RequestDownload;

import java.util.List;
import java.util.Optional;

/**
 * Answers a CPE's RequestDownload: the newest stored file of the FileType it asks for that fits its OUI and
 * ProductClass (a file without OUI or ProductClass fits any). A firmware image whose version is the one the device
 * already runs is not offered.
 */
public final class DownloadOffers {
    private static final List<String> SOFTWARE_VERSION = List.of("Device.DeviceInfo.SoftwareVersion",
            "InternetGatewayDevice.DeviceInfo.SoftwareVersion");

    private final FileServer server;
    private final DeviceStore devices;

    DownloadOffers(FileServer server, DeviceStore devices) {
        this.server = server;
        this.devices = devices;
    }

    /**
     * What the session engine calls on a RequestDownload: the "download" task for this device (its OUI and
     * ProductClass from the store, its SoftwareVersion from its last Inform), to queue with
     * {@code tasks.queue(deviceId, task)} so that the Download goes out in the same session; empty when no file fits
     * or the device is unknown.
     */
    public Optional<ObjectNode> downloadTaskFor(String deviceId, RequestDownload request) {
        Optional<Device> device = devices.find(deviceId);
        if (device.isEmpty()) {
            return Optional.empty();
        }
        String softwareVersion = null;
        for (String path : SOFTWARE_VERSION) {
            for (StoredParameter p : devices.parameters(deviceId, path)) {
                if (p.name().equals(path)) {
                    softwareVersion = p.value();
                }
            }
        }
        return downloadTask(request, device.get().deviceId().oui(), device.get().deviceId().productClass(),
                softwareVersion);
    }

    /** The file to offer, if any. softwareVersion: the device's current one (null: unknown). */
    public Optional<StoredFile> match(String fileType, String oui, String productClass, String softwareVersion) {
        if (fileType == null || fileType.isEmpty()) {
            return Optional.empty();
        }
        List<StoredFile> candidates = server.repository().store().matching(fileType, oui, productClass);
        return candidates.stream()
                .filter(f -> !(fileType.startsWith("1 ") && f.version() != null && f.version().equals(softwareVersion)))
                // the most specific fit first: OUI and ProductClass set beat wildcards; newest within (store order)
                .sorted((x, y) -> Integer.compare(specificity(y), specificity(x)))
                .findFirst();
    }

    /**
     * The "download" task (the NBI's task JSON) that answers this RequestDownload for a device, to queue with
     * {@code TaskService.queue(deviceId, task)} so it runs in the same session; empty when no file fits.
     */
    public Optional<ObjectNode> downloadTask(RequestDownload request, String oui, String productClass,
                                             String softwareVersion) {
        return match(request.fileType(), oui, productClass, softwareVersion)
                .map(f -> downloadTask(f, "RequestDownload " + f.name()));
    }

    /**
     * The firmware image of this version that fits a device ("1 Firmware Upgrade Image", its OUI and ProductClass or
     * unset, the most specific first): what a preset's or a campaign's wanted softwareVersion downloads.
     */
    public Optional<StoredFile> firmware(String oui, String productClass, String version) {
        return server.repository().store().matching("1 Firmware Upgrade Image", oui, productClass).stream()
                .filter(f -> version.equals(f.version()))
                .sorted((x, y) -> Integer.compare(specificity(y), specificity(x)))
                .findFirst();
    }

    /** The "download" task (NBI task JSON, with a signed URL) that sends this stored file to a device. */
    public ObjectNode downloadTask(StoredFile f, String commandKey) {
        if (f.fileType() == null) {
            throw new IllegalArgumentException("the file \"" + f.name() + "\" has no fileType");
        }
        ObjectNode t = JsonNodeFactory.instance.objectNode();
        t.put("name", "download");
        // TR-069's CommandKey is string(32); the ACS refuses longer ones
        t.put("commandKey", commandKey.length() > 32 ? commandKey.substring(0, 32) : commandKey);
        t.put("fileType", f.fileType());
        t.put("url", server.downloadUrl(f.name()));
        t.put("fileSize", f.size());
        t.put("targetFileName", f.name());
        return t;
    }

    private static int specificity(StoredFile f) {
        return (f.oui() != null ? 2 : 0) + (f.productClass() != null ? 1 : 0);
    }
}

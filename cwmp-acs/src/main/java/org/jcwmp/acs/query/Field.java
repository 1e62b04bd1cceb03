package org.jcwmp.acs.query;

import java.util.List;

/** What a query term looks at: a column of the device, its tags, or one of its parameters. */
public sealed interface Field {
    /** A column of the device table; time columns compare as instants. */
    record Column(String column, boolean time) implements Field {
    }

    /** The device's tags. */
    record Tags() implements Field {
    }

    /** A parameter, under any of these names (e.g. the same leaf under Device. and InternetGatewayDevice.). */
    record Parameter(List<String> names) implements Field {
    }

    /**
     * Resolves a query key. Accepted: GenieACS's names (_id, _deviceId._OUI, _deviceId._ProductClass,
     * _deviceId._SerialNumber, _deviceId._Manufacturer, _lastInform, _registered, _lastBoot, _tags), jcwmp's
     * (id, oui, productClass, serialNumber, manufacturer, lastContact, firstContact, lastBoot, tag, tags,
     * softwareVersion / _softwareVersion), and any parameter path (a trailing "._value" is ignored).
     *
     * @throws IllegalArgumentException for a key that is none of these
     */
    static Field of(String key) {
        return switch (key) {
            case "_id", "id", "DeviceID.ID" -> new Column("id", false);
            case "_deviceId._Manufacturer", "manufacturer", "DeviceID.Manufacturer" -> new Column("manufacturer", false);
            case "_deviceId._OUI", "oui", "DeviceID.OUI" -> new Column("oui", false);
            case "_deviceId._ProductClass", "productClass", "DeviceID.ProductClass" -> new Column("product_class", false);
            case "_deviceId._SerialNumber", "serialNumber", "DeviceID.SerialNumber" -> new Column("serial_number", false);
            case "_lastInform", "lastContact", "lastInform", "Events.Inform" -> new Column("last_contact", true);
            case "_registered", "firstContact", "registered", "Events.Registered" -> new Column("first_contact", true);
            case "_lastBoot", "lastBoot", "Events.1_BOOT" -> new Column("last_boot", true);
            case "_tags", "tags", "tag", "Tags" -> new Tags();
            case "_softwareVersion", "softwareVersion" -> new Parameter(List.of("Device.DeviceInfo.SoftwareVersion",
                    "InternetGatewayDevice.DeviceInfo.SoftwareVersion"));
            case "_productClass" -> new Column("product_class", false);
            default -> parameter(key);
        };
    }

    private static Field parameter(String key) {
        String path = key.endsWith("._value") ? key.substring(0, key.length() - "._value".length()) : key;
        if (path.isEmpty() || path.startsWith("_") || path.startsWith("$") || !path.contains(".") || path.endsWith(".")
                || !Character.isUpperCase(path.charAt(0))) {
            throw new IllegalArgumentException("\"" + key + "\" is neither a device field (_id, _deviceId._ProductClass, "
                    + "_lastInform, _tags, ...) nor a parameter path like Device.DeviceInfo.SoftwareVersion");
        }
        return new Parameter(List.of(path));
    }
}

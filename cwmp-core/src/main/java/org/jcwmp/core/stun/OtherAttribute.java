package org.jcwmp.core.stun;

import java.util.Arrays;
import java.util.HexFormat;

/** An attribute this codec does not interpret (RFC 5389 ones such as XOR-MAPPED-ADDRESS, vendor ones), kept raw. */
public record OtherAttribute(int type, byte[] value) implements StunAttribute {
    public OtherAttribute {
        if (type < 0 || type > 0xFFFF) {
            throw new IllegalArgumentException("attribute type " + type);
        }
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    public boolean comprehensionRequired() {
        return StunAttribute.comprehensionRequired(type);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OtherAttribute a && a.type == type && Arrays.equals(a.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "OtherAttribute[type=0x" + Integer.toHexString(type) + ", value=" + HexFormat.of().formatHex(value) + "]";
    }
}

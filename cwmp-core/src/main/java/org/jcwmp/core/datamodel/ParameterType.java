package org.jcwmp.core.datamodel;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/** The base types of TR-106 data models, with the xsi:type CWMP writes for each and their canonical forms. */
public enum ParameterType {
    STRING("string"),
    INT("int"),
    UNSIGNED_INT("unsignedInt"),
    LONG("long"),
    UNSIGNED_LONG("unsignedLong"),
    BOOLEAN("boolean"),
    DATE_TIME("dateTime"),
    BASE64("base64"),
    HEX_BINARY("hexBinary"),
    DECIMAL("decimal");

    private static final BigInteger MAX_UNSIGNED_LONG = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final String typeName;

    ParameterType(String typeName) {
        this.typeName = typeName;
    }

    /** As the BBF XML and the schema resources name it, e.g. "unsignedInt". */
    public String typeName() {
        return typeName;
    }

    /** As written in xsi:type, e.g. "xsd:unsignedInt". */
    public String xsdType() {
        return "xsd:" + typeName;
    }

    public boolean isNumeric() {
        return switch (this) {
            case INT, UNSIGNED_INT, LONG, UNSIGNED_LONG, DECIMAL -> true;
            default -> false;
        };
    }

    /** The type a schema resource names, e.g. "unsignedInt". */
    public static ParameterType ofName(String name) {
        for (ParameterType t : values()) {
            if (t.typeName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown parameter type " + name);
    }

    /**
     * The type an xsi:type names, ignoring its prefix (ACSs write "xsd:", "xs:" or none), or null when unknown.
     * "base64Binary" is read as base64, since some peers use the XML Schema name.
     */
    public static ParameterType ofXsd(String xsiType) {
        if (xsiType == null) {
            return null;
        }
        String local = xsiType.substring(xsiType.indexOf(':') + 1).strip();
        if (local.equals("base64Binary")) {
            return BASE64;
        }
        for (ParameterType t : values()) {
            if (t.typeName.equals(local)) {
                return t;
            }
        }
        return null;
    }

    /**
     * The canonical form of a value of this type: numbers without leading zeros or blanks, booleans as
     * "true"/"false"; strings exactly as given.
     *
     * @throws IllegalArgumentException when the value is not of this type
     */
    public String canonical(String value) {
        if (value == null) {
            throw new IllegalArgumentException("no value");
        }
        if (this == STRING) {
            return value;
        }
        String v = value.strip();
        switch (this) {
            case INT:
                return Long.toString(integer(v, BigInteger.valueOf(Integer.MIN_VALUE), BigInteger.valueOf(Integer.MAX_VALUE)));
            case UNSIGNED_INT:
                return Long.toString(integer(v, BigInteger.ZERO, BigInteger.valueOf(0xFFFF_FFFFL)));
            case LONG:
                return Long.toString(integer(v, BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE)));
            case UNSIGNED_LONG:
                return bigInteger(v, BigInteger.ZERO, MAX_UNSIGNED_LONG).toString();
            case DECIMAL:
                try {
                    return new BigDecimal(v).toPlainString();
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("invalid " + typeName + ": " + value);
                }
            case BOOLEAN:
                // xsd:boolean allows 1/0; ACSs also send TRUE/False.
                return switch (v.toLowerCase(Locale.ROOT)) {
                    case "true", "1" -> "true";
                    case "false", "0" -> "false";
                    default -> throw new IllegalArgumentException("invalid boolean: " + value);
                };
            case DATE_TIME:
                try {
                    OffsetDateTime.parse(v);
                } catch (DateTimeParseException e) {
                    try {
                        LocalDateTime.parse(v); // no offset: the CPE's local time, which TR-069 allows
                    } catch (DateTimeParseException e2) {
                        throw new IllegalArgumentException("invalid dateTime: " + value);
                    }
                }
                return v;
            case BASE64:
                octets(v);
                return v;
            case HEX_BINARY:
                octets(v);
                return v;
            default:
                throw new AssertionError(this);
        }
    }

    /** The number of octets a base64 or hexBinary value holds (what TR-106 sizes count); else the length. */
    public int octets(String canonical) {
        try {
            return switch (this) {
                case BASE64 -> Base64.getDecoder().decode(canonical.replaceAll("\\s", "")).length;
                case HEX_BINARY -> HexFormat.of().parseHex(canonical).length;
                default -> canonical.length();
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid " + typeName + ": " + canonical);
        }
    }

    private long integer(String v, BigInteger min, BigInteger max) {
        return bigInteger(v, min, max).longValue();
    }

    private BigInteger bigInteger(String v, BigInteger min, BigInteger max) {
        BigInteger n;
        try {
            n = new BigInteger(v.startsWith("+") ? v.substring(1) : v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid " + typeName + ": " + v);
        }
        if (n.compareTo(min) < 0 || n.compareTo(max) > 0) {
            throw new IllegalArgumentException("out of " + typeName + " range: " + v);
        }
        return n;
    }
}

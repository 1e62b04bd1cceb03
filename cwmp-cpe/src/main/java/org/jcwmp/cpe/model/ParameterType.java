package org.jcwmp.cpe.model;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** The xsi:type of a parameter value, with the checks and canonical form TR-069 gives each type. */
public enum ParameterType {
    STRING("xsd:string"),
    UNSIGNED_INT("xsd:unsignedInt"),
    INT("xsd:int"),
    BOOLEAN("xsd:boolean"),
    DATE_TIME("xsd:dateTime");

    private static final long MAX_UNSIGNED_INT = 0xFFFF_FFFFL;

    private final String xsdName;

    ParameterType(String xsdName) {
        this.xsdName = xsdName;
    }

    /** As written in xsi:type, e.g. "xsd:unsignedInt". */
    public String xsdName() {
        return xsdName;
    }

    /**
     * The type an xsi:type names, ignoring its prefix (ACSs write "xsd:", "xs:" or none), or null when unknown.
     */
    public static ParameterType ofXsd(String xsiType) {
        if (xsiType == null) {
            return null;
        }
        String local = xsiType.substring(xsiType.indexOf(':') + 1).strip();
        for (ParameterType t : values()) {
            if (t.xsdName.substring(4).equals(local)) {
                return t;
            }
        }
        return null;
    }

    /**
     * The canonical form of a value of this type.
     *
     * @throws IllegalArgumentException when the value is not of this type
     */
    public String canonical(String value) {
        if (value == null) {
            throw new IllegalArgumentException("no value");
        }
        String v = this == STRING ? value : value.strip();
        switch (this) {
            case STRING:
                return v;
            case UNSIGNED_INT: {
                long n = parseLong(v);
                if (n < 0 || n > MAX_UNSIGNED_INT) {
                    throw new IllegalArgumentException("not an unsignedInt: " + value);
                }
                return Long.toString(n);
            }
            case INT: {
                long n = parseLong(v);
                if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("not an int: " + value);
                }
                return Long.toString(n);
            }
            case BOOLEAN:
                // xsd:boolean allows 1/0; ACSs also send TRUE/False.
                switch (v.toLowerCase(Locale.ROOT)) {
                    case "true", "1":
                        return "true";
                    case "false", "0":
                        return "false";
                    default:
                        throw new IllegalArgumentException("not a boolean: " + value);
                }
            case DATE_TIME:
                try {
                    OffsetDateTime.parse(v);
                } catch (DateTimeParseException e) {
                    try {
                        LocalDateTime.parse(v); // no offset: the CPE's local time, allowed by TR-069
                    } catch (DateTimeParseException e2) {
                        throw new IllegalArgumentException("not a dateTime: " + value);
                    }
                }
                return v;
            default:
                throw new AssertionError(this);
        }
    }

    private static long parseLong(String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + v);
        }
    }
}

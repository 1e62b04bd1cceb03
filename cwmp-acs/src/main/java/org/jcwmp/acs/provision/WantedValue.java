package org.jcwmp.acs.provision;

/**
 * A value a preset wants a parameter to have. type is the xsd type the preset named, or null: then the task names
 * none and the ACS takes the data model's type, else the JSON value's (jsonType).
 */
public record WantedValue(String value, String type, String jsonType) {
    /** The value as JSON for a task: typed like the preset wrote it, so an untyped task keeps its JSON type. */
    public com.fasterxml.jackson.databind.JsonNode json(com.fasterxml.jackson.databind.node.JsonNodeFactory f) {
        return switch (jsonType) {
            case "xsd:boolean" -> f.booleanNode(Boolean.parseBoolean(value));
            case "xsd:unsignedInt", "xsd:int" -> f.numberNode(Long.parseLong(value));
            default -> f.textNode(value);
        };
    }

    /** Whether a stored value already is this one (xsd:boolean is true/false or 1/0; integers ignore leading zeros). */
    public boolean satisfiedBy(String stored) {
        if (stored == null) {
            return false;
        }
        if (stored.equals(value)) {
            return true;
        }
        Boolean a = bool(stored);
        Boolean b = bool(value);
        if (a != null && b != null && ("xsd:boolean".equals(jsonType) || "xsd:boolean".equals(type))) {
            return a.equals(b);
        }
        try {
            return new java.math.BigDecimal(stored).compareTo(new java.math.BigDecimal(value)) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Boolean bool(String s) {
        return switch (s) {
            case "true", "1" -> Boolean.TRUE;
            case "false", "0" -> Boolean.FALSE;
            default -> null;
        };
    }
}

package org.jcwmp.core.datamodel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The line-oriented text form of a {@link Schema}, as committed under {@code datamodel/}. One line per object
 * ({@code O}), followed by its parameters ({@code P}, short names); fields are separated by tabs:
 *
 * <pre>
 * # comment lines (the source's copyright notice)
 * model	Device:2.17	Device.
 * O	Device.IP.Interface.{i}.	n=0..	w	N=InterfaceNumberOfEntries
 * P	Enable	boolean	w	d=false
 * P	Status	string	e=Up|Down|Unknown	N=canDeny
 * </pre>
 *
 * Object tokens: {@code n=min..max} entries (absent means exactly one), {@code w} createable and deletable,
 * {@code N=} the NumberOfEntries parameter, {@code s=} status. Parameter tokens: {@code w} writable, {@code W}
 * writeOnceReadOnly, {@code F} forcedInform, {@code N=} activeNotify, {@code h} hidden, {@code c} command,
 * {@code L=min..max} list items, {@code Lz=} list length, {@code Ln} nested list, {@code r=} ranges, {@code z=} sizes,
 * {@code e=} enumerations, {@code E=} read-only enumerations, {@code p=} patterns, {@code d=} default, {@code s=}
 * status. Several values are joined with '|'; '%', '|', tab and line ends in values are percent-encoded.
 */
final class SchemaFormat {
    static final String MAGIC = "# jcwmp data-model schema, format 1";

    private SchemaFormat() {
    }

    static String write(Schema schema, List<String> headerComments) {
        StringBuilder out = new StringBuilder(256 * 1024);
        out.append(MAGIC).append('\n');
        for (String c : headerComments) {
            out.append(c.isEmpty() ? "#" : "# " + c).append('\n');
        }
        out.append("model\t").append(schema.modelName()).append('\t').append(schema.rootObject()).append('\n');
        for (ObjectSchema o : schema.objects()) {
            out.append("O\t").append(o.path());
            if (o.minEntries() != 1 || o.maxEntries() != 1) {
                out.append("\tn=").append(new Size(o.minEntries(), o.maxEntries()));
            }
            if (o.writable()) {
                out.append("\tw");
            }
            if (o.numEntriesParameter() != null) {
                out.append("\tN=").append(o.numEntriesParameter().substring(o.parentPath().length()));
            }
            status(out, o.status());
            out.append('\n');
            for (ParameterSchema p : schema.parametersOf(o.path())) {
                writeParameter(out, p);
            }
        }
        return out.toString();
    }

    private static void writeParameter(StringBuilder out, ParameterSchema p) {
        out.append("P\t").append(p.name()).append('\t').append(p.type().typeName());
        if (p.writable()) {
            out.append(p.writeOnce() ? "\tW" : "\tw");
        }
        if (p.forcedInform()) {
            out.append("\tF");
        }
        if (p.activeNotify() != ActiveNotify.NORMAL) {
            out.append("\tN=").append(p.activeNotify().xmlName());
        }
        if (p.hidden()) {
            out.append("\th");
        }
        if (p.command()) {
            out.append("\tc");
        }
        if (p.list() != null) {
            out.append("\tL=").append(p.list().items());
            if (p.list().length() != null) {
                out.append("\tLz=").append(p.list().length());
            }
            if (p.list().nested()) {
                out.append("\tLn");
            }
        }
        joined(out, "r", p.ranges().stream().map(ValueRange::toString).toList());
        joined(out, "z", p.sizes().stream().map(Size::toString).toList());
        joined(out, "e", p.enumerations());
        joined(out, "E", p.enumerations().stream().filter(p.readOnlyEnumerations()::contains).toList());
        joined(out, "p", p.patterns());
        if (p.defaultValue() != null) {
            out.append("\td=").append(encode(p.defaultValue()));
        }
        status(out, p.status());
        out.append('\n');
    }

    private static void status(StringBuilder out, Status status) {
        if (status != Status.CURRENT) {
            out.append("\ts=").append(status.xmlName());
        }
    }

    private static void joined(StringBuilder out, String key, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        out.append('\t').append(key).append('=');
        for (int i = 0; i < values.size(); i++) {
            out.append(i == 0 ? "" : "|").append(encode(values.get(i)));
        }
    }

    static Schema read(String name, BufferedReader in) {
        String modelName = null;
        String root = null;
        List<ObjectSchema> objects = new ArrayList<>();
        List<ParameterSchema> parameters = new ArrayList<>();
        ObjectSchema current = null;
        int lineNumber = 0;
        try {
            String line = in.readLine();
            lineNumber++;
            if (!MAGIC.equals(line)) {
                throw new IllegalArgumentException("not a jcwmp schema (first line " + line + ")");
            }
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                switch (f[0]) {
                    case "model" -> {
                        modelName = f[1];
                        root = f[2];
                    }
                    case "O" -> {
                        current = readObject(f);
                        objects.add(current);
                    }
                    case "P" -> {
                        if (current == null) {
                            throw new IllegalArgumentException("parameter before any object");
                        }
                        parameters.add(readParameter(current.path() + f[1], f));
                    }
                    default -> throw new IllegalArgumentException("unknown line kind " + f[0]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("schema " + name + " line " + lineNumber + ": " + e.getMessage(), e);
        }
        if (modelName == null) {
            throw new IllegalArgumentException("schema " + name + " has no model line");
        }
        return new Schema(name, modelName, root, objects, parameters);
    }

    private static ObjectSchema readObject(String[] f) {
        String path = f[1];
        Size entries = new Size(1, 1);
        boolean writable = false;
        String numEntries = null;
        Status status = Status.CURRENT;
        for (int i = 2; i < f.length; i++) {
            String t = f[i];
            if (t.equals("w")) {
                writable = true;
            } else if (t.startsWith("n=")) {
                entries = Size.parse(t.substring(2));
            } else if (t.startsWith("N=")) {
                numEntries = t.substring(2);
            } else if (t.startsWith("s=")) {
                status = Status.ofXmlName(t.substring(2));
            } else {
                throw new IllegalArgumentException("unknown object token " + t);
            }
        }
        boolean multi = path.endsWith(".{i}.");
        ObjectSchema bare = new ObjectSchema(path, multi, writable, entries.minLength(), entries.maxLength(), null, status);
        // The file names the counter relative to the parent object, where it lives.
        return numEntries == null ? bare : new ObjectSchema(path, multi, writable, bare.minEntries(), bare.maxEntries(),
                bare.parentPath() + numEntries, status);
    }

    private static ParameterSchema readParameter(String path, String[] f) {
        ParameterType type = ParameterType.ofName(f[2]);
        boolean writable = false;
        boolean writeOnce = false;
        boolean forced = false;
        boolean hidden = false;
        boolean command = false;
        ActiveNotify notify = ActiveNotify.NORMAL;
        Size listItems = null;
        Size listLength = null;
        boolean nested = false;
        List<ValueRange> ranges = List.of();
        List<Size> sizes = List.of();
        List<String> enumerations = List.of();
        Set<String> readOnly = Set.of();
        List<String> patterns = List.of();
        String defaultValue = null;
        Status status = Status.CURRENT;
        for (int i = 3; i < f.length; i++) {
            String t = f[i];
            int eq = t.indexOf('=');
            String key = eq < 0 ? t : t.substring(0, eq);
            String value = eq < 0 ? "" : t.substring(eq + 1);
            switch (key) {
                case "w" -> writable = true;
                case "W" -> {
                    writable = true;
                    writeOnce = true;
                }
                case "F" -> forced = true;
                case "h" -> hidden = true;
                case "c" -> command = true;
                case "Ln" -> nested = true;
                case "N" -> notify = ActiveNotify.ofXmlName(value);
                case "L" -> listItems = Size.parse(value);
                case "Lz" -> listLength = Size.parse(value);
                case "r" -> ranges = split(value).stream().map(ValueRange::parse).toList();
                case "z" -> sizes = split(value).stream().map(Size::parse).toList();
                case "e" -> enumerations = split(value);
                case "E" -> readOnly = new LinkedHashSet<>(split(value));
                case "p" -> patterns = split(value);
                case "d" -> defaultValue = decode(value);
                case "s" -> status = Status.ofXmlName(value);
                default -> throw new IllegalArgumentException("unknown parameter token " + t);
            }
        }
        ListSyntax list = listItems == null ? null : new ListSyntax(listItems, listLength, nested);
        return new ParameterSchema(path, type, writable, writeOnce, forced, notify, hidden, command, list, ranges, sizes,
                enumerations, readOnly, patterns, defaultValue, status);
    }

    private static List<String> split(String joined) {
        List<String> values = new ArrayList<>();
        for (String v : joined.split("\\|", -1)) {
            values.add(decode(v));
        }
        return values;
    }

    static String encode(String value) {
        StringBuilder b = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '%', '|', '\t', '\n', '\r' -> b.append('%').append(String.format("%02X", (int) c));
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String decode(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        StringBuilder b = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                b.append((char) Integer.parseInt(value.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}

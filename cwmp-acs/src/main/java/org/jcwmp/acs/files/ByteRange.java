package org.jcwmp.acs.files;

/** One byte range of a Range header (RFC 9110 14.1.2), resolved against the content's size. */
record ByteRange(long start, long length) {
    static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

    /**
     * The range asked for; null when the header is to be ignored (not bytes, malformed, several ranges: the whole
     * content is served); {@link #UNSATISFIABLE} when it starts beyond the end.
     */
    static ByteRange parse(String header, long size) {
        String h = header.trim();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6)) {
            return null;
        }
        String spec = h.substring(6).trim();
        if (spec.contains(",")) {
            return null;
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        String a = spec.substring(0, dash).trim();
        String b = spec.substring(dash + 1).trim();
        try {
            if (a.isEmpty()) {
                if (b.isEmpty()) {
                    return null;
                }
                long suffix = Long.parseLong(b);
                if (suffix <= 0 || size == 0) {
                    return UNSATISFIABLE;
                }
                long n = Math.min(suffix, size);
                return new ByteRange(size - n, n);
            }
            long first = Long.parseLong(a);
            if (first < 0) {
                return null;
            }
            long last = b.isEmpty() ? Long.MAX_VALUE : Long.parseLong(b);
            if (last < first) {
                return null;
            }
            if (first >= size) {
                return UNSATISFIABLE;
            }
            last = Math.min(last, size - 1);
            return new ByteRange(first, last - first + 1);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

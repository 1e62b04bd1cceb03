package org.jcwmp.core.datamodel;

/**
 * An inclusive range of lengths: characters for strings, octets for base64 and hexBinary. A parameter with several
 * sizes accepts a length in any of them (e.g. empty, or 36 to 260 octets).
 *
 * @param minLength at least 0
 * @param maxLength {@link #UNBOUNDED} for no limit
 */
public record Size(long minLength, long maxLength) {
    public static final long UNBOUNDED = Long.MAX_VALUE;

    public Size {
        if (minLength < 0 || maxLength < minLength) {
            throw new IllegalArgumentException("bad size " + minLength + ".." + maxLength);
        }
    }

    public boolean contains(long length) {
        return length >= minLength && length <= maxLength;
    }

    /** "min..max" with an empty side for 0 and unbounded. */
    @Override
    public String toString() {
        return (minLength == 0 ? "" : Long.toString(minLength)) + ".." + (maxLength == UNBOUNDED ? "" : Long.toString(maxLength));
    }

    public static Size parse(String text) {
        int dots = text.indexOf("..");
        if (dots < 0) {
            throw new IllegalArgumentException("not a size: " + text);
        }
        String min = text.substring(0, dots);
        String max = text.substring(dots + 2);
        return new Size(min.isEmpty() ? 0 : Long.parseLong(min), max.isEmpty() ? UNBOUNDED : Long.parseLong(max));
    }
}

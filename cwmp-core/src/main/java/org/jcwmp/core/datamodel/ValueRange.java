package org.jcwmp.core.datamodel;

import java.math.BigDecimal;

/**
 * An inclusive range a numeric value must fall in; a parameter with several ranges accepts a value in any of them.
 *
 * @param min  smallest value, null for no lower bound
 * @param max  largest value, null for no upper bound
 * @param step the value minus min must be a multiple of it; null for any
 */
public record ValueRange(BigDecimal min, BigDecimal max, BigDecimal step) {

    public boolean contains(BigDecimal value) {
        if (min != null && value.compareTo(min) < 0 || max != null && value.compareTo(max) > 0) {
            return false;
        }
        return step == null || step.signum() == 0
                || value.subtract(min == null ? BigDecimal.ZERO : min).remainder(step).signum() == 0;
    }

    /** "min..max" with either side empty when open, "/step" appended when there is a step. */
    @Override
    public String toString() {
        return (min == null ? "" : min.toPlainString()) + ".." + (max == null ? "" : max.toPlainString())
                + (step == null ? "" : "/" + step.toPlainString());
    }

    /** Reads {@link #toString()}'s form. */
    public static ValueRange parse(String text) {
        int slash = text.indexOf('/');
        String bounds = slash < 0 ? text : text.substring(0, slash);
        int dots = bounds.indexOf("..");
        if (dots < 0) {
            throw new IllegalArgumentException("not a range: " + text);
        }
        return new ValueRange(number(bounds.substring(0, dots)), number(bounds.substring(dots + 2)),
                slash < 0 ? null : new BigDecimal(text.substring(slash + 1)));
    }

    private static BigDecimal number(String s) {
        return s.isEmpty() ? null : new BigDecimal(s);
    }
}

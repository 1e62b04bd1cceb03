package org.jcwmp.core.datamodel;

/**
 * A list-valued parameter: a comma-separated string of items, each of the parameter's type and facets.
 *
 * @param items  how many items (as a {@link Size}: minItems..maxItems)
 * @param length how long the whole string may be, null for no limit
 * @param nested items are bracketed lists themselves ("[1,2],[3,4]"); their items are not checked one by one
 */
public record ListSyntax(Size items, Size length, boolean nested) {
    public static final ListSyntax PLAIN = new ListSyntax(new Size(0, Size.UNBOUNDED), null, false);
}

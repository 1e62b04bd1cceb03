package org.jcwmp.core.stun;

/** BINDING-CHANGE (TR-111 part 2, empty): the CPE saw its public binding move and tells the server at once. */
public record BindingChange() implements StunAttribute {
    @Override
    public int type() {
        return BINDING_CHANGE;
    }
}

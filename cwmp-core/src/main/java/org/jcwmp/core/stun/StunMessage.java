package org.jcwmp.core.stun;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One classic STUN message (RFC 3489 11.1): a type, a transaction id and its attributes in order. */
public record StunMessage(StunMessageType type, TransactionId transactionId, List<StunAttribute> attributes) {

    public StunMessage {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(transactionId, "transactionId");
        attributes = List.copyOf(attributes);
    }

    /** A Binding Request with a fresh random transaction id. */
    public static StunMessage bindingRequest(StunAttribute... attributes) {
        return new StunMessage(StunMessageType.BINDING_REQUEST, TransactionId.random(), List.of(attributes));
    }

    public static StunMessage bindingResponse(TransactionId id, StunAttribute... attributes) {
        return new StunMessage(StunMessageType.BINDING_RESPONSE, id, List.of(attributes));
    }

    public static StunMessage bindingErrorResponse(TransactionId id, ErrorCode error, StunAttribute... more) {
        List<StunAttribute> all = new ArrayList<>();
        all.add(error);
        all.addAll(List.of(more));
        return new StunMessage(StunMessageType.BINDING_ERROR_RESPONSE, id, all);
    }

    /** The first attribute of this kind. */
    public <T extends StunAttribute> Optional<T> attribute(Class<T> kind) {
        for (StunAttribute a : attributes) {
            if (kind.isInstance(a)) {
                return Optional.of(kind.cast(a));
            }
        }
        return Optional.empty();
    }

    public boolean has(Class<? extends StunAttribute> kind) {
        return attribute(kind).isPresent();
    }

    /** The USERNAME, or "" when there is none. */
    public String username() {
        return attribute(Username.class).map(Username::value).orElse("");
    }

    /** Types that must be understood (up to 0x7FFF) but are not: a server answers 420 listing them. */
    public List<Integer> unknownRequiredAttributes() {
        List<Integer> unknown = new ArrayList<>();
        for (StunAttribute a : attributes) {
            if (a instanceof OtherAttribute o && o.comprehensionRequired() && !unknown.contains(o.type())) {
                unknown.add(o.type());
            }
        }
        return unknown;
    }
}

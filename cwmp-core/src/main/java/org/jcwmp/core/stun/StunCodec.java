package org.jcwmp.core.stun;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Reads and writes classic STUN (RFC 3489) with the TR-111 attributes: a 20-byte header (type, length of the
 * attributes, 16-byte transaction id, no magic cookie) and type-length-value attributes.
 *
 * <p>Writing is strict: every attribute value fills whole 4-byte words, as RFC 3489 expects. Reading is lenient
 * where it costs nothing (RFC 5389 padding after odd lengths, trailing bytes after the message) and otherwise
 * refuses with a {@link StunException}; hostile input never causes anything else, and the work is linear in the
 * datagram's size.
 */
public final class StunCodec {
    public static final int HEADER_LENGTH = 20;
    /** The largest message the 16-bit length field allows. */
    public static final int MAX_MESSAGE_LENGTH = HEADER_LENGTH + 0xFFFF;

    private static final byte FAMILY_IPV4 = 0x01;
    private static final byte FAMILY_IPV6 = 0x02;

    private StunCodec() {
    }

    /**
     * Whether a datagram on a port shared with UDP connection requests is STUN: STUN message types start with the
     * bits 00 (first byte 0x00 or 0x01 in classic STUN), an HTTP request with a letter.
     */
    public static boolean looksLikeStun(byte[] datagram, int off, int len) {
        return len >= HEADER_LENGTH && (datagram[off] & 0xC0) == 0;
    }

    /** The message as it goes on the wire, without MESSAGE-INTEGRITY unless it is among the attributes. */
    public static byte[] encode(StunMessage message) {
        return encode(message, null);
    }

    /**
     * The message with a MESSAGE-INTEGRITY attribute appended, keyed with {@code password}; null appends none.
     *
     * @throws IllegalArgumentException when the message is too long or already carries MESSAGE-INTEGRITY
     */
    public static byte[] encode(StunMessage message, String password) {
        Objects.requireNonNull(message, "message");
        ByteArrayOutputStream attributes = new ByteArrayOutputStream();
        for (StunAttribute a : message.attributes()) {
            if (password != null && a instanceof MessageIntegrity) {
                throw new IllegalArgumentException("the message already carries MESSAGE-INTEGRITY");
            }
            writeAttribute(attributes, a);
        }
        int length = attributes.size() + (password != null ? MessageIntegrity.ENCODED_LENGTH : 0);
        if (length > 0xFFFF) {
            throw new IllegalArgumentException("a STUN message carries at most 65535 bytes of attributes");
        }
        byte[] out = new byte[HEADER_LENGTH + length];
        put16(out, 0, message.type().code());
        put16(out, 2, length);
        System.arraycopy(message.transactionId().internalBytes(), 0, out, 4, TransactionId.LENGTH);
        System.arraycopy(attributes.toByteArray(), 0, out, HEADER_LENGTH, attributes.size());
        if (password != null) {
            int at = HEADER_LENGTH + attributes.size();
            // The header already counts the integrity attribute when the HMAC is computed (RFC 3489 11.2.8).
            byte[] hmac = MessageIntegrity.compute(out, 0, at, password);
            put16(out, at, StunAttribute.MESSAGE_INTEGRITY);
            put16(out, at + 2, MessageIntegrity.HMAC_LENGTH);
            System.arraycopy(hmac, 0, out, at + 4, MessageIntegrity.HMAC_LENGTH);
        }
        return out;
    }

    public static StunMessage decode(byte[] datagram) throws StunException {
        return decode(datagram, 0, datagram.length);
    }

    /**
     * Reads one message. Attributes after MESSAGE-INTEGRITY are dropped: they are not covered by it, and RFC 3489
     * puts it last.
     *
     * @throws StunException for anything that is not a well-formed classic STUN message
     */
    public static StunMessage decode(byte[] datagram, int off, int len) throws StunException {
        int end = checkHeader(datagram, off, len);
        StunMessageType type = StunMessageType.of(u16(datagram, off));
        if (type == null) {
            throw new StunException("unknown STUN message type 0x" + Integer.toHexString(u16(datagram, off)));
        }
        TransactionId id = new TransactionId(Arrays.copyOfRange(datagram, off + 4, off + HEADER_LENGTH));
        List<StunAttribute> attributes = new ArrayList<>();
        int pos = off + HEADER_LENGTH;
        while (pos < end) {
            if (end - pos < 4) {
                throw new StunException("truncated attribute header");
            }
            int attrType = u16(datagram, pos);
            int attrLen = u16(datagram, pos + 2);
            if (attrLen > end - pos - 4) {
                throw new StunException("attribute 0x" + Integer.toHexString(attrType) + " overruns the message");
            }
            StunAttribute a;
            try {
                a = readAttribute(attrType, Arrays.copyOfRange(datagram, pos + 4, pos + 4 + attrLen));
            } catch (IllegalArgumentException e) {
                throw new StunException("attribute 0x" + Integer.toHexString(attrType) + ": " + e.getMessage());
            }
            attributes.add(a);
            if (a instanceof MessageIntegrity) {
                break;
            }
            pos += 4 + attrLen;
            // Classic values are whole words; an RFC 5389 peer pads an odd length outside the value.
            pos += Math.min((4 - attrLen % 4) % 4, end - pos);
        }
        return new StunMessage(type, id, attributes);
    }

    /**
     * Where MESSAGE-INTEGRITY starts, counted from the message's first byte, or -1 when there is none.
     *
     * @throws StunException when the attributes cannot be walked
     */
    static int integrityOffset(byte[] datagram, int off, int len) throws StunException {
        int end = checkHeader(datagram, off, len);
        int pos = off + HEADER_LENGTH;
        while (pos < end) {
            if (end - pos < 4) {
                throw new StunException("truncated attribute header");
            }
            int attrType = u16(datagram, pos);
            int attrLen = u16(datagram, pos + 2);
            if (attrLen > end - pos - 4) {
                throw new StunException("attribute 0x" + Integer.toHexString(attrType) + " overruns the message");
            }
            if (attrType == StunAttribute.MESSAGE_INTEGRITY) {
                if (attrLen != MessageIntegrity.HMAC_LENGTH) {
                    throw new StunException("MESSAGE-INTEGRITY carries 20 bytes, not " + attrLen);
                }
                return pos - off;
            }
            pos += 4 + attrLen;
            pos += Math.min((4 - attrLen % 4) % 4, end - pos);
        }
        return -1;
    }

    /** Checks the header and returns where the message ends. */
    private static int checkHeader(byte[] datagram, int off, int len) throws StunException {
        Objects.checkFromIndexSize(off, len, datagram.length);
        if (len < HEADER_LENGTH) {
            throw new StunException("shorter than a STUN header: " + len + " bytes");
        }
        if ((datagram[off] & 0xC0) != 0) {
            throw new StunException("not a STUN message");
        }
        int length = u16(datagram, off + 2);
        if (length > len - HEADER_LENGTH) {
            throw new StunException("the header announces " + length + " bytes of attributes, the datagram has "
                    + (len - HEADER_LENGTH));
        }
        return off + HEADER_LENGTH + length;
    }

    private static StunAttribute readAttribute(int type, byte[] v) throws StunException {
        return switch (type) {
            case StunAttribute.MAPPED_ADDRESS -> new MappedAddress(readAddress(v));
            case StunAttribute.RESPONSE_ADDRESS -> new ResponseAddress(readAddress(v));
            case StunAttribute.SOURCE_ADDRESS -> new SourceAddress(readAddress(v));
            case StunAttribute.CHANGED_ADDRESS -> new ChangedAddress(readAddress(v));
            case StunAttribute.REFLECTED_FROM -> new ReflectedFrom(readAddress(v));
            case StunAttribute.CHANGE_REQUEST -> {
                if (v.length != 4) {
                    throw new StunException("CHANGE-REQUEST carries 4 bytes, not " + v.length);
                }
                yield new ChangeRequest((v[3] & ChangeRequest.CHANGE_IP) != 0, (v[3] & ChangeRequest.CHANGE_PORT) != 0);
            }
            case StunAttribute.USERNAME -> new Username(readText(v));
            case StunAttribute.PASSWORD -> new Password(readText(v));
            case StunAttribute.MESSAGE_INTEGRITY -> {
                if (v.length != MessageIntegrity.HMAC_LENGTH) {
                    throw new StunException("MESSAGE-INTEGRITY carries 20 bytes, not " + v.length);
                }
                yield new MessageIntegrity(v);
            }
            case StunAttribute.ERROR_CODE -> {
                if (v.length < 4) {
                    throw new StunException("ERROR-CODE carries at least 4 bytes");
                }
                int number = v[3] & 0xff;
                if (number > 99) {
                    throw new StunException("ERROR-CODE number " + number + " is not in 0..99");
                }
                String reason = stripNuls(new String(v, 4, v.length - 4, StandardCharsets.UTF_8)).stripTrailing();
                yield new ErrorCode((v[2] & 0x07) * 100 + number, reason);
            }
            case StunAttribute.UNKNOWN_ATTRIBUTES -> {
                if (v.length == 0 || v.length % 2 != 0) {
                    throw new StunException("UNKNOWN-ATTRIBUTES carries whole 16-bit types");
                }
                List<Integer> types = new ArrayList<>();
                for (int i = 0; i < v.length; i += 2) {
                    if (!types.contains(u16(v, i))) {
                        types.add(u16(v, i)); // a repeat only fills the word
                    }
                }
                yield new UnknownAttributes(types);
            }
            case StunAttribute.CONNECTION_REQUEST_BINDING -> new ConnectionRequestBinding();
            case StunAttribute.BINDING_CHANGE -> new BindingChange();
            default -> new OtherAttribute(type, v);
        };
    }

    private static InetSocketAddress readAddress(byte[] v) throws StunException {
        int size;
        if (v.length == 8 && v[1] == FAMILY_IPV4) {
            size = 4;
        } else if (v.length == 20 && v[1] == FAMILY_IPV6) {
            size = 16;
        } else {
            throw new StunException("bad address: family " + (v.length > 1 ? v[1] : -1) + ", " + v.length + " bytes");
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(Arrays.copyOfRange(v, 4, 4 + size)), u16(v, 2));
        } catch (UnknownHostException e) {
            throw new StunException("bad address: " + e.getMessage()); // only for a wrong length, checked above
        }
    }

    private static String readText(byte[] v) {
        return stripNuls(new String(v, StandardCharsets.UTF_8));
    }

    private static String stripNuls(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '\0') {
            end--;
        }
        return s.substring(0, end);
    }

    private static void writeAttribute(ByteArrayOutputStream out, StunAttribute a) {
        byte[] value = switch (a) {
            case AddressAttribute addr -> addressValue(addr.address());
            case ChangeRequest c -> new byte[] {0, 0, 0,
                    (byte) ((c.changeIp() ? ChangeRequest.CHANGE_IP : 0) | (c.changePort() ? ChangeRequest.CHANGE_PORT : 0))};
            case Username u -> padded(u.value().getBytes(StandardCharsets.UTF_8), (byte) 0);
            case Password p -> padded(p.value().getBytes(StandardCharsets.UTF_8), (byte) 0);
            case MessageIntegrity m -> m.hmac();
            case ErrorCode e -> {
                byte[] reason = padded(e.reason().getBytes(StandardCharsets.UTF_8), (byte) ' ');
                byte[] v = new byte[4 + reason.length];
                v[2] = (byte) (e.code() / 100);
                v[3] = (byte) (e.code() % 100);
                System.arraycopy(reason, 0, v, 4, reason.length);
                yield v;
            }
            case UnknownAttributes u -> {
                List<Integer> types = new ArrayList<>(u.types());
                if (types.size() % 2 != 0) {
                    types.add(types.getLast()); // RFC 3489 11.2.10: repeat one to fill the word
                }
                byte[] v = new byte[types.size() * 2];
                for (int i = 0; i < types.size(); i++) {
                    put16(v, 2 * i, types.get(i));
                }
                yield v;
            }
            case ConnectionRequestBinding c -> ConnectionRequestBinding.VALUE.getBytes(StandardCharsets.US_ASCII);
            case BindingChange b -> new byte[0];
            case OtherAttribute o -> o.value();
        };
        if (value.length > 0xFFFF) {
            throw new IllegalArgumentException("attribute 0x" + Integer.toHexString(a.type()) + " is too long");
        }
        out.write(a.type() >> 8);
        out.write(a.type());
        out.write(value.length >> 8);
        out.write(value.length);
        out.writeBytes(value);
        out.writeBytes(new byte[(4 - value.length % 4) % 4]); // only an OtherAttribute can need it
    }

    private static byte[] addressValue(InetSocketAddress address) {
        byte[] ip = address.getAddress().getAddress();
        byte[] v = new byte[4 + ip.length];
        v[1] = address.getAddress() instanceof Inet4Address ? FAMILY_IPV4 : FAMILY_IPV6;
        put16(v, 2, address.getPort());
        System.arraycopy(ip, 0, v, 4, ip.length);
        return v;
    }

    private static byte[] padded(byte[] b, byte filler) {
        int size = (b.length + 3) / 4 * 4;
        byte[] v = Arrays.copyOf(b, size);
        Arrays.fill(v, b.length, size, filler);
        return v;
    }

    static int u16(byte[] b, int i) {
        return (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
    }

    static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >> 8);
        b[i + 1] = (byte) v;
    }
}

package dev.toolkit.core.dns.record;

import io.netty.buffer.ByteBuf;

import java.net.IDN;
import java.util.Locale;

/**
 * Domain names: checking a name before it is sent, reading (possibly compressed) names from DNS messages, and
 * presentation form.
 *
 * <p>Names in the toolkit's API are absolute names without the final dot ({@code mail.example.com}); the root
 * is the empty string. Labels read from the wire that hold unusual bytes are escaped the way zone files and
 * dnspython write them ({@code \.}, {@code \\}, {@code \DDD}).
 */
public final class DomainNames {

    /** The longest name in presentation form without the final dot (RFC 1035: 255 octets on the wire). */
    public static final int MAX_NAME_LENGTH = 253;
    /** The longest label, in octets. */
    public static final int MAX_LABEL_LENGTH = 63;

    private DomainNames() {
    }

    /** {@code name} with its final dot: {@code mail.example.com.}; the root is {@code "."}. */
    public static String absolute(String name) {
        if (name.isEmpty() || name.equals(".")) {
            return ".";
        }
        return name.endsWith(".") ? name : name + ".";
    }

    /** The lower-case form used to compare names (DNS names are case-insensitive for ASCII letters). */
    public static String key(String name) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        return n.toLowerCase(Locale.ROOT);
    }

    /**
     * Checks a name given by a user and returns it in the form sent: ASCII (internationalized labels converted
     * with IDNA), without the final dot. Letters, digits, {@code -} and {@code _} are accepted in labels
     * ({@code _} for service names such as {@code _sip._tcp}).
     *
     * @param name the name, possibly ending with a dot; {@code "."} is the root and gives {@code ""}
     * @return the checked name without the final dot
     * @throws IllegalArgumentException saying what is wrong: empty name, empty label, label over 63 bytes,
     *     name over 253 characters, or an invalid character and where it is
     */
    public static String check(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("empty name");
        }
        if (name.equals(".")) {
            return "";
        }
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (n.isEmpty() || n.endsWith(".")) {
            throw new IllegalArgumentException("empty label in '" + name + "'");
        }
        if (!isAscii(n)) {
            try {
                n = IDN.toASCII(n, IDN.ALLOW_UNASSIGNED);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a valid internationalized name '" + name + "': "
                        + e.getMessage(), e);
            }
        }
        int labelStart = 0;
        for (int i = 0; i <= n.length(); i++) {
            char c = i < n.length() ? n.charAt(i) : '.';
            if (c == '.') {
                int len = i - labelStart;
                if (len == 0) {
                    throw new IllegalArgumentException("empty label in '" + name + "'");
                }
                if (len > MAX_LABEL_LENGTH) {
                    throw new IllegalArgumentException("label '" + n.substring(labelStart, i) + "' is " + len
                            + " bytes long; the limit is " + MAX_LABEL_LENGTH);
                }
                labelStart = i + 1;
            } else if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-'
                    || c == '_')) {
                throw new IllegalArgumentException("invalid character " + describe(c) + " at position " + i
                        + " in '" + name + "'");
            }
        }
        if (n.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("name is " + n.length() + " characters long; the limit is "
                    + MAX_NAME_LENGTH);
        }
        return n;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static String describe(char c) {
        return c < 0x20 || c == 0x7F ? String.format("U+%04X", (int) c) : "'" + c + "'";
    }

    /** A name read from a message, and where the bytes after it start. */
    public static final class Decoded {
        private final String name;
        private final int next;

        Decoded(String name, int next) {
            this.name = name;
            this.next = next;
        }

        /** The name, without the final dot; empty for the root. */
        public String name() {
            return name;
        }

        /** The index just after the name's bytes at the place it was read (after the first pointer, if any). */
        public int next() {
            return next;
        }
    }

    /**
     * Reads a domain name at {@code index} of {@code message}, following compression pointers (RFC 1035
     * 4.1.4). Pointers are offsets from the start of the message, so {@code message} must use the message's
     * indices: the buffer of the whole message, or a duplicate of it. Nothing may be read at or past
     * {@code limit}.
     *
     * @throws IllegalArgumentException if the name is malformed: a label or pointer past {@code limit}, a
     *     pointer that does not point backwards (a loop), or a name over 255 octets
     */
    public static Decoded read(ByteBuf message, int index, int limit) {
        StringBuilder sb = new StringBuilder();
        int pos = index;
        int next = -1;
        int wireLength = 1;
        int lowestJump = index;
        while (true) {
            if (pos >= limit) {
                throw new IllegalArgumentException("name runs past the end of its data at offset " + pos);
            }
            int len = message.getUnsignedByte(pos);
            if ((len & 0xC0) == 0xC0) {
                if (pos + 1 >= limit) {
                    throw new IllegalArgumentException("truncated compression pointer at offset " + pos);
                }
                int target = (len & 0x3F) << 8 | message.getUnsignedByte(pos + 1);
                if (next < 0) {
                    next = pos + 2;
                }
                // Pointers must point to an earlier occurrence; requiring each jump to land before the previous
                // one rules out loops.
                if (target >= lowestJump) {
                    throw new IllegalArgumentException("compression pointer at offset " + pos + " to " + target
                            + " does not point backwards");
                }
                lowestJump = target;
                pos = target;
                continue;
            }
            if ((len & 0xC0) != 0) {
                throw new IllegalArgumentException("unsupported label type 0x" + Integer.toHexString(len)
                        + " at offset " + pos);
            }
            if (len == 0) {
                pos++;
                break;
            }
            if (pos + 1 + len > limit) {
                throw new IllegalArgumentException("label at offset " + pos + " runs past the end of its data");
            }
            wireLength += len + 1;
            if (wireLength > 255) {
                throw new IllegalArgumentException("name longer than 255 octets at offset " + index);
            }
            if (sb.length() > 0) {
                sb.append('.');
            }
            for (int i = 0; i < len; i++) {
                appendEscaped(sb, message.getUnsignedByte(pos + 1 + i));
            }
            pos += 1 + len;
        }
        return new Decoded(sb.toString(), next < 0 ? pos : next);
    }

    private static void appendEscaped(StringBuilder sb, int c) {
        if (c == '.' || c == '\\' || c == '"' || c == '(' || c == ')' || c == ';' || c == '@' || c == '$') {
            sb.append('\\').append((char) c);
        } else if (c <= 0x20 || c >= 0x7F) {
            sb.append('\\').append(String.format("%03d", c));
        } else {
            sb.append((char) c);
        }
    }
}

package dev.toolkit.core.names;

/** A socket type, as the {@code type} argument and result field of {@code getaddrinfo}. */
public enum SocketType {
    /** Any type (0): results for each type the service exists for. */
    ANY(0, 0),
    /** A stream socket ({@code SOCK_STREAM}), protocol TCP (6). */
    STREAM(1, 6),
    /** A datagram socket ({@code SOCK_DGRAM}), protocol UDP (17). */
    DATAGRAM(2, 17),
    /** A raw socket ({@code SOCK_RAW}), protocol 0; takes no service. */
    RAW(3, 0);

    private final int code;
    private final int protocol;

    SocketType(int code, int protocol) {
        this.code = code;
        this.protocol = protocol;
    }

    /** The Linux constant. */
    public int code() {
        return code;
    }

    /** The IP protocol number results of this type carry (TCP 6, UDP 17, raw 0). */
    public int protocol() {
        return protocol;
    }

    /** The name of the protocol in {@code /etc/services}: {@code tcp} or {@code udp}; {@code null} for others. */
    public String serviceProtocol() {
        return this == STREAM ? "tcp" : this == DATAGRAM ? "udp" : null;
    }

    /** The Python/C name, e.g. {@code SOCK_STREAM}. */
    public String constantName() {
        switch (this) {
            case STREAM:
                return "SOCK_STREAM";
            case DATAGRAM:
                return "SOCK_DGRAM";
            case RAW:
                return "SOCK_RAW";
            default:
                return "0";
        }
    }
}

package dev.toolkit.core.names;

/** The {@code getaddrinfo} flags the toolkit supports, with their Linux values. */
public enum AddrInfoFlag {
    /** With no host, return the wildcard address (for binding) instead of the loopback address. */
    PASSIVE(0x0001),
    /** Fill in the canonical name of the host: the end of its CNAME chain, never a reverse lookup. */
    CANONNAME(0x0002),
    /** The host must be an address literal; nothing is looked up. */
    NUMERICHOST(0x0004),
    /** With family {@link AddressFamily#INET6} and no IPv6 address, return IPv4 addresses as IPv4-mapped IPv6. */
    V4MAPPED(0x0008),
    /** With {@link #V4MAPPED}: return IPv6 addresses and IPv4-mapped ones. */
    ALL(0x0010),
    /** Return IPv4 (IPv6) addresses only if this host has a non-loopback IPv4 (IPv6) address configured. */
    ADDRCONFIG(0x0020),
    /** The service must be a port number; no service name is looked up. */
    NUMERICSERV(0x0400);

    private final int value;

    AddrInfoFlag(int value) {
        this.value = value;
    }

    /** The flag's bit in the C API. */
    public int value() {
        return value;
    }
}

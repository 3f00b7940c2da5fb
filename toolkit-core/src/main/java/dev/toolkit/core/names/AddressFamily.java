package dev.toolkit.core.names;

import java.net.Inet4Address;
import java.net.InetAddress;

/** An address family, as the {@code family} argument and result field of {@code getaddrinfo}. */
public enum AddressFamily {
    /** Any family ({@code AF_UNSPEC}). */
    ANY(0),
    /** IPv4 ({@code AF_INET}). */
    INET(2),
    /** IPv6 ({@code AF_INET6}). */
    INET6(10);

    private final int code;

    AddressFamily(int code) {
        this.code = code;
    }

    /** The Linux constant ({@code AF_INET} = 2, {@code AF_INET6} = 10). */
    public int code() {
        return code;
    }

    /** The family of {@code address}. */
    public static AddressFamily of(InetAddress address) {
        return address instanceof Inet4Address ? INET : INET6;
    }

    /** The Python/C name, e.g. {@code AF_INET6}. */
    public String constantName() {
        return this == ANY ? "AF_UNSPEC" : "AF_" + name();
    }
}

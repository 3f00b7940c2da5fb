package dev.toolkit.core.inet;

import io.netty.util.NetUtil;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;

/**
 * Parses IP address literals the way the C library does for {@code getaddrinfo} and {@code resolv.conf}, never
 * looking a name up.
 *
 * <p>IPv4 accepts the {@code inet_aton} forms: {@code a.b.c.d}, {@code a.b.c} (last part 16 bits),
 * {@code a.b} (24 bits) and {@code a} (32 bits), each part decimal, octal (leading {@code 0}) or hexadecimal
 * ({@code 0x}). IPv6 accepts the {@code inet_pton} forms, without brackets, with an optional
 * {@code %scope}: a number, or an interface name for link-local addresses. An IPv4-mapped IPv6 literal stays
 * an {@link Inet6Address}.
 */
public final class InetLiterals {

    private InetLiterals() {
    }

    /** Whether {@code text} is an IPv4 or IPv6 literal (a scope allowed). */
    public static boolean isLiteral(String text) {
        return parseWithScope(text) != null;
    }

    /** {@code text} as an address if it is an IPv4 or IPv6 literal (with an optional scope), else {@code null}. */
    public static InetAddress parseWithScope(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.indexOf(':') >= 0) {
            return parseIpv6(text);
        }
        return parseIpv4(text);
    }

    /** {@code text} as an IPv4 address in any {@code inet_aton} form, else {@code null}. */
    public static Inet4Address parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length > 4) {
            return null;
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            long v = part(parts[i]);
            if (v < 0) {
                return null;
            }
            values[i] = v;
        }
        long result = 0;
        int n = parts.length;
        for (int i = 0; i < n - 1; i++) {
            if (values[i] > 0xFF) {
                return null;
            }
            result |= values[i] << (24 - 8 * i);
        }
        long lastMax = (1L << (8 * (5 - n))) - 1;
        if (values[n - 1] > lastMax) {
            return null;
        }
        result |= values[n - 1];
        byte[] b = {(byte) (result >>> 24), (byte) (result >>> 16), (byte) (result >>> 8), (byte) result};
        try {
            return (Inet4Address) InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static long part(String s) {
        if (s.isEmpty()) {
            return -1;
        }
        int radix = 10;
        String digits = s;
        if (s.startsWith("0x") || s.startsWith("0X")) {
            radix = 16;
            digits = s.substring(2);
        } else if (s.length() > 1 && s.charAt(0) == '0') {
            radix = 8;
            digits = s.substring(1);
        }
        if (digits.isEmpty() || digits.length() > 11) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = Character.digit(digits.charAt(i), radix);
            if (d < 0) {
                return -1;
            }
            v = v * radix + d;
        }
        return v > 0xFFFFFFFFL ? -1 : v;
    }

    /** {@code text} as an IPv6 address with an optional scope, else {@code null}. */
    public static Inet6Address parseIpv6(String text) {
        String addr = text;
        String scope = null;
        int pct = text.indexOf('%');
        if (pct >= 0) {
            addr = text.substring(0, pct);
            scope = text.substring(pct + 1);
            if (scope.isEmpty()) {
                return null;
            }
        }
        if (addr.startsWith("[") || !NetUtil.isValidIpV6Address(addr)) {
            return null;
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(addr);
        if (bytes == null || bytes.length != 16) {
            return null;
        }
        try {
            if (scope == null) {
                return Inet6Address.getByAddress(null, bytes, -1);
            }
            if (scope.chars().allMatch(Character::isDigit)) {
                return Inet6Address.getByAddress(null, bytes, Integer.parseInt(scope));
            }
            // Interface names only make sense for link-local addresses (fe80::/10, ff02::/16).
            boolean linkLocal = (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xC0) == 0x80
                    || (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0x0F) == 0x02;
            NetworkInterface nif = linkLocal ? NetworkInterface.getByName(scope) : null;
            return nif == null ? null : Inet6Address.getByAddress(null, bytes, nif);
        } catch (UnknownHostException | SocketException | NumberFormatException e) {
            return null;
        }
    }
}

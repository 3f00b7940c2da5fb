package dev.toolkit.core.inet;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Addresses as text the way C's {@code inet_ntop} and Python print them: IPv6 in the RFC 5952 form
 * ({@code 2001:db8::1}, {@code ::ffff:192.0.2.1}), not Java's {@code 2001:db8:0:0:0:0:0:1}.
 */
public final class InetText {

    private InetText() {
    }

    /** {@code address} as text, without a scope or host name. */
    public static String format(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        byte[] b = address.getAddress();
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = (b[2 * i] & 0xFF) << 8 | (b[2 * i + 1] & 0xFF);
        }
        if (isMappedOrCompatible(words)) {
            String v4 = (b[12] & 0xFF) + "." + (b[13] & 0xFF) + "." + (b[14] & 0xFF) + "." + (b[15] & 0xFF);
            return words[5] == 0xFFFF ? "::ffff:" + v4 : "::" + v4;
        }
        // The longest run of two or more zero words becomes "::" (the first such run on a tie).
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (words[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && words[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(words[i]));
        }
        return sb.toString();
    }

    /** {@code address} as text with its scope: {@code fe80::1%eth0} or {@code fe80::1%2}, as Python prints it. */
    public static String formatWithScope(InetAddress address) {
        String text = format(address);
        if (address instanceof Inet6Address) {
            Inet6Address a = (Inet6Address) address;
            if (a.getScopedInterface() != null) {
                return text + "%" + a.getScopedInterface().getName();
            }
            if (a.getScopeId() != 0) {
                return text + "%" + a.getScopeId();
            }
        }
        return text;
    }

    private static boolean isMappedOrCompatible(int[] w) {
        for (int i = 0; i < 5; i++) {
            if (w[i] != 0) {
                return false;
            }
        }
        if (w[5] == 0xFFFF) {
            return true;
        }
        // glibc prints IPv4-compatible addresses (::a.b.c.d) in dotted form too, except :: and ::1.
        return w[5] == 0 && w[6] != 0;
    }
}

package dev.toolkit.http.codec;

import io.netty.handler.codec.http.HttpMethod;

/**
 * The grammar of a request-target (RFC 9112 3.2) and of a {@code Host} value (RFC 9110 7.2), as RFC 3986 spells
 * their characters: origin-form {@code /path?query}, absolute-form {@code http://host:port/path?query} (no user
 * information, no fragment) and asterisk-form {@code *} for OPTIONS; authority-form is CONNECT's, which is not
 * served.
 */
final class RequestTargets {

    private static final boolean[] PCHAR = new boolean[128];
    private static final boolean[] REG_NAME = new boolean[128];

    static {
        String unreserved = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~";
        String subDelims = "!$&'()*+,;=";
        for (char c : (unreserved + subDelims).toCharArray()) {
            REG_NAME[c] = true;
            PCHAR[c] = true;
        }
        PCHAR[':'] = true;
        PCHAR['@'] = true;
    }

    private RequestTargets() {
    }

    /** Whether {@code target} is a request-target this server reads, for {@code method}. */
    static boolean isValid(HttpMethod method, String target) {
        if (target.equals("*")) {
            return method.equals(HttpMethod.OPTIONS);
        }
        if (target.startsWith("/")) {
            return isPathAndQuery(target, 0);
        }
        int authorityStart = schemeEnd(target);
        if (authorityStart < 0) {
            return false;
        }
        int authorityEnd = authorityStart;
        while (authorityEnd < target.length() && target.charAt(authorityEnd) != '/'
                && target.charAt(authorityEnd) != '?') {
            authorityEnd++;
        }
        return isValidHost(target.substring(authorityStart, authorityEnd)) && isPathAndQuery(target, authorityEnd);
    }

    /** Where the authority of an {@code http://} or {@code https://} target starts, else -1. */
    private static int schemeEnd(String target) {
        for (String scheme : new String[] {"http://", "https://"}) {
            if (target.regionMatches(true, 0, scheme, 0, scheme.length())) {
                return scheme.length();
            }
        }
        return -1;
    }

    /** path-abempty [ "?" query ] from {@code start} (a '/', a '?' or the end) to the end. */
    private static boolean isPathAndQuery(String target, int start) {
        for (int i = start; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '%') {
                if (!isPercentEscape(target, i)) {
                    return false;
                }
                i += 2;
            } else if (c != '/' && c != '?' && !(c < 128 && PCHAR[c])) {
                return false;
            }
        }
        return true;
    }

    /** Whether the '%' at {@code index} starts pct-encoded: two hex digits follow. */
    private static boolean isPercentEscape(String text, int index) {
        return index + 2 < text.length() && Character.digit(text.charAt(index + 1), 16) >= 0
                && Character.digit(text.charAt(index + 2), 16) >= 0;
    }

    /** Whether {@code host} is uri-host [ ":" port ]: a registered name or IPv4 address, or an IPv6 literal. */
    static boolean isValidHost(String host) {
        int portStart;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 3) {
                return false;
            }
            for (int i = 1; i < close; i++) {
                char c = host.charAt(i);
                if (c != ':' && c != '.' && Character.digit(c, 16) < 0) {
                    return false;
                }
            }
            portStart = close + 1;
        } else {
            portStart = 0;
            while (portStart < host.length() && host.charAt(portStart) != ':') {
                char c = host.charAt(portStart);
                if (c == '%') {
                    if (!isPercentEscape(host, portStart)) {
                        return false;
                    }
                    portStart += 2;
                } else if (c >= 128 || !REG_NAME[c]) {
                    return false;
                }
                portStart++;
            }
            if (portStart == 0) {
                return false;
            }
        }
        if (portStart == host.length()) {
            return true;
        }
        if (host.charAt(portStart) != ':' || host.length() - portStart - 1 > 5) {
            return false;
        }
        for (int i = portStart + 1; i < host.length(); i++) {
            if (host.charAt(i) < '0' || host.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}

package dev.toolkit.http.server;

import dev.toolkit.core.inet.InetLiterals;
import io.netty.handler.codec.http.HttpHeaders;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The client's address and scheme as a trusted proxy reports them: {@code Forwarded} (RFC 7239) first, else
 * {@code X-Forwarded-For} and {@code X-Forwarded-Proto}. The list is walked from the right, the nearest hop
 * first, past every hop that is itself a trusted proxy; the first other address is the client's.
 */
final class ClientOrigin {

    private static final String X_FORWARDED_FOR = "x-forwarded-for";
    private static final String X_FORWARDED_PROTO = "x-forwarded-proto";
    private static final String FORWARDED = "forwarded";

    final InetSocketAddress address;
    final String scheme;

    private ClientOrigin(InetSocketAddress address, String scheme) {
        this.address = address;
        this.scheme = scheme;
    }

    /**
     * Where the request came from.
     *
     * @param peer the connection's client (the PROXY protocol's when given, else the socket's peer)
     * @param proxied whether {@code peer} came from a PROXY protocol header (then it is believed as it is)
     * @param scheme the connection's own scheme
     */
    static ClientOrigin of(InetSocketAddress peer, boolean proxied, String scheme, HttpHeaders headers,
            TrustedProxies trusted) {
        if (proxied || trusted.isEmpty() || peer == null || !trusted.trusts(peer.getAddress())) {
            return new ClientOrigin(peer, scheme);
        }
        List<String> forwarded = headers.getAll(FORWARDED);
        if (!forwarded.isEmpty()) {
            return fromForwarded(peer, scheme, forwarded, trusted);
        }
        List<String> forwardedFor = headers.getAll(X_FORWARDED_FOR);
        InetSocketAddress address = peer;
        if (!forwardedFor.isEmpty()) {
            List<String> hops = new ArrayList<>();
            for (String value : forwardedFor) {
                for (String hop : value.split(",")) {
                    hops.add(hop.trim());
                }
            }
            for (int i = hops.size() - 1; i >= 0; i--) {
                InetSocketAddress hop = node(hops.get(i));
                if (hop == null) {
                    break;
                }
                address = hop;
                if (!trusted.trusts(hop.getAddress())) {
                    break;
                }
            }
        }
        String proto = headers.get(X_FORWARDED_PROTO);
        if (proto != null) {
            String[] values = proto.split(",");
            scheme = scheme(values[values.length - 1].trim(), scheme);
        }
        return new ClientOrigin(address, scheme);
    }

    private static ClientOrigin fromForwarded(InetSocketAddress peer, String scheme, List<String> values,
            TrustedProxies trusted) {
        List<String> elements = new ArrayList<>();
        for (String value : values) {
            elements.addAll(split(value, ','));
        }
        InetSocketAddress address = peer;
        String proto = scheme;
        for (int i = elements.size() - 1; i >= 0; i--) {
            InetSocketAddress hop = null;
            String hopProto = null;
            for (String pair : split(elements.get(i), ';')) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String name = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                String value = unquote(pair.substring(eq + 1).trim());
                if (name.equals("for")) {
                    hop = node(value);
                } else if (name.equals("proto")) {
                    hopProto = value;
                }
            }
            if (hop == null) {
                break;
            }
            address = hop;
            if (hopProto != null) {
                proto = scheme(hopProto, proto);
            }
            if (!trusted.trusts(hop.getAddress())) {
                break;
            }
        }
        return new ClientOrigin(address, proto);
    }

    private static String scheme(String value, String otherwise) {
        String lower = value.toLowerCase(Locale.ROOT);
        return lower.equals("http") || lower.equals("https") ? lower : otherwise;
    }

    /** A node ({@code 192.0.2.1}, {@code 192.0.2.1:80}, {@code [2001:db8::1]:80}, {@code 2001:db8::1}). */
    static InetSocketAddress node(String text) {
        String host = text;
        int port = 0;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0) {
                return null;
            }
            String rest = host.substring(close + 1);
            host = host.substring(1, close);
            if (rest.startsWith(":")) {
                port = port(rest.substring(1));
            }
        } else if (host.indexOf(':') == host.lastIndexOf(':') && host.indexOf(':') > 0) {
            port = port(host.substring(host.indexOf(':') + 1));
            host = host.substring(0, host.indexOf(':'));
        }
        InetAddress address = InetLiterals.parseWithScope(host);
        return address == null ? null : new InetSocketAddress(address, Math.max(port, 0));
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            return port >= 0 && port <= 65535 ? port : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1).replace("\\\"", "\"");
        }
        return value;
    }

    /** {@code text} split at {@code separator} outside quoted strings. */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(part.toString().trim());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        if (part.length() > 0) {
            parts.add(part.toString().trim());
        }
        return parts;
    }
}

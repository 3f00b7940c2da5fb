package dev.toolkit.http.server;

import dev.toolkit.core.inet.InetLiterals;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The peers whose {@code Forwarded} / {@code X-Forwarded-*} headers are believed: addresses and CIDR blocks,
 * literals only (a name would need the resolver).
 */
final class TrustedProxies {

    private static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<Block> blocks;

    private TrustedProxies(List<Block> blocks) {
        this.blocks = blocks;
    }

    /**
     * The blocks {@code entries} name.
     *
     * @throws IllegalArgumentException naming the first entry that is neither an address nor a CIDR block
     */
    static TrustedProxies parse(List<String> entries) {
        if (entries.isEmpty()) {
            return NONE;
        }
        List<Block> blocks = new ArrayList<>();
        for (String entry : entries) {
            String problem = problem(entry);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            blocks.add(block(entry));
        }
        return new TrustedProxies(List.copyOf(blocks));
    }

    /** What is wrong with {@code entry}, or {@code null} when it is an address or a CIDR block. */
    static String problem(String entry) {
        if (entry == null) {
            return "a trusted proxy must not be null";
        }
        int slash = entry.indexOf('/');
        String address = slash < 0 ? entry : entry.substring(0, slash);
        InetAddress parsed = InetLiterals.parseWithScope(address.trim());
        if (parsed == null) {
            return "trusted proxy is not an IP address or CIDR block: \"" + entry + "\"";
        }
        if (slash >= 0) {
            int bits = parsed.getAddress().length * 8;
            try {
                int prefix = Integer.parseInt(entry.substring(slash + 1).trim());
                if (prefix < 0 || prefix > bits) {
                    return "trusted proxy prefix must be 0.." + bits + ": \"" + entry + "\"";
                }
            } catch (NumberFormatException e) {
                return "trusted proxy prefix is not a number: \"" + entry + "\"";
            }
        }
        return null;
    }

    private static Block block(String entry) {
        int slash = entry.indexOf('/');
        InetAddress address = InetLiterals.parseWithScope((slash < 0 ? entry : entry.substring(0, slash)).trim());
        byte[] bytes = address.getAddress();
        int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(entry.substring(slash + 1).trim());
        return new Block(bytes, prefix);
    }

    boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** Whether {@code address} is one of the trusted proxies. */
    boolean trusts(InetAddress address) {
        if (address == null) {
            return false;
        }
        byte[] bytes = address.getAddress();
        for (Block block : blocks) {
            if (block.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    private static final class Block {
        private final byte[] network;
        private final int prefix;

        Block(byte[] network, int prefix) {
            this.network = network;
            this.prefix = prefix;
        }

        boolean contains(byte[] address) {
            byte[] candidate = address;
            if (candidate.length != network.length) {
                candidate = mapped(candidate, network.length);
                if (candidate == null) {
                    return false;
                }
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (candidate[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (candidate[whole] & mask) == (network[whole] & mask);
        }

        /** An IPv4 address as its IPv4-mapped IPv6 form, or the reverse; {@code null} when there is none. */
        private static byte[] mapped(byte[] address, int length) {
            if (address.length == 4 && length == 16) {
                byte[] v6 = new byte[16];
                v6[10] = (byte) 0xff;
                v6[11] = (byte) 0xff;
                System.arraycopy(address, 0, v6, 12, 4);
                return v6;
            }
            if (address.length == 16 && length == 4) {
                for (int i = 0; i < 10; i++) {
                    if (address[i] != 0) {
                        return null;
                    }
                }
                if (address[10] != (byte) 0xff || address[11] != (byte) 0xff) {
                    return null;
                }
                byte[] v4 = new byte[4];
                System.arraycopy(address, 12, v4, 0, 4);
                return v4;
            }
            return null;
        }
    }
}

package dev.toolkit.examples.support;

import dev.toolkit.core.error.Excerpts;
import io.netty.buffer.ByteBuf;
import io.netty.util.NetUtil;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Prints values the way the book's Python programs print them, so that a Java listing's output reads (and
 * compares) line for line with the original's.
 */
public final class PythonFormat {

    private PythonFormat() {
    }

    /**
     * Python's {@code repr()} of a {@code bytes} value: {@code b'...'} with escapes, or {@code b"..."} when
     * the bytes hold a single quote and no double quote, as Python chooses.
     */
    public static String repr(ByteBuf bytes) {
        return repr(bytes, Integer.MAX_VALUE);
    }

    /**
     * {@link #repr(ByteBuf)} of at most the first {@code limit} bytes, followed by {@code ... (N more bytes)}
     * when some were left out.
     */
    public static String repr(ByteBuf bytes, int limit) {
        String single = Excerpts.of(bytes, bytes.readerIndex(), bytes.readableBytes(), limit);
        boolean hasSingle = bytes.indexOf(bytes.readerIndex(), bytes.writerIndex(), (byte) '\'') >= 0;
        boolean hasDouble = bytes.indexOf(bytes.readerIndex(), bytes.writerIndex(), (byte) '"') >= 0;
        if (!hasSingle || hasDouble) {
            return single;
        }
        // Every quote in the single-quoted form carries its own backslash, so dropping those escapes is safe.
        int close = single.lastIndexOf('\'');
        String body = single.substring(2, close).replace("\\'", "'");
        return "b\"" + body + "\"" + single.substring(close + 1);
    }

    /**
     * A socket address as Python's {@code getsockname()} / {@code accept()} tuple: {@code ('127.0.0.1', 1060)}
     * for IPv4, {@code ('::1', 1060, 0, 0)} for IPv6 (flow info, scope id).
     */
    public static String sockname(SocketAddress address) {
        if (!(address instanceof InetSocketAddress)) {
            return String.valueOf(address);
        }
        InetSocketAddress inet = (InetSocketAddress) address;
        if (inet.getAddress() instanceof Inet6Address) {
            Inet6Address v6 = (Inet6Address) inet.getAddress();
            return "('" + NetUtil.toAddressString(v6) + "', " + inet.getPort() + ", 0, " + v6.getScopeId() + ")";
        }
        String host = inet.getAddress() == null ? inet.getHostString() : inet.getAddress().getHostAddress();
        return "('" + host + "', " + inet.getPort() + ")";
    }
}

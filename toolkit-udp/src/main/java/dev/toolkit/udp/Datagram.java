package dev.toolkit.udp;

import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A received datagram: its bytes, who sent it, and the local address it arrived at. Immutable: the bytes
 * are copied out of Netty's buffer on arrival, so a {@code Datagram} needs no release and may be kept.
 */
public final class Datagram {

    private final byte[] data;
    private final InetSocketAddress sender;
    private final InetSocketAddress recipient;

    private Datagram(byte[] data, InetSocketAddress sender, InetSocketAddress recipient) {
        this.data = data;
        this.sender = sender;
        this.recipient = recipient;
    }

    /**
     * A datagram holding a copy of {@code data}.
     *
     * @param data the payload
     * @param sender who sent it
     * @param recipient the local address it arrived at, or {@code null} if unknown
     */
    public static Datagram of(byte[] data, InetSocketAddress sender, InetSocketAddress recipient) {
        return new Datagram(data.clone(), Objects.requireNonNull(sender, "sender"), recipient);
    }

    /** Wraps an array the caller hands over and never changes again. */
    static Datagram owning(byte[] data, InetSocketAddress sender, InetSocketAddress recipient) {
        return new Datagram(data, sender, recipient);
    }

    /** A copy of the payload. */
    public byte[] data() {
        return data.clone();
    }

    /** The payload's length in bytes (0 for an empty datagram). */
    public int length() {
        return data.length;
    }

    /** The payload decoded as {@code charset}. */
    public String text(Charset charset) {
        return new String(data, charset);
    }

    /** The payload decoded as UTF-8. */
    public String text() {
        return text(StandardCharsets.UTF_8);
    }

    /** Who sent the datagram. */
    public InetSocketAddress sender() {
        return sender;
    }

    /** The local address it arrived at, or {@code null} if unknown. */
    public InetSocketAddress recipient() {
        return recipient;
    }

    byte[] array() {
        return data;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Datagram)) {
            return false;
        }
        Datagram d = (Datagram) o;
        return Arrays.equals(data, d.data) && sender.equals(d.sender) && Objects.equals(recipient, d.recipient);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(data), sender, recipient);
    }

    @Override
    public String toString() {
        return "Datagram{" + data.length + " bytes from " + sender + "}";
    }
}

package dev.toolkit.udp;

import dev.toolkit.core.config.Validation;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Immutable settings of a datagram client: whom it talks to, whether its socket is connected, where it binds,
 * and whose datagrams it accepts.
 *
 * <p>A <em>connected</em> client's socket only exchanges datagrams with its remote address: the kernel drops
 * datagrams from anyone else, and an ICMP "port unreachable" from the remote is reported as
 * {@link dev.toolkit.core.error.ConnectFailedException} with reason {@code REFUSED}. An unconnected client
 * checks the sender itself: by default it accepts datagrams only from its remote address
 * ({@link #acceptFromAnyAddress()} turns that off, as the book's {@code udp_local} client does, which lets
 * anyone who guesses its port answer in the server's place).
 *
 * <pre>{@code
 * UdpClientConfig config = UdpClientConfig.builder().remote("127.0.0.1", 1060).connected(true).build();
 * }</pre>
 */
public final class UdpClientConfig {

    /** The default bound on datagrams received but not yet taken by {@link UdpClient#receive}. */
    public static final int DEFAULT_RECEIVE_QUEUE_LIMIT = 1024;

    private final String remoteHost;
    private final int remotePort;
    private final String localHost;
    private final int localPort;
    private final boolean connected;
    private final boolean acceptFromAnyAddress;
    private final UdpConfig socket;
    private final int receiveQueueLimit;
    private final String name;

    private UdpClientConfig(Builder b) {
        this.remoteHost = b.remoteHost;
        this.remotePort = b.remotePort;
        this.localHost = b.localHost;
        this.localPort = b.localPort;
        this.connected = b.connected;
        this.acceptFromAnyAddress = b.acceptFromAnyAddress;
        this.socket = b.socket;
        this.receiveQueueLimit = b.receiveQueueLimit;
        this.name = b.name;
    }

    /** A builder with the defaults: no remote, unconnected, bound to the wildcard address and an ephemeral port. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's settings, to derive a variant. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.remoteHost = remoteHost;
        b.remotePort = remotePort;
        b.localHost = localHost;
        b.localPort = localPort;
        b.connected = connected;
        b.acceptFromAnyAddress = acceptFromAnyAddress;
        b.socket = socket;
        b.receiveQueueLimit = receiveQueueLimit;
        b.name = name;
        return b;
    }

    /** The remote address (IP literal or a name from {@code /etc/hosts}), or {@code null} if none is set. */
    public String remoteHost() {
        return remoteHost;
    }

    /** The remote port. */
    public int remotePort() {
        return remotePort;
    }

    /** The remote address, resolved; {@code null} if none is set. */
    public InetSocketAddress remoteAddress() {
        return remoteHost == null ? null : new InetSocketAddress(remoteHost, remotePort);
    }

    /**
     * The local address to bind, or {@code null} for the wildcard address of the remote's family (the
     * system then picks the source address per datagram, as a Python socket that was never bound).
     */
    public String localHost() {
        return localHost;
    }

    /** The local port; 0 for an ephemeral one. */
    public int localPort() {
        return localPort;
    }

    /** Whether the socket is connected to the remote address. */
    public boolean connected() {
        return connected;
    }

    /** Whether an unconnected client accepts datagrams from any address, not only from its remote. */
    public boolean acceptFromAnyAddress() {
        return acceptFromAnyAddress;
    }

    /** The socket settings. */
    public UdpConfig socket() {
        return socket;
    }

    /** How many received datagrams wait for {@link UdpClient#receive}; more are dropped and counted. */
    public int receiveQueueLimit() {
        return receiveQueueLimit;
    }

    /** The client's name, used for its thread and log lines. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "UdpClientConfig{" + name + " remote=" + remoteHost + ":" + remotePort + ", local="
                + (localHost == null ? "*" : localHost) + ":" + localPort + ", connected=" + connected
                + ", acceptFromAnyAddress=" + acceptFromAnyAddress + ", " + socket + "}";
    }

    /** Builds a {@link UdpClientConfig}: the setters only store, {@link #build()} checks the whole. */
    public static final class Builder {
        private String remoteHost;
        private int remotePort;
        private String localHost;
        private int localPort;
        private boolean connected;
        private boolean acceptFromAnyAddress;
        private UdpConfig socket = UdpConfig.defaults();
        private int receiveQueueLimit = DEFAULT_RECEIVE_QUEUE_LIMIT;
        private String name = "toolkit-udp-client";

        private Builder() {
        }

        /** The address datagrams go to and replies come from. */
        public Builder remote(String host, int port) {
            this.remoteHost = host == null ? "" : host.trim();
            this.remotePort = port;
            return this;
        }

        /** The address datagrams go to and replies come from. */
        public Builder remote(InetSocketAddress address) {
            Objects.requireNonNull(address, "address");
            return remote(address.getAddress() == null ? address.getHostString()
                    : address.getAddress().getHostAddress(), address.getPort());
        }

        /** The local address and port to bind (default: the wildcard address, an ephemeral port). */
        public Builder local(String host, int port) {
            this.localHost = host == null || host.isBlank() ? null : host.trim();
            this.localPort = port;
            return this;
        }

        /** Connect the socket to the remote address (default off). */
        public Builder connected(boolean on) {
            this.connected = on;
            return this;
        }

        /** Accept datagrams from any address when unconnected (default off: only from the remote). */
        public Builder acceptFromAnyAddress(boolean on) {
            this.acceptFromAnyAddress = on;
            return this;
        }

        /** The socket settings (default {@link UdpConfig#defaults()}). */
        public Builder socket(UdpConfig socket) {
            this.socket = Objects.requireNonNull(socket, "socket");
            return this;
        }

        /** How many received datagrams may wait to be taken (default 1024). */
        public Builder receiveQueueLimit(int limit) {
            this.receiveQueueLimit = limit;
            return this;
        }

        /** The client's name for threads and logs (default "toolkit-udp-client"). */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * Builds the configuration, checking the whole of it; a connected client needs a remote address.
         *
         * @throws IllegalArgumentException naming every setting whose value is wrong
         */
        public UdpClientConfig build() {
            Validation check = Validation.of("UdpClientConfig")
                    .port("localPort", localPort)
                    .atLeast("receiveQueueLimit", receiveQueueLimit, 1)
                    .name("name", name)
                    .rule(!connected || remoteHost != null, "a connected client needs a remote address");
            if (remoteHost != null) {
                check.rule(!remoteHost.isEmpty(), "remote host must not be blank")
                        .rule(remotePort >= 1 && remotePort <= 65535, "remotePort must be 1..65535: " + remotePort);
            }
            check.done();
            return new UdpClientConfig(this);
        }
    }
}

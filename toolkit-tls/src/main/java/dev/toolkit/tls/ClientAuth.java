package dev.toolkit.tls;

/** Whether a server asks its clients for a certificate (mutual TLS). */
public enum ClientAuth {
    /** No client certificate is asked for (the default). */
    NONE,
    /** A certificate is asked for; a client without one is accepted, a client with an untrusted one is not. */
    OPTIONAL,
    /** A trusted client certificate is required; a client without one fails the handshake. */
    REQUIRE;

    io.netty.handler.ssl.ClientAuth netty() {
        return switch (this) {
            case NONE -> io.netty.handler.ssl.ClientAuth.NONE;
            case OPTIONAL -> io.netty.handler.ssl.ClientAuth.OPTIONAL;
            case REQUIRE -> io.netty.handler.ssl.ClientAuth.REQUIRE;
        };
    }
}

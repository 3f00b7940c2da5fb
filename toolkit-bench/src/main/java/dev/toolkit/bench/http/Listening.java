package dev.toolkit.bench.http;

import java.net.InetSocketAddress;

/** The line the HTTP benchmark's servers print once they listen, which the harness reads the port from. */
final class Listening {

    private Listening() {
    }

    /** {@code Listening at 127.0.0.1:8080}; matched by {@code ServerSpec.LISTENING_AT}. */
    static String line(InetSocketAddress address) {
        return "Listening at " + address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}

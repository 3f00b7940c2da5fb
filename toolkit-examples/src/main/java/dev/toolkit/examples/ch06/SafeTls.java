package dev.toolkit.examples.ch06;

import dev.toolkit.examples.support.ListingCommand;
import dev.toolkit.examples.support.PythonFormat;
import dev.toolkit.tls.TlsClientConfig;
import dev.toolkit.tls.TlsServerConfig;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Chapter 6's {@code safe_tls.py}: TLS with safe defaults on both sides. The server loads one PEM file
 * holding its key and certificate, accepts one connection, sends {@code Simple is better than complex.} and
 * closes. The client verifies the chain (against {@code -a cafile}, or the system's trust store) and the host
 * name: a certificate for {@code DNS:localhost} succeeds for {@code localhost} and fails for {@code 127.0.0.1}
 * (an IP literal needs an IP-address SAN); without {@code -a} the chapter's private CA is untrusted.
 */
@Command(name = "safe_tls", description = "Safe TLS client and server")
public final class SafeTls extends ListingCommand {

    /** What the server sends. */
    static final String MESSAGE = "Simple is better than complex.";

    @Mixin
    private Endpoint endpoint;

    @Option(names = "-s", paramLabel = "certfile", description = "run as server: path to server PEM file")
    private String certfile;

    /** Not in the original (whose handshake may wait for ever): how long either side waits for the handshake. */
    @Option(names = "--handshake-timeout", hidden = true, paramLabel = "seconds", defaultValue = "10")
    private long handshakeTimeout;

    @Override
    public Integer call() throws Exception {
        if (certfile != null) {
            server();
        } else {
            client();
        }
        return 0;
    }

    private void client() throws InterruptedException {
        TlsClientConfig.Builder tls = TlsClientConfig.builder().handshakeTimeout(Duration.ofSeconds(handshakeTimeout));
        if (endpoint.cafile != null) {
            tls.trustPem(Path.of(endpoint.cafile));
        }
        try (TlsPrograms.Connection c = TlsPrograms.connect(tls.build(), endpoint.host, endpoint.port)) {
            out().println("Connected to host " + TlsPrograms.repr(endpoint.host) + " and port " + endpoint.port);
            c.handshake();
            while (true) {
                byte[] data = c.received().poll(60, TimeUnit.SECONDS);
                if (data == null || data.length == 0) {
                    break;
                }
                out().println(PythonFormat.repr(Unpooled.wrappedBuffer(data)));
            }
        }
    }

    private void server() throws Exception {
        TlsServerConfig tls = TlsServerConfig.builder().certificate(TlsPrograms.certfile(certfile))
                .handshakeTimeout(Duration.ofSeconds(handshakeTimeout)).build();
        TlsPrograms.serveOnce(endpoint.host, endpoint.port, tls,
                (ch, report) -> ch.writeAndFlush(Unpooled.copiedBuffer(MESSAGE, StandardCharsets.US_ASCII))
                        .addListener(ChannelFutureListener.CLOSE),
                bound -> out().println("Listening at interface " + TlsPrograms.repr(endpoint.host) + " and port "
                        + bound.getPort()),
                peer -> out().println("Connection from host " + TlsPrograms.repr(peer.getAddress().getHostAddress())
                        + " and port " + peer.getPort()));
    }
}

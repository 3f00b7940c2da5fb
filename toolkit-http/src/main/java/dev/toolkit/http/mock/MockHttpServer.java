package dev.toolkit.http.mock;

import dev.toolkit.core.error.Blocking;
import dev.toolkit.core.error.InterruptedOperationException;
import dev.toolkit.core.error.OperationTimeoutException;
import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.server.RunningServer;
import dev.toolkit.core.server.ServerConfig;
import dev.toolkit.tcp.TcpServer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectDecoder;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A scripted HTTP/1.1 server for testing HTTP clients (after OkHttp's MockWebServer): it answers each request
 * with the next {@link MockResponse} a test {@linkplain #enqueue enqueued}, records every request as a
 * {@link RecordedRequest} for {@link #takeRequest()}, and misbehaves on purpose when a response's
 * {@link SocketPolicy} says so. It listens on loopback, on an ephemeral port, over TLS when configured.
 *
 * <pre>{@code
 * try (MockHttpServer server = MockHttpServer.start()) {
 *     server.enqueue(MockResponse.builder().status(200).body("first").build());
 *     server.enqueue(MockResponse.builder().socketPolicy(SocketPolicy.CLOSE_AFTER_REQUEST).build());
 *     // the client under test requests server.url("/a") twice
 *     RecordedRequest first = server.takeRequest();
 *     assertEquals("/a", first.path());
 *     assertEquals(0, first.connectionIndex());
 * }
 * }</pre>
 *
 * <p>Responses are served in the order they were enqueued, one per request, whichever connection the request
 * came on; with the queue empty the {@linkplain #dispatcher dispatcher} answers, else the configured default
 * response ({@code 404} unless set). {@code Expect: 100-continue} is answered with {@code 100 Continue} unless
 * the response says otherwise ({@link MockResponse.ExpectContinue}); another expectation gets {@code 417}.
 * Requests pipelined on one connection are answered in order. A request the server cannot take (a malformed
 * head, a header section or body over the limits of {@link MockHttpServerConfig}) is answered with its 4xx
 * status, recorded with its {@link RecordedRequest#failure() failure}, and its connection closed.
 *
 * <p>Thread-safe: tests enqueue and take while the server's event loop serves; nothing blocks the event loop
 * (delays and throttles run on its timers). It runs on toolkit-tcp's server ({@link TcpServer}) and so on
 * core's connection pipeline, TLS and graceful close included; the HTTP codec is Netty's.
 */
public final class MockHttpServer implements AutoCloseable {

    /** Largest decoded piece of a request body handed from the decoder (the body is aggregated anyway). */
    private static final int DECODER_CHUNK_SIZE = 64 * 1024;

    private final MockHttpServerConfig config;
    private final MockScript script;
    private final RunningServer<ConnectionMetrics> server;

    private MockHttpServer(MockHttpServerConfig config) {
        this.config = config;
        this.script = new MockScript(config.defaultResponse());
        ServerConfig.Builder settings = ServerConfig.builder()
                .name(config.name())
                .host(config.host())
                .port(config.port())
                .wireLog(config.wireLog())
                .frameTimeout(null)           // a client taking its time is for the test to judge, not the mock
                .shutdownGrace(null);         // no signal handlers: tests start and close many servers
        config.tls().ifPresent(settings::security);
        this.server = TcpServer.bind(settings.build(), channel -> install(channel.pipeline(), script, config));
    }

    /** Starts a server with the defaults (127.0.0.1, an ephemeral port, plaintext); returns once it listens. */
    public static MockHttpServer start() {
        return start(MockHttpServerConfig.builder().build());
    }

    /**
     * Starts a server with {@code config}; returns once it listens.
     *
     * @throws dev.toolkit.core.error.ToolkitException if the address cannot be bound
     */
    public static MockHttpServer start(MockHttpServerConfig config) {
        return new MockHttpServer(Objects.requireNonNull(config, "config"));
    }

    /** Adds the mock's codec and exchange handler to a connection's pipeline. */
    static void install(ChannelPipeline pipeline, MockScript script, MockHttpServerConfig config) {
        HttpDecoderConfig decoding = new HttpDecoderConfig()
                .setMaxInitialLineLength(config.maxRequestLineLength())
                .setMaxHeaderSize(config.maxHeaderSize())
                .setMaxChunkSize(DECODER_CHUNK_SIZE)
                .setInitialBufferSize(HttpObjectDecoder.DEFAULT_INITIAL_BUFFER_SIZE)
                .setChunkedSupported(true)
                .setAllowPartialChunks(true)
                .setValidateHeaders(true)
                .setAllowDuplicateContentLengths(false)
                .setUseRfc9112TransferEncoding(true)
                // a client's bare LF line ends are taken (and kept in the raw head) rather than refused
                .setStrictLineParsing(false);
        RawHeadRequestDecoder decoder = new RawHeadRequestDecoder(decoding,
                config.maxRequestLineLength() + config.maxHeaderSize() + 4);
        MockResponseEncoder encoder = new MockResponseEncoder();
        pipeline.addLast("http-decoder", decoder);
        pipeline.addLast("http-encoder", encoder);
        pipeline.addLast("mock-exchange", new MockConnectionHandler(script, decoder, encoder, config.maxBodySize()));
    }

    /** The settings the server was started with. */
    public MockHttpServerConfig config() {
        return config;
    }

    /** The address the server listens on. */
    public InetSocketAddress address() {
        return server.localAddress();
    }

    /** The port the server listens on. */
    public int port() {
        return address().getPort();
    }

    /**
     * The URL of {@code path} on this server: {@code http://127.0.0.1:PORT/path}, {@code https://} with TLS.
     *
     * @param path the path and query, e.g. {@code "/items?page=2"}; a missing leading {@code /} is added
     */
    public URI url(String path) {
        Objects.requireNonNull(path, "path");
        String host = config.host();
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        String scheme = config.tls().isPresent() ? "https" : "http";
        return URI.create(scheme + "://" + host + ":" + port() + (path.startsWith("/") ? path : "/" + path));
    }

    /** Adds {@code response} to the end of the queue: the answer to a request after those enqueued before it. */
    public void enqueue(MockResponse response) {
        script.enqueue(Objects.requireNonNull(response, "response"));
    }

    /**
     * Answers the requests that find the queue empty with {@code dispatcher}'s response instead of the default
     * one; {@code null} to go back to the default. It is called on an event loop once the request is read, so
     * it must not block; if it throws or returns {@code null} the request gets a {@code 500} saying so.
     */
    public void dispatcher(Function<RecordedRequest, MockResponse> dispatcher) {
        script.dispatcher(dispatcher);
    }

    /**
     * The oldest recorded request not yet taken, waiting for it up to the configured
     * {@linkplain MockHttpServerConfig#takeTimeout() take time-out}.
     *
     * @throws OperationTimeoutException if no request arrives in time
     * @throws InterruptedOperationException if the waiting thread is interrupted
     * @throws IllegalStateException on an event loop thread
     */
    public RecordedRequest takeRequest() {
        return takeRequest(config.takeTimeout());
    }

    /**
     * The oldest recorded request not yet taken, waiting for it up to {@code timeout}.
     *
     * @throws OperationTimeoutException if no request arrives in time
     * @throws InterruptedOperationException if the waiting thread is interrupted
     * @throws IllegalStateException on an event loop thread
     */
    public RecordedRequest takeRequest(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        String operation = "takeRequest of " + this;
        Blocking.refuseOnEventLoop(operation);
        CompletableFuture<RecordedRequest> taken = takeRequestAsync(timeout);
        try {
            return Blocking.await(taken, operation);
        } finally {
            taken.cancel(false);    // an interrupted wait must not take the next request away
        }
    }

    /**
     * The oldest recorded request not yet taken, when it arrives; fails with an {@link OperationTimeoutException}
     * after {@code timeout}.
     */
    public CompletableFuture<RecordedRequest> takeRequestAsync(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return script.take(timeout, toString());
    }

    /** How many requests were received (recorded), taken or not. */
    public int requestCount() {
        return script.requestCount();
    }

    /** How many connections were accepted (and made it past the TLS handshake, with TLS). */
    public int connectionCount() {
        return script.connectionCount();
    }

    /** Stops at once: closes the listener and every connection. May be called again. */
    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "mock HTTP server " + config.name() + " at " + url("/");
    }
}

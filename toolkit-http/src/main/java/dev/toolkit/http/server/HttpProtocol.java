package dev.toolkit.http.server;

import dev.toolkit.core.pipeline.ProtocolDefinition;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.stream.ChunkedWriteHandler;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP server's protocol on core's pipeline: the one place its handlers are assembled. In order from the
 * head: the time-outs (they see every byte), the codec, over TLS the chunked writer (file bodies), the
 * compressor (from the first request that accepts an encoding on), and the exchange handler.
 */
final class HttpProtocol implements ProtocolDefinition {

    static final String TIMEOUTS = "http-timeouts";
    static final String CHUNKED_WRITER = "http-chunked-writer";
    static final String COMPRESSOR = "http-compressor";
    static final String EXCHANGES = "http-exchanges";

    private final ServerContext server;

    HttpProtocol(HttpServerConfig config, HttpApplication application) {
        ExecutorService workers = WorkerPool.create(config.server().name(), config.workerThreads(),
                config.workerQueue());
        this.server = new ServerContext(config, application, workers);
    }

    @Override
    public void initialize(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        RequestTimeouts timeouts = new RequestTimeouts(server.config);
        pipeline.addLast(TIMEOUTS, timeouts);
        HttpPipeline.installCodec(pipeline, server.config);
        if (pipeline.get(SslHandler.class) != null) {
            pipeline.addLast(CHUNKED_WRITER, new ChunkedWriteHandler());
        }
        // The exchange handler puts the compressor in front of itself when a request first accepts an encoding.
        CompressionPolicy compression = server.config.compression()
                ? new CompressionPolicy(server.config.compressionMinSize()) : null;
        pipeline.addLast(EXCHANGES, new HttpServerHandler(server, timeouts, compression));
    }

    /** Stops the worker pool once the server has stopped. */
    void shutdown() {
        server.workers.shutdown();
        try {
            server.workers.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.workers.shutdownNow();
    }

    @Override
    public String toString() {
        return "HTTP/1.1 server for " + server.application;
    }
}

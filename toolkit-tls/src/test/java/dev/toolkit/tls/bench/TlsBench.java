package dev.toolkit.tls.bench;

import dev.toolkit.tls.CertificateAuthority;
import dev.toolkit.tls.CertificateSpec;
import dev.toolkit.tls.KeyAndCertificates;
import dev.toolkit.tls.TlsClientConfig;
import dev.toolkit.tls.TlsProvider;
import dev.toolkit.tls.TlsServerConfig;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A load measurement of both providers on loopback: full handshakes per second (one connection after another,
 * never resumed, ECDSA P-256 certificate, TLS 1.3) and bulk transfer in MB/s (64 MiB over one connection in
 * 64 KiB writes). Not a test: run it by hand; it writes {@code bench-results/tls.md}.
 *
 * <pre>
 * mvn -B -o -q -pl toolkit-tls -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp toolkit-tls/target/test-classes:toolkit-tls/target/classes:$(cat toolkit-tls/target/cp.txt) \
 *     dev.toolkit.tls.bench.TlsBench [seconds-per-handshake-run=5] [bulk-MiB=64]
 * </pre>
 * The figures are from one machine, shared with whatever else runs there: compare providers within one run.
 */
public final class TlsBench {

    private TlsBench() {
    }

    /** Runs the measurement; arguments: seconds per handshake run, MiB per bulk run. */
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int mib = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        CertificateAuthority ca = CertificateAuthority.create("Bench CA");
        KeyAndCertificates cert = ca.issue(CertificateSpec.server("localhost").dns("localhost"));
        List<String> rows = new ArrayList<>();
        for (TlsProvider p : TlsProvider.values()) {
            if (!p.isAvailable()) {
                rows.add("| " + p + " | not available | |");
                continue;
            }
            TlsServerConfig server = TlsServerConfig.builder().provider(p).certificate(cert).build();
            TlsClientConfig client = TlsClientConfig.builder().provider(p).trust(List.of(ca.certificate())).build();
            EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
            try {
                int port = serve(group, server);
                handshakes(group, client, port, 1); // warm-up
                double perSecond = handshakes(group, client, port, seconds);
                bulk(group, client, port, Math.max(1, mib / 4)); // warm-up
                double mbPerSecond = bulk(group, client, port, mib);
                rows.add(String.format("| %s | %.0f | %.0f |", p, perSecond, mbPerSecond));
                System.out.println(rows.get(rows.size() - 1));
            } finally {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            }
        }
        write(rows, seconds, mib);
    }

    private static int serve(EventLoopGroup group, TlsServerConfig tls) throws InterruptedException {
        Channel ch = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        tls.install(c);
                        c.pipeline().addLast(new Sink());
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        return ((InetSocketAddress) ch.localAddress()).getPort();
    }

    /** Counts bytes; answers "expected length reached" with one byte, the length being the first 8 bytes. */
    private static final class Sink extends ChannelInboundHandlerAdapter {
        private long expected = -1;
        private long received;
        private final ByteBuf header = Unpooled.buffer(8);

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf b = (ByteBuf) msg;
            try {
                if (expected < 0) {
                    int n = Math.min(8 - header.readableBytes(), b.readableBytes());
                    b.readBytes(header, n);
                    if (header.readableBytes() == 8) {
                        expected = header.readLong();
                    }
                }
                received += b.readableBytes();
                if (expected >= 0 && received >= expected) {
                    ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {1}));
                    expected = Long.MAX_VALUE;
                }
            } finally {
                b.release();
            }
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            header.release();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private static Channel connect(EventLoopGroup group, TlsClientConfig tls, int port, int cacheKey,
                                   CompletableFuture<Void> done) throws Exception {
        Channel ch = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        // a different session-cache key per connection: every handshake is a full one
                        tls.install(c, "localhost", cacheKey);
                        c.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                ((ByteBuf) msg).release();
                                done.complete(null);
                            }
                        });
                    }
                }).connect("127.0.0.1", port).sync().channel();
        return ch;
    }

    private static double handshakes(EventLoopGroup group, TlsClientConfig tls, int port, int seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long start = System.nanoTime();
        int count = 0;
        while (System.nanoTime() < end) {
            Channel ch = connect(group, tls, port, 100_000 + count, new CompletableFuture<>());
            dev.toolkit.tls.TlsSession.of(ch).handshake().get(30, TimeUnit.SECONDS);
            ch.close().sync();
            count++;
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private static double bulk(EventLoopGroup group, TlsClientConfig tls, int port, int mib) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Channel ch = connect(group, tls, port, 1, done);
        dev.toolkit.tls.TlsSession.of(ch).handshake().get(30, TimeUnit.SECONDS);
        long total = (long) mib << 20;
        byte[] chunk = new byte[64 * 1024];
        long start = System.nanoTime();
        ch.write(Unpooled.copyLong(total));
        // 1 MiB per batch, each waited for: bounded memory, and the event loop is not flooded with tasks
        for (long sent = 0; sent < total; ) {
            io.netty.channel.ChannelFuture last = null;
            for (int i = 0; i < 16 && sent < total; i++, sent += chunk.length) {
                last = ch.write(Unpooled.wrappedBuffer(chunk));
            }
            ch.flush();
            last.sync();
        }
        done.get(120, TimeUnit.SECONDS);
        double mbPerSecond = total / 1e6 / ((System.nanoTime() - start) / 1e9);
        ch.close().sync();
        return mbPerSecond;
    }

    private static void write(List<String> rows, int seconds, int mib) throws IOException {
        Path dir = Path.of("bench-results");
        Files.createDirectories(dir);
        StringBuilder md = new StringBuilder();
        md.append("# TLS: handshakes and bulk transfer per provider\n\n");
        md.append("Measured ").append(Instant.now()).append(" on loopback (").append(Runtime.getRuntime()
                .availableProcessors()).append(" CPUs, Java ").append(System.getProperty("java.version"))
                .append("), client and server in one JVM sharing a 2-thread event loop group.\n");
        md.append("Full TLS 1.3 handshakes (ECDSA P-256, no resumption) for ").append(seconds)
                .append(" s, one after another; bulk: ").append(mib)
                .append(" MiB over one connection in 64 KiB writes.\n\n");
        md.append("| provider | handshakes/s | bulk MB/s |\n|---|---|---|\n");
        rows.forEach(r -> md.append(r).append('\n'));
        md.append("\nCommand: see the Javadoc of `dev.toolkit.tls.bench.TlsBench`.\n");
        Files.writeString(dir.resolve("tls.md"), md.toString());
        System.out.print(md);
    }
}

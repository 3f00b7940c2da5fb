package dev.toolkit.tcp.lb;

import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.pipeline.ClientAddress;
import dev.toolkit.core.pipeline.ProtocolDefinition;
import dev.toolkit.core.pipeline.ProxyProtocol;
import dev.toolkit.core.server.RunningServer;
import dev.toolkit.core.server.ServerConfig;
import dev.toolkit.core.server.Servers;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static dev.toolkit.tcp.lb.Backends.askOnce;
import static dev.toolkit.tcp.lb.Backends.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The load balancer on loopback in front of toolkit servers. */
class LoadBalancerTest {

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private RunningServer<ConnectionMetrics> backend(String name, int port) {
        RunningServer<ConnectionMetrics> server = Backends.named(name, port);
        toClose.add(server);
        return server;
    }

    private LoadBalancer balancer(LoadBalancerConfig.Builder builder) {
        LoadBalancer lb = LoadBalancer.bind(builder.build());
        toClose.add(lb);
        return lb;
    }

    private static LoadBalancerConfig.Builder config(RunningServer... backends) {
        LoadBalancerConfig.Builder b = LoadBalancerConfig.builder()
                .healthCheckInterval(Duration.ofMillis(100)).healthCheckTimeout(Duration.ofSeconds(2))
                .unhealthyThreshold(2).healthyThreshold(2);
        for (RunningServer<ConnectionMetrics> s : backends) {
            b.backend(s.localAddress());
        }
        return b;
    }

    private static BackendStatus status(LoadBalancer lb, int index) {
        return lb.backends().get(index);
    }

    @Test
    void configurationIsValidatedAndPrintable() {
        assertThrows(IllegalArgumentException.class, () -> LoadBalancerConfig.builder().build());
        assertThrows(IllegalArgumentException.class,
                () -> LoadBalancerConfig.builder().backend(InetSocketAddress.createUnresolved("localhost", 1)).build());
        LoadBalancerConfig config = LoadBalancerConfig.builder().backend(new InetSocketAddress("127.0.0.1", 1061))
                .strategy(BalanceStrategy.LEAST_CONNECTIONS).build();
        assertEquals(config.toString(), config.toBuilder().build().toString());
        assertTrue(config.toString().contains("LEAST_CONNECTIONS"), config.toString());
    }

    @Test
    void roundRobinTakesEachBackendInTurn() throws Exception {
        LoadBalancer lb = balancer(config(backend("a", 0), backend("b", 0), backend("c", 0)));
        Map<String, Integer> answers = new HashMap<>();
        for (int i = 0; i < 9; i++) {
            answers.merge(askOnce(lb.localAddress()), 1, Integer::sum);
        }
        assertEquals(Map.of("a", 3, "b", 3, "c", 3), answers);
        await(() -> lb.metrics().connectionsOpen() == 0, () -> "open: " + lb.metrics());
        assertEquals(9, lb.metrics().connectionsTotal());
        lb.backends().forEach(s -> assertEquals(3, s.totalConnections(), s.toString()));
    }

    @Test
    void leastConnectionsSendsNewClientsToTheLeastBusyBackend() throws Exception {
        LoadBalancer lb = balancer(config(backend("a", 0), backend("b", 0))
                .strategy(BalanceStrategy.LEAST_CONNECTIONS));
        List<Backends.Client> held = new ArrayList<>();
        Map<String, List<Backends.Client>> byBackend = new HashMap<>();
        try {
            for (int i = 0; i < 4; i++) {
                Backends.Client c = new Backends.Client(lb.localAddress());
                held.add(c);
                byBackend.computeIfAbsent(c.ask(), k -> new ArrayList<>()).add(c);
            }
            assertEquals(2, byBackend.get("a").size(), "two each: " + lb.backends());
            assertEquals(2, byBackend.get("b").size(), "two each: " + lb.backends());
            for (Backends.Client c : byBackend.get("a")) {
                c.close();
            }
            await(() -> status(lb, 0).openConnections() == 0, () -> lb.backends().toString());
            // a has 0 open and b has 2: the next two go to a whatever the rotation says.
            for (int i = 0; i < 2; i++) {
                Backends.Client c = new Backends.Client(lb.localAddress());
                held.add(c);
                assertEquals("a", c.ask(), lb.backends().toString());
            }
        } finally {
            for (Backends.Client c : held) {
                c.close();
            }
        }
    }

    @Test
    void aDeadBackendIsSkippedAndReturnsWhenItRecovers() throws Exception {
        RunningServer<ConnectionMetrics> a = backend("a", 0);
        RunningServer<ConnectionMetrics> b = backend("b", 0);
        int bPort = b.localAddress().getPort();
        LoadBalancer lb = balancer(config(a, b));
        b.close();
        await(() -> !status(lb, 1).healthy(), () -> lb.backends().toString());
        long failedBefore = status(lb, 1).failedConnects();
        for (int i = 0; i < 6; i++) {
            assertEquals("a", askOnce(lb.localAddress()));
        }
        assertEquals(failedBefore, status(lb, 1).failedConnects(), "no client was sent to the dead backend");

        backend("b", bPort);
        await(() -> status(lb, 1).healthy(), () -> lb.backends().toString());
        Map<String, Integer> answers = new HashMap<>();
        for (int i = 0; i < 6; i++) {
            answers.merge(askOnce(lb.localAddress()), 1, Integer::sum);
        }
        assertEquals(Map.of("a", 3, "b", 3), answers);
    }

    @Test
    void survivesABackendKilledAndRestartedWithoutLosingAConnectionAcceptedAfterTheKill() throws Exception {
        RunningServer<ConnectionMetrics> a = backend("a", 0);
        AtomicReference<RunningServer<ConnectionMetrics>> b = new AtomicReference<>(backend("b", 0));
        int bPort = b.get().localAddress().getPort();
        // Slow health checks: the balancer learns of the kill from failed connects first, and must fail over.
        LoadBalancer lb = balancer(config(a, b.get()).healthCheckInterval(Duration.ofMillis(500))
                .unhealthyThreshold(3));
        AtomicLong killedAt = new AtomicLong(Long.MAX_VALUE);
        AtomicBoolean stop = new AtomicBoolean();
        Queue<String> lostAfterKill = new ConcurrentLinkedQueue<>();
        Map<String, AtomicInteger> afterRestart = Map.of("a", new AtomicInteger(), "b", new AtomicInteger());
        AtomicBoolean restarted = new AtomicBoolean();
        AtomicInteger afterKill = new AtomicInteger();
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                while (!stop.get()) {
                    long started = System.nanoTime();
                    boolean wasRestarted = restarted.get();
                    try {
                        String who = askOnce(lb.localAddress());
                        if (started > killedAt.get()) {
                            afterKill.incrementAndGet();
                        }
                        if (wasRestarted) {
                            afterRestart.get(who).incrementAndGet();
                        }
                    } catch (IOException e) {
                        if (started > killedAt.get()) {
                            lostAfterKill.add(e.toString());
                        }
                    }
                }
            }, "lb-client-" + t);
            clients.add(thread);
            thread.start();
        }
        try {
            await(() -> lb.metrics().connectionsTotal() >= 40, lb.metrics()::toString);
            b.get().close();
            killedAt.set(System.nanoTime());
            await(() -> afterKill.get() >= 40, () -> afterKill + " connections after the kill");
            b.set(backend("b", bPort));
            restarted.set(true);
            await(() -> afterRestart.get("b").get() >= 5, () -> "after the restart: " + afterRestart);
        } finally {
            stop.set(true);
            for (Thread thread : clients) {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            }
        }
        assertEquals(List.of(), List.copyOf(lostAfterKill), "connections accepted after the kill that were lost");
        assertTrue(afterRestart.get("a").get() > 0);
    }

    /** On end of input: answers "got N" (N bytes read), then shuts its output down. */
    private static final class CountThenHalfClose extends ChannelInboundHandlerAdapter {
        private long count;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            count += ((ByteBuf) msg).readableBytes();
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent) {
                ctx.writeAndFlush(Unpooled.copiedBuffer("got " + count + "\n", StandardCharsets.US_ASCII))
                        .addListener(f -> ((DuplexChannel) ctx.channel()).shutdownOutput()
                                .addListener(ChannelFutureListener.CLOSE));
            }
            ctx.fireUserEventTriggered(evt);
        }
    }

    /** Greets, shuts its output down at once, then records what the client still sends until its end. */
    private static final class GreetThenListen extends ChannelInboundHandlerAdapter {
        private final StringBuilder received = new StringBuilder();
        private final CompletableFuture<String> result;

        GreetThenListen(CompletableFuture<String> result) {
            this.result = result;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(Unpooled.copiedBuffer("hello\n", StandardCharsets.US_ASCII))
                    .addListener(f -> ((DuplexChannel) ctx.channel()).shutdownOutput());
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            received.append(((ByteBuf) msg).toString(StandardCharsets.US_ASCII));
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent) {
                result.complete(received.toString());
                ctx.close();
            }
            ctx.fireUserEventTriggered(evt);
        }
    }

    private RunningServer<ConnectionMetrics> halfClosingBackend(java.util.function.Supplier<ChannelInboundHandlerAdapter> handler) {
        RunningServer<ConnectionMetrics> server = Servers.start(ServerConfig.builder().allowHalfClosure(true).name("half").build(),
                (Channel channel) -> channel.pipeline().addLast(handler.get()));
        toClose.add(server);
        return server;
    }

    private static Socket connect(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        socket.setSoTimeout(Backends.TIMEOUT_MILLIS);
        socket.connect(address, Backends.TIMEOUT_MILLIS);
        return socket;
    }

    private static String readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void theClientsHalfCloseReachesTheBackendWhichStillAnswers() throws Exception {
        LoadBalancer lb = balancer(config(halfClosingBackend(CountThenHalfClose::new)));
        try (Socket socket = connect(lb.localAddress())) {
            socket.getOutputStream().write("twelve bytes".getBytes(StandardCharsets.US_ASCII));
            socket.shutdownOutput();
            assertEquals("got 12\n", readToEnd(socket.getInputStream()));
        }
    }

    @Test
    void theBackendsHalfCloseReachesTheClientWhichStillSends() throws Exception {
        CompletableFuture<String> received = new CompletableFuture<>();
        LoadBalancer lb = balancer(config(halfClosingBackend(() -> new GreetThenListen(received))));
        try (Socket socket = connect(lb.localAddress())) {
            assertEquals("hello\n", readToEnd(socket.getInputStream()), "the backend's end reached the client");
            socket.getOutputStream().write("still here".getBytes(StandardCharsets.US_ASCII));
            socket.shutdownOutput();
            assertEquals("still here", received.get(30, TimeUnit.SECONDS));
        }
    }

    @ParameterizedTest
    @EnumSource(value = ProxyHeader.class, names = {"V1", "V2"})
    void aProxyHeaderTellsAToolkitBackendTheClientsAddress(ProxyHeader header) throws Exception {
        ProtocolDefinition namesTheClient = channel -> channel.pipeline().addLast(new LineBasedFrameDecoder(256),
                new StringDecoder(StandardCharsets.US_ASCII), new StringEncoder(StandardCharsets.US_ASCII),
                new SimpleChannelInboundHandler<String>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, String line) {
                        InetSocketAddress client = (InetSocketAddress) ClientAddress.of(ctx.channel());
                        ctx.writeAndFlush(client.getAddress().getHostAddress() + ":" + client.getPort() + "\n");
                    }
                });
        RunningServer<ConnectionMetrics> server = Servers.start(ServerConfig.builder().proxyProtocol(ProxyProtocol.REQUIRED)
                .name("proxied").build(), namesTheClient);
        toClose.add(server);
        LoadBalancer lb = balancer(config(server).proxyHeader(header));
        for (int i = 0; i < 3; i++) {
            try (Backends.Client client = new Backends.Client(lb.localAddress())) {
                assertEquals("127.0.0.1:" + client.socket.getLocalPort(), client.ask());
            }
        }
    }

    /** Once asked, streams {@code total} bytes as fast as the connection takes them, counting what was written. */
    private static final class Firehose extends ChannelInboundHandlerAdapter {
        private final long total;
        private final AtomicLong written;
        private long queued;

        Firehose(long total, AtomicLong written) {
            this.total = total;
            this.written = written;
        }

        private boolean started;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            // Streams only to a client that asks (a health check just connects and leaves).
            ReferenceCountUtil.release(msg);
            started = true;
            pump(ctx);
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (started) {
                pump(ctx);
            }
            ctx.fireChannelWritabilityChanged();
        }

        private void pump(ChannelHandlerContext ctx) {
            while (ctx.channel().isWritable() && queued < total) {
                int n = (int) Math.min(64 * 1024, total - queued);
                queued += n;
                ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[n])).addListener(f -> {
                    if (f.isSuccess()) {
                        written.addAndGet(n);
                    }
                });
            }
        }
    }

    @Test
    void aSlowReaderMakesTheBalancerStopReadingTheBackend() throws Exception {
        // Linux lets a loopback socket's receive buffer grow to tcp_rmem's maximum (32 MiB here) and its send
        // buffer to 4 MiB: the kernel may hold some 40 MiB between backend and balancer whatever the balancer
        // does. The client's own receive buffer is kept small; a balancer without back-pressure would take all.
        long total = 160L * 1024 * 1024;
        AtomicLong written = new AtomicLong();
        RunningServer<ConnectionMetrics> firehose = Servers.start(ServerConfig.builder().name("firehose").build(),
                channel -> channel.pipeline().addLast(new Firehose(total, written)));
        toClose.add(firehose);
        LoadBalancer lb = balancer(config(firehose));
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(64 * 1024);
            socket.setSoTimeout(Backends.TIMEOUT_MILLIS);
            socket.connect(lb.localAddress(), Backends.TIMEOUT_MILLIS);
            socket.getOutputStream().write('!');
            // The client reads nothing until the backend's writes have stopped making progress.
            long last = -1;
            int still = 0;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (still < 10 && System.nanoTime() < end) {
                Thread.sleep(100);
                long now = written.get();
                still = now == last ? still + 1 : 0;
                last = now;
            }
            long stalled = written.get();
            assertTrue(stalled < total / 2, "the backend could write " + stalled + " of " + total
                    + " bytes to a client that reads nothing");
            byte[] buffer = new byte[64 * 1024];
            long read = 0;
            InputStream in = socket.getInputStream();
            while (read < total) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                read += n;
            }
            assertEquals(total, read, "every byte arrives once the client reads");
        }
    }
}

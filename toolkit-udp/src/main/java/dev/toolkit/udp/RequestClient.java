package dev.toolkit.udp;

import dev.toolkit.core.error.Blocking;
import dev.toolkit.core.error.ConnectFailedException;
import dev.toolkit.core.error.ErrorKind;
import dev.toolkit.core.error.Durations;
import dev.toolkit.core.error.Exceptions;
import dev.toolkit.core.error.OperationTimeoutException;
import dev.toolkit.core.error.Retry;
import dev.toolkit.core.error.ToolkitException;
import dev.toolkit.core.transport.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Request/response over UDP: sends a request, waits for its reply, and on a time-out sends it again with the
 * same request ID after waiting longer each time ({@link dev.toolkit.core.error.Backoff}; by default the
 * book's 0.1, 0.2, 0.4, 0.8 and 1.6 s, then failure).
 *
 * <pre>{@code
 * try (RequestClient client = RequestClient.open(
 *         UdpClientConfig.builder().remote("127.0.0.1", 1060).connected(true).build(), RequestConfig.defaults())) {
 *     byte[] reply = client.request("ping".getBytes(US_ASCII));
 * }
 * }</pre>
 *
 * <p>Replies are matched to requests by ID (see {@link RequestProtocol}), so many requests may be
 * outstanding at once and replies may arrive in any order. A reply whose ID matches no outstanding request
 * is dropped and counted (as a duplicate if it answers a request already answered, else as stray), as is a
 * reply from an address other than the one asked (unless {@link UdpClientConfig#acceptFromAnyAddress()}).
 * On a connected socket an ICMP "port unreachable" fails the outstanding requests at once with
 * {@link ConnectFailedException} (reason {@code REFUSED}).
 *
 * <p>Futures complete on the client's event loop: stages that block must use an {@code ...Async} variant.
 */
public final class RequestClient implements AutoCloseable {

    private final UdpClientConfig clientConfig;
    private final RequestConfig config;
    private final InetSocketAddress remote;
    private final Retry retry;
    private final int attempts;
    private final Matcher matcher;
    private final Endpoint endpoint;

    private RequestClient(UdpClientConfig clientConfig, RequestConfig config) {
        if (clientConfig.remoteHost() == null) {
            throw new IllegalArgumentException("a request client needs a remote address");
        }
        this.clientConfig = clientConfig;
        this.config = config;
        this.remote = Endpoint.resolve(clientConfig.remoteHost(), clientConfig.remotePort());
        this.retry = Retry.on(config.backoff());
        this.attempts = config.backoff().delays().size();
        this.matcher = new Matcher(!clientConfig.connected() && !clientConfig.acceptFromAnyAddress());
        this.endpoint = Endpoint.open(clientConfig.name(), clientConfig.socket(),
                UdpClient.localAddress(clientConfig, remote), clientConfig.connected() ? remote : null, null, null,
                ch -> {
                    if (config.requestIds()) {
                        ch.pipeline().addLast("toolkit-request-codec", new RequestFrameCodec(false));
                    }
                    ch.pipeline().addLast("toolkit-request-matcher", matcher);
                });
    }

    /**
     * Opens a request client talking to {@code clientConfig}'s remote address.
     *
     * @throws ToolkitException if the socket cannot be bound or connected
     */
    public static RequestClient open(UdpClientConfig clientConfig, RequestConfig config) {
        return new RequestClient(Objects.requireNonNull(clientConfig, "clientConfig"),
                Objects.requireNonNull(config, "config"));
    }

    /**
     * Sends a request and waits for its reply, retrying on the back-off schedule. Never blocks.
     *
     * @return the reply's payload; fails with {@link OperationTimeoutException} once the schedule ran out,
     *     {@link ConnectFailedException} when the connected remote refused, {@link DatagramTooLargeException},
     *     or a {@link ToolkitException} of kind {@code PROTOCOL} when the server sent an error reply
     */
    public CompletableFuture<byte[]> requestAsync(byte[] payload) {
        Objects.requireNonNull(payload, "payload");
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        byte[] copy = payload.clone();
        EventLoop loop = endpoint.channel().eventLoop();
        if (loop.inEventLoop()) {
            // called from a stage of an earlier request: start at once, no hop through the task queue
            matcher.start(copy, result);
            return result;
        }
        try {
            loop.execute(() -> matcher.start(copy, result));
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(Exceptions.map(new ClosedChannelException(), remote));
        }
        return result;
    }

    /**
     * Sends a request and waits for its reply, retrying as {@link #requestAsync} does.
     *
     * @return the reply's payload
     * @throws OperationTimeoutException once the schedule ran out
     * @throws ToolkitException another failure, as for {@link #requestAsync}
     * @throws dev.toolkit.core.error.InterruptedOperationException if the waiting thread is interrupted (the
     *     request goes on in the background)
     * @throws IllegalStateException on an event loop thread
     */
    public byte[] request(byte[] payload) {
        return Blocking.call("request to " + remote, remote, () -> requestAsync(payload));
    }

    /** The address the socket is bound to. */
    public InetSocketAddress localAddress() {
        return endpoint.localAddress();
    }

    /** The address requests go to. */
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    /** The path MTU of the connected socket's route, where the transport can read it (see {@link UdpClient#pathMtu()}). */
    public OptionalInt pathMtu() {
        int mtu = endpoint.pathMtu();
        return mtu > 0 ? OptionalInt.of(mtu) : OptionalInt.empty();
    }

    /** The transport serving the socket (never {@link Transport#AUTO}). */
    public Transport transport() {
        return endpoint.transport();
    }

    /** The socket settings. */
    public UdpClientConfig clientConfig() {
        return clientConfig;
    }

    /** The request settings. */
    public RequestConfig config() {
        return config;
    }

    /** The client's counters. */
    public DatagramMetrics metrics() {
        return endpoint.metrics();
    }

    /** Closes the socket; outstanding requests fail. Blocks until done. */
    @Override
    public void close() {
        endpoint.close();
    }

    @Override
    public String toString() {
        return "RequestClient{" + clientConfig.name() + " " + localAddress() + " -> " + remote + " on "
                + transport() + "}";
    }

    /** One request waiting for its reply: the attempt in progress and its timer. */
    private static final class Pending {
        final int id;
        final byte[] payload;
        CompletableFuture<byte[]> attempt;
        ScheduledFuture<?> timer;
        /** The waits of the attempts made so far, added up. */
        Duration waited = Duration.ZERO;

        Pending(int id, byte[] payload) {
            this.id = id;
            this.payload = payload;
        }

        void stopTimer() {
            if (timer != null) {
                timer.cancel(false);
            }
        }
    }

    /**
     * Sends attempts, matches replies to outstanding requests and drops the rest. Lives on the event loop
     * (every method runs there), so its maps need no locking.
     */
    private final class Matcher extends ChannelInboundHandlerAdapter {
        private final boolean checkSender;
        private final Map<Integer, Pending> pending = new HashMap<>();
        private final Map<Integer, Boolean> answered = new LinkedHashMap<>(64, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, Boolean> eldest) {
                return size() > RequestConfig.REMEMBERED_IDS;
            }
        };
        private int nextId = ThreadLocalRandom.current().nextInt();
        private Channel channel;

        Matcher(boolean checkSender) {
            this.checkSender = checkSender;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            channel = ctx.channel();
        }

        void start(byte[] payload, CompletableFuture<byte[]> result) {
            if (!channel.isActive()) {
                result.completeExceptionally(Exceptions.map(new ClosedChannelException(), remote));
                return;
            }
            int limit = config.requestIds() ? config.maxOutstanding() : 1;
            if (pending.size() >= limit) {
                result.completeExceptionally(new IllegalStateException(config.requestIds()
                        ? limit + " requests are already waiting for replies"
                        : "without request IDs only one request may wait for its reply at a time"));
                return;
            }
            int id = 0;
            if (config.requestIds()) {
                do {
                    id = nextId++;
                } while (pending.containsKey(id));
            }
            Pending p = new Pending(id, payload);
            pending.put(id, p);
            retry.callAsync((attempt, wait) -> attempt(p, attempt, wait)).whenComplete((reply, error) -> {
                p.stopTimer();
                pending.remove(p.id);
                if (config.requestIds()) {
                    answered.put(p.id, Boolean.TRUE);
                }
                if (error == null) {
                    result.complete(reply);
                } else {
                    result.completeExceptionally(Exceptions.map(error, remote));
                }
            });
        }

        private CompletableFuture<byte[]> attempt(Pending p, int attempt, Duration wait) {
            CompletableFuture<byte[]> done = new CompletableFuture<>();
            p.attempt = done;
            if (attempt > 1) {
                endpoint.metrics().countRetransmission();
            }
            ByteBuf payload = Unpooled.wrappedBuffer(p.payload);
            Object message = config.requestIds() ? new RequestFrame(RequestFrame.REQUEST, p.id, payload, remote)
                    : new DatagramPacket(payload, remote);
            channel.writeAndFlush(message).addListener(f -> {
                if (!f.isSuccess()) {
                    p.stopTimer();
                    done.completeExceptionally(Exceptions.map(f.cause(), remote));
                }
            });
            p.waited = p.waited.plus(wait);
            config.listener().sent(Integer.toUnsignedLong(p.id), attempt, wait);
            p.timer = channel.eventLoop().schedule(() -> {
                if (done.isDone()) {
                    return;
                }
                endpoint.metrics().countTimeout();
                config.listener().timedOut(Integer.toUnsignedLong(p.id), attempt, wait);
                done.completeExceptionally(new OperationTimeoutException(OperationTimeoutException.Phase.READ, wait,
                        "no reply from " + remote + (config.requestIds() ? " to request "
                        + RequestFrame.idText(p.id) : "") + " (attempt " + attempt + " of " + attempts + ", "
                        + Durations.format(p.waited) + " in all)", null));
            }, wait.toNanos(), TimeUnit.NANOSECONDS);
            return done;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof RequestFrame) {
                    RequestFrame frame = (RequestFrame) msg;
                    if (acceptedFrom(frame.peer())) {
                        answer(frame.id(), frame.peer(), frame.kind(), frame.content());
                    }
                } else if (msg instanceof DatagramPacket && !config.requestIds()) {
                    DatagramPacket packet = (DatagramPacket) msg;
                    if (acceptedFrom(packet.sender())) {
                        answer(0, packet.sender(), RequestFrame.REPLY, packet.content());
                    }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private boolean acceptedFrom(InetSocketAddress sender) {
            if (checkSender && !remote.equals(sender)) {
                endpoint.metrics().countForeign();
                config.listener().dropped(sender, "foreign");
                return false;
            }
            return true;
        }

        private void answer(int id, InetSocketAddress sender, byte kind, ByteBuf content) {
            Pending p = pending.get(id);
            if (p == null || p.attempt == null || p.attempt.isDone()) {
                boolean duplicate = config.requestIds() && answered.containsKey(id);
                if (duplicate) {
                    endpoint.metrics().countDuplicateReply();
                } else {
                    endpoint.metrics().countStrayReply();
                }
                config.listener().dropped(sender, duplicate ? "duplicate" : "stray");
                return;
            }
            p.stopTimer();
            if (kind == RequestFrame.ERROR) {
                p.attempt.completeExceptionally(new ToolkitException(ErrorKind.PROTOCOL, "server " + sender
                        + " refused request " + RequestFrame.idText(id) + ": "
                        + content.toString(StandardCharsets.UTF_8), null));
            } else {
                p.attempt.complete(ByteBufUtil.getBytes(content));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ToolkitException mapped = endpoint.errors().report(remote, cause);
            if (mapped instanceof ConnectFailedException) {
                failAll(mapped);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            failAll(Exceptions.map(new ClosedChannelException(), remote));
            ctx.fireChannelInactive();
        }

        private void failAll(ToolkitException failure) {
            for (Pending p : new ArrayList<>(pending.values())) {
                p.stopTimer();
                if (p.attempt != null) {
                    p.attempt.completeExceptionally(failure);
                }
            }
        }
    }
}

package dev.toolkit.tcp.lb;

import dev.toolkit.core.observe.Logging;
import dev.toolkit.core.error.Exceptions;
import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.observe.MetricsRecorder;
import dev.toolkit.core.pipeline.ConnectionPipeline;
import dev.toolkit.core.pipeline.ProtocolDefinition;
import dev.toolkit.tcp.proxy.RelayHandler;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageEncoder;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Serves one accepted client until its relay starts: connects to the first candidate backend, and on
 * failure to the next one, so that a dead backend does not cost the client its connection; then links the
 * two channels with {@link RelayHandler}s and removes itself. The client's channel does not read (auto-read
 * is off) until then, so nothing it sends is buffered here. One instance per connection.
 */
final class FrontendHandler extends ChannelInboundHandlerAdapter {

    static final String NAME = "toolkit-lb-frontend";

    private static final Logger LOG = Logging.logger(LoadBalancer.class);

    private final LoadBalancerConfig config;
    private final BackendPool pool;
    private final Bootstrap backendBootstrap;
    private final MetricsRecorder metrics;
    private final Map<Backend, ConnectionPipeline> backendPipelines;
    private final List<Object> early = new ArrayList<>();
    private boolean inputEnded;

    FrontendHandler(LoadBalancerConfig config, BackendPool pool, Bootstrap backendBootstrap,
                    MetricsRecorder metrics, Map<Backend, ConnectionPipeline> backendPipelines) {
        this.config = config;
        this.pool = pool;
        this.backendBootstrap = backendBootstrap;
        this.metrics = metrics;
        this.backendPipelines = backendPipelines;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        tryConnect(ctx, pool.candidates(), 0);
        ctx.fireChannelActive();
    }

    private void tryConnect(ChannelHandlerContext ctx, List<Backend> candidates, int index) {
        Channel client = ctx.channel();
        if (!client.isActive()) {
            return;
        }
        if (index >= candidates.size()) {
            LOG.warn("{}: no backend accepted the connection from {}; closing it", config.name(),
                    client.remoteAddress());
            metrics.connectionRejected();
            client.close();
            return;
        }
        Backend backend = candidates.get(index);
        // Same event loop as the client: the relay then never crosses threads.
        ProtocolDefinition headerWriter = ch -> {
            if (config.proxyHeader() != ProxyHeader.NONE) {
                ch.pipeline().addLast(HAProxyMessageEncoder.INSTANCE);
            }
        };
        ChannelFuture connect = backendBootstrap.clone(client.eventLoop())
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        backendPipelines.get(backend).installClient(ch, headerWriter, null,
                                backend.address().getHostString(), backend.address().getPort());
                    }
                })
                .connect(backend.address());
        // The relay is linked at the backend connection's ready moment, when its pipeline is complete.
        connect.addListener(f -> {
            if (f.isSuccess()) {
                ConnectionPipeline.ready(connect.channel()).addListener(r -> connected(ctx, candidates, index,
                        backend, connect.channel(), r.isSuccess() ? null : r.cause()));
            } else {
                connected(ctx, candidates, index, backend, connect.channel(), f.cause());
            }
        });
    }

    private void connected(ChannelHandlerContext ctx, List<Backend> candidates, int index, Backend backend,
                           Channel outbound, Throwable failure) {
        Channel client = ctx.channel();
        {
            if (failure != null) {
                String why = Exceptions.map(failure, backend.address()).getMessage();
                backend.connectFailed(why);
                LOG.info("{}: backend {} failed for {}: {}; trying the next one", config.name(),
                        backend.address(), client.remoteAddress(), why);
                tryConnect(ctx, candidates, index + 1);
                return;
            }
            backend.succeeded();
            backend.connectionOpened();
            outbound.closeFuture().addListener(c -> backend.connectionClosed());
            if (!client.isActive()) {
                outbound.close();
                return;
            }
            LOG.debug("{}: relaying {} to {}", config.name(), client.remoteAddress(), backend.address());
            if (config.proxyHeader() != ProxyHeader.NONE) {
                outbound.writeAndFlush(header(config.proxyHeader(), client), outbound.voidPromise());
            }
            RelayHandler.link(client, outbound, ConnectionPipeline.ERRORS);
            // The relay sits right behind this handler: hand it what arrived while connecting, then leave.
            for (Object msg : early) {
                ctx.fireChannelRead(msg);
            }
            early.clear();
            ctx.fireChannelReadComplete();
            if (inputEnded) {
                ctx.fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
            }
            ctx.pipeline().remove(this);
        }
    }

    /**
     * The PROXY protocol header for {@code client}: its address and port, and the balancer's address it
     * connected to; an UNKNOWN header when the two are not of one family (an IPv4 client on an IPv6 socket).
     */
    static HAProxyMessage header(ProxyHeader kind, Channel client) {
        HAProxyProtocolVersion version = kind == ProxyHeader.V1 ? HAProxyProtocolVersion.V1
                : HAProxyProtocolVersion.V2;
        InetSocketAddress source = (InetSocketAddress) client.remoteAddress();
        InetSocketAddress destination = (InetSocketAddress) client.localAddress();
        InetAddress src = source.getAddress();
        InetAddress dst = destination.getAddress();
        HAProxyProxiedProtocol protocol;
        if (src instanceof Inet4Address && dst instanceof Inet4Address) {
            protocol = HAProxyProxiedProtocol.TCP4;
        } else if (src instanceof Inet6Address && dst instanceof Inet6Address) {
            protocol = HAProxyProxiedProtocol.TCP6;
        } else {
            return new HAProxyMessage(version, HAProxyCommand.PROXY, HAProxyProxiedProtocol.UNKNOWN, null, null, 0, 0);
        }
        return new HAProxyMessage(version, HAProxyCommand.PROXY, protocol, src.getHostAddress(),
                dst.getHostAddress(), source.getPort(), destination.getPort());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        // Auto-read is off until the relay starts, but a transport may still deliver bytes that came with the
        // client's end of input (epoll reads them on RDHUP): keep them for the relay.
        early.add(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // Nothing to flush before the relay exists.
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            inputEnded = true;
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        early.forEach(ReferenceCountUtil::release);
        early.clear();
    }
}

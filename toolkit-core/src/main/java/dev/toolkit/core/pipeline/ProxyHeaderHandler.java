package dev.toolkit.core.pipeline;

import dev.toolkit.core.observe.Logging;
import dev.toolkit.core.error.OperationTimeoutException;
import dev.toolkit.core.error.ProtocolViolationException;
import dev.toolkit.core.error.ToolkitException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.netty.util.NetUtil;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Holds a connection back from the rest of the pipeline until its PROXY protocol header is read: swallows
 * {@code channelActive}, takes the {@link HAProxyMessage} that the decoder in front produces, records the
 * client's address in {@link ClientAddress#PROXIED}, then lets {@code channelActive} through and removes
 * itself. So the handlers behind it (the connection limits first) see the client's address from the start.
 * A header that is malformed or does not arrive within {@link ProxyProtocol#HEADER_TIMEOUT} fails the
 * connection with a clear error; a connection closed before its header (a balancer's health check) just
 * ends. One instance per connection.
 */
final class ProxyHeaderHandler extends ChannelInboundHandlerAdapter {

    static final String NAME = ConnectionPipeline.PROXY_HEADER;

    private static final Logger LOG = Logging.logger(ProxyHeaderHandler.class);

    private final String serverName;
    private final Duration timeout;
    private ChannelHandlerContext ctx;
    private boolean active;
    private boolean done;
    private ScheduledFuture<?> timer;

    ProxyHeaderHandler(String serverName, Duration timeout) {
        this.serverName = serverName;
        this.timeout = timeout;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        active = true;
        timer = ctx.executor().schedule(this::timedOut, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void timedOut() {
        if (!done && ctx.channel().isActive()) {
            done = true;
            ctx.fireExceptionCaught(new OperationTimeoutException(OperationTimeoutException.Phase.READ, timeout,
                    "the PROXY protocol header from " + ctx.channel().remoteAddress(), null));
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HAProxyMessage)) {
            // Still here, so the connection was never let through: these are the bytes after a header that
            // failed, which the decoder hands on as it removes itself. The protocol must not see them.
            ReferenceCountUtil.release(msg);
            return;
        }
        HAProxyMessage header = (HAProxyMessage) msg;
        try {
            InetSocketAddress client = clientOf(header);
            if (client != null) {
                ctx.channel().attr(ClientAddress.PROXIED).set(client);
            }
            LOG.debug("{}: connection from {} carries a {} PROXY header for {}", serverName,
                    ctx.channel().remoteAddress(), header.protocolVersion(), client);
        } finally {
            header.release();
        }
        proceedWithoutHeader();
    }

    /**
     * The client's address in {@code header}, or {@code null} when it names none: a LOCAL command (the
     * balancer's own connection, such as a health check) or an UNKNOWN or UNIX protocol.
     */
    static InetSocketAddress clientOf(HAProxyMessage header) {
        if (header.command() != HAProxyCommand.PROXY || header.sourceAddress() == null) {
            return null;
        }
        HAProxyProxiedProtocol.AddressFamily family = header.proxiedProtocol().addressFamily();
        if (family != HAProxyProxiedProtocol.AddressFamily.AF_IPv4
                && family != HAProxyProxiedProtocol.AddressFamily.AF_IPv6) {
            return null;
        }
        // An IP literal parsed without any name lookup.
        InetAddress address = NetUtil.createInetAddressFromIpAddressString(header.sourceAddress());
        if (address == null) {
            throw new ProtocolViolationException("a PROXY protocol header with a malformed source address",
                    header.sourceAddress(), null);
        }
        return new InetSocketAddress(address, header.sourcePort());
    }

    /** Lets the connection through to the handlers behind this one, which see it become active now. */
    void proceedWithoutHeader() {
        if (done) {
            return;
        }
        done = true;
        if (timer != null) {
            timer.cancel(false);
        }
        ctx.pipeline().remove(this);
        if (active) {
            ctx.fireChannelActive();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        done = true;
        if (timer != null) {
            timer.cancel(false);
        }
        if (cause instanceof ToolkitException) {
            ctx.fireExceptionCaught(cause);
        } else {
            ctx.fireExceptionCaught(new ProtocolViolationException("an invalid PROXY protocol header: "
                    + cause.getMessage(), null, cause));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        // Still here, so the handlers behind never saw this connection open: they must not see it close.
        if (timer != null) {
            timer.cancel(false);
        }
        if (!done) {
            LOG.debug("{}: connection from {} closed before its PROXY protocol header", serverName,
                    ctx.channel().remoteAddress());
        }
    }
}

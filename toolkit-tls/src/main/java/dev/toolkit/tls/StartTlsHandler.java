package dev.toolkit.tls;

import dev.toolkit.core.observe.Logging;
import dev.toolkit.core.error.Excerpts;
import dev.toolkit.core.pipeline.ClientSecurity;
import dev.toolkit.core.pipeline.ConnectionPipeline;
import dev.toolkit.core.pipeline.ServerSecurity;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * STARTTLS for line protocols (SMTP, IMAP, POP3, ...): a plaintext conversation that switches to TLS at the
 * protocol's boundary, with no plaintext byte carried across.
 *
 * <p>Put this handler where the protocol's framing decoder goes; it installs the decoder from
 * {@code framing} right after itself. When the protocol reaches the switch (a server has written its
 * {@code 220 Ready to start TLS}; a client has read it), it calls {@link #upgrade(ServerSecurity)} (or the client form) on the event loop.
 * The upgrade
 * <ol>
 *   <li>discards every byte received and not yet consumed: what the framing decoder still holds, and the rest
 *       of the read that carried the STARTTLS command. A client that pipelines commands behind STARTTLS
 *       (the command-injection attack of CVE-2011-0411 and its kin) would otherwise have them executed as if
 *       they had come over TLS; the count and an excerpt are returned, logged and passed down the pipeline as
 *       a {@link StartTlsUpgraded} event;</li>
 *   <li>installs TLS at the security stage of the connection pipeline
 *       ({@link ConnectionPipeline#startSecurity(Channel, ServerSecurity)}: after the PROXY header and the
 *       limits, before the counters, the wire log and the protocol), so the next byte read is the peer's first
 *       TLS record;</li>
 *   <li>installs a fresh framing decoder, so the conversation restarts with nothing buffered.</li>
 * </ol>
 * Writes made before the call (the {@code 220} reply) have already passed the point where TLS goes, so they
 * leave in plaintext, as the protocol requires. One upgrade per connection. The framing decoder must be a
 * {@code ByteToMessageDecoder} that emits one frame per {@code decode} call (Netty's line, delimiter and
 * length-field decoders and the toolkit's framers do), so nothing decoded is left waiting behind the command.
 */
public final class StartTlsHandler extends ChannelInboundHandlerAdapter {

    /** The name of the framing decoder this handler installs. */
    public static final String FRAMING = "starttls-framing";

    private static final Logger LOG = Logging.logger(StartTlsHandler.class);

    /** What an upgrade found and threw away. */
    public record StartTlsUpgraded(int discardedBytes, String excerpt) {
    }

    private final Supplier<? extends ChannelHandler> framing;
    private ChannelHandlerContext ctx;
    private boolean upgraded;

    /** @param framing makes the protocol's framing decoder, once now and once more after the upgrade */
    public StartTlsHandler(Supplier<? extends ChannelHandler> framing) {
        this.framing = Objects.requireNonNull(framing, "framing");
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
        context.pipeline().addAfter(context.name(), FRAMING, framing.get());
    }

    /** Whether {@link #upgrade} has run. */
    public boolean isUpgraded() {
        return upgraded;
    }

    /**
     * Switches a server connection to TLS now, discarding what was received and not yet consumed.
     *
     * @return what was discarded
     * @throws IllegalStateException off the event loop, on a second upgrade, or on a connection whose pipeline
     *     the toolkit did not assemble
     */
    public StartTlsUpgraded upgrade(ServerSecurity tls) {
        Objects.requireNonNull(tls, "tls");
        return upgrade(ch -> ConnectionPipeline.startSecurity(ch, tls));
    }

    /**
     * Switches a client connection to TLS now, for the server {@code host:port} (the name verified and sent as
     * SNI); see {@link #upgrade(ServerSecurity)}.
     */
    public StartTlsUpgraded upgrade(ClientSecurity tls, String host, int port) {
        Objects.requireNonNull(tls, "tls");
        return upgrade(ch -> ConnectionPipeline.startSecurity(ch, tls, host, port));
    }

    /** Switches to TLS with {@code installTls} adding the TLS handlers; see {@link #upgrade(ServerSecurity)}. */
    StartTlsUpgraded upgrade(Consumer<Channel> installTls) {
        Channel channel = ctx.channel();
        if (!channel.eventLoop().inEventLoop()) {
            throw new IllegalStateException("upgrade to TLS on the connection's event loop");
        }
        if (upgraded) {
            throw new IllegalStateException("this connection has already switched to TLS");
        }
        upgraded = true;
        Discard discard = new Discard();
        // removing a ByteToMessageDecoder hands its buffered bytes to the next handler: the discard
        ctx.pipeline().addAfter(FRAMING, "starttls-discard", discard);
        ctx.pipeline().remove(FRAMING);
        ctx.pipeline().remove(discard);
        installTls.accept(channel);
        ctx.pipeline().addAfter(ctx.name(), FRAMING, framing.get());
        StartTlsUpgraded result = new StartTlsUpgraded(discard.bytes, discard.excerpt);
        if (discard.bytes > 0) {
            LOG.warn("{}: discarded {} plaintext bytes received before the TLS upgrade: {}", channel,
                    discard.bytes, discard.excerpt);
        }
        ctx.fireUserEventTriggered(result);
        return result;
    }

    /** Counts and releases what the framing decoder still held. */
    private static final class Discard extends ChannelInboundHandlerAdapter {
        int bytes;
        String excerpt = "";

        @Override
        public void channelRead(ChannelHandlerContext context, Object msg) {
            try {
                if (msg instanceof ByteBuf b) {
                    if (bytes == 0) {
                        excerpt = Excerpts.of(b);
                    }
                    bytes += b.readableBytes();
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext context) {
            // the read is over for the discarded bytes; nothing to pass on
        }
    }
}

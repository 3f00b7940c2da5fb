package dev.toolkit.core.server;

import dev.toolkit.core.framing.Framing;
import dev.toolkit.core.pipeline.ProtocolDefinition;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A protocol factory that needs configuration, as an SMTP server's message store does: arguments are a
 * greeting and a spool directory. Each line received is stored as a file {@code PID-N.msg} in the spool and
 * answered with the greeting and the id of the process that stored it.
 */
public final class SpoolingFactory implements ProtocolFactory {

    /** Made by name in each worker process. */
    public SpoolingFactory() {
    }

    @Override
    public ProtocolDefinition create(List<String> arguments) {
        if (arguments.size() != 2) {
            throw new IllegalArgumentException("expected a greeting and a spool directory, got " + arguments);
        }
        String greeting = arguments.get(0);
        Path spool = Path.of(arguments.get(1));
        if (!Files.isDirectory(spool)) {
            throw new IllegalArgumentException("spool directory " + spool + " does not exist");
        }
        AtomicInteger stored = new AtomicInteger();
        return channel -> channel.pipeline().addLast(Framing.lines(256).newDecoder(),
                new SimpleChannelInboundHandler<ByteBuf>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
                        long pid = ProcessHandle.current().pid();
                        try {
                            Files.writeString(spool.resolve(pid + "-" + stored.incrementAndGet() + ".msg"),
                                    line.toString(StandardCharsets.UTF_8));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        ctx.writeAndFlush(Unpooled.copiedBuffer(greeting + " " + pid + "\n", StandardCharsets.UTF_8));
                    }
                });
    }
}

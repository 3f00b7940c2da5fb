package dev.toolkit.readme;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The README's example protocol handler: appends each line it receives to {@code lines.txt} in its spool. */
final class SpoolWriter extends SimpleChannelInboundHandler<ByteBuf> {

    private final Path file;

    SpoolWriter(Path spool) {
        this.file = spool.resolve("lines.txt");
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
        try {
            // a small example: a real spool would write on a thread of its own, never on the event loop
            Files.writeString(file, line.toString(StandardCharsets.UTF_8) + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

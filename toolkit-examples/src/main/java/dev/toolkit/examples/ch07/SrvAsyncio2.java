package dev.toolkit.examples.ch07;

import dev.toolkit.core.error.FrameTooLongException;
import dev.toolkit.core.error.Excerpts;
import dev.toolkit.core.server.Architecture;
import dev.toolkit.core.pipeline.ProtocolDefinition;
import dev.toolkit.core.server.ServerConfig;
import dev.toolkit.tcp.zen.Aphorisms;
import dev.toolkit.tcp.zen.ZenHandler;
import dev.toolkit.tcp.zen.ZenListener;
import dev.toolkit.tcp.zen.ZenProtocol;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import picocli.CommandLine.Command;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * Chapter 7's {@code srv_asyncio2.py}: the conversation as one coroutine, {@code handle_conversation(reader,
 * writer)}, that reads a question, writes its answer and loops. Java has no coroutines; the same shape is a
 * chain of futures on Netty's event loop: {@link StreamReader#readUntil} is {@code yield from
 * reader.readuntil(b'?')}, and the chain continues from where the question arrives, so no thread ever waits.
 */
@Command(name = "srv_asyncio2", description = "Asynchronous I/O inside an \"asyncio\" coroutine")
public final class SrvAsyncio2 extends ZenServerCommand {

    @Override
    ZenLines lines() {
        return ZenLines.ASYNCIO_COROUTINE;
    }

    @Override
    ProtocolDefinition configure(ServerConfig.Builder server) {
        ZenListener lines = lines().printer(out());
        server.architecture(Architecture.EVENT_LOOP);
        return channel -> {
            StreamReader reader = new StreamReader(ZenProtocol.MAX_QUESTION);
            channel.pipeline().addLast(reader);
            channel.eventLoop().execute(() -> handleConversation(reader, channel, lines));
        };
    }

    /** The coroutine: answer questions until the client leaves. */
    static CompletableFuture<Void> handleConversation(StreamReader reader, Channel writer, ZenListener lines) {
        InetSocketAddress address = (InetSocketAddress) writer.remoteAddress();
        lines.accepted(address);
        return conversation(reader, writer, lines, address);
    }

    private static CompletableFuture<Void> conversation(StreamReader reader, Channel writer, ZenListener lines,
                                                        InetSocketAddress address) {
        return reader.readUntil((byte) '?').handle((question, failure) -> {
            if (failure != null) {
                lines.failed(address, failure);
                if (failure instanceof FrameTooLongException) {
                    writer.writeAndFlush(Unpooled.copiedBuffer(Aphorisms.TOO_LONG, StandardCharsets.US_ASCII))
                            .addListener(ChannelFutureListener.CLOSE);
                } else {
                    writer.close();
                }
                return CompletableFuture.<Void>completedFuture(null);
            }
            if (question == null) {
                byte[] partial = reader.unfinished();
                if (partial.length > 0) {
                    lines.closedMidQuestion(address, partial);
                } else {
                    lines.closed(address);
                }
                return CompletableFuture.<Void>completedFuture(null);
            }
            byte[] asked = Arrays.copyOf(question, question.length - 1);
            writer.writeAndFlush(Unpooled.wrappedBuffer(Aphorisms.answer(asked)));
            return conversation(reader, writer, lines, address);
        }).thenComposeAsync(next -> next, writer.eventLoop()); // a new stack frame per question
    }

    /**
     * asyncio's {@code StreamReader} on a Netty pipeline: bytes arrive by callback and are kept until a
     * {@link #readUntil} can be satisfied. One instance per connection; used on its event loop only.
     */
    static final class StreamReader extends ChannelInboundHandlerAdapter {
        private final int limit;
        private ByteBuf buffer = Unpooled.EMPTY_BUFFER;
        private CompletableFuture<byte[]> waiting;
        private byte delimiter;
        private boolean ended;
        private Throwable failure;

        StreamReader(int limit) {
            this.limit = limit;
        }

        /** Completes with the bytes up to and including {@code delimiter}, or {@code null} at the end of input. */
        CompletableFuture<byte[]> readUntil(byte delimiter) {
            this.delimiter = delimiter;
            waiting = new CompletableFuture<>();
            CompletableFuture<byte[]> result = waiting;
            deliver();
            return result;
        }

        /** The bytes received after the last complete question. */
        byte[] unfinished() {
            return ByteBufUtil.getBytes(buffer);
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            buffer = ctx.alloc().buffer();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            try {
                if (failure == null) {
                    buffer.writeBytes(in);
                }
            } finally {
                in.release();
            }
            deliver();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            ended = true;
            deliver();
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (ZenHandler.clientLeftMidQuestion(cause)) {
                return; // the end of input completes the read, and the conversation reports it
            }
            ctx.fireExceptionCaught(cause);
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            buffer.release();
            buffer = Unpooled.EMPTY_BUFFER;
        }

        private void deliver() {
            if (waiting == null) {
                return;
            }
            int at = buffer.indexOf(buffer.readerIndex(), buffer.writerIndex(), delimiter);
            CompletableFuture<byte[]> w = waiting;
            if (at >= 0 && at - buffer.readerIndex() <= limit) {
                byte[] line = new byte[at - buffer.readerIndex() + 1];
                buffer.readBytes(line);
                buffer.discardReadBytes();
                waiting = null;
                w.complete(line);
            } else if (buffer.readableBytes() > limit) {
                failure = new FrameTooLongException("delimiter '?'", limit, buffer.readableBytes(),
                        Excerpts.of(buffer));
                buffer.clear();
                waiting = null;
                w.completeExceptionally(failure);
            } else if (ended) {
                waiting = null;
                w.complete(null);
            }
        }
    }
}

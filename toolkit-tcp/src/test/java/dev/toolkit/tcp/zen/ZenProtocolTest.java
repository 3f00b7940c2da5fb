package dev.toolkit.tcp.zen;

import dev.toolkit.core.error.FrameTooLongException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZenProtocolTest {

    /** Records the events as the book's servers print them. */
    static class Recorder implements ZenListener {
        final List<String> events = new ArrayList<>();
        Throwable failure;

        @Override
        public synchronized void accepted(InetSocketAddress client) {
            events.add("accepted");
        }

        @Override
        public synchronized void answered(InetSocketAddress client, byte[] question, byte[] answer) {
            events.add(ascii(question) + " -> " + ascii(answer));
        }

        @Override
        public synchronized void closed(InetSocketAddress client) {
            events.add("closed");
        }

        @Override
        public synchronized void closedMidQuestion(InetSocketAddress client, byte[] received) {
            events.add("closed mid-question: " + ascii(received));
        }

        @Override
        public synchronized void failed(InetSocketAddress client, Throwable cause) {
            failure = cause;
            events.add("failed");
        }
    }

    /** A {@link Recorder} that also records answers left unsent. */
    static final class UnsentRecorder extends Recorder {
        @Override
        public synchronized void closedBeforeSent(InetSocketAddress client, byte[] unsent) {
            events.add("closed before sent: " + ascii(unsent));
        }
    }

    /**
     * The head of the pipeline as a socket that takes bytes only when told: writes wait here, their promises
     * pending, until {@link #take} hands on some bytes as a socket taking them would.
     */
    static final class SlowSocket extends ChannelOutboundHandlerAdapter {
        private final ArrayDeque<ByteBuf> waiting = new ArrayDeque<>();
        private final ArrayDeque<ChannelPromise> promises = new ArrayDeque<>();
        final StringBuilder taken = new StringBuilder();

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            waiting.add((ByteBuf) msg);
            promises.add(promise);
        }

        /** The socket takes {@code n} bytes: whole writes complete, a write taken in part moves its reader index. */
        void take(int n) {
            while (n > 0 && !waiting.isEmpty()) {
                ByteBuf head = waiting.peek();
                int k = Math.min(n, head.readableBytes());
                taken.append(head.readCharSequence(k, StandardCharsets.ISO_8859_1));
                n -= k;
                if (!head.isReadable()) {
                    waiting.poll().release();
                    promises.poll().setSuccess();
                }
            }
        }

        /** What a closed socket does with what it had not taken: fails it and lets go of it. */
        void discard() {
            for (ByteBuf b = waiting.poll(); b != null; b = waiting.poll()) {
                b.release();
                promises.poll().tryFailure(new java.nio.channels.ClosedChannelException());
            }
        }
    }

    private static EmbeddedChannel slowChannel(Recorder recorder, SlowSocket socket) {
        EmbeddedChannel ch = new EmbeddedChannel(socket);
        new ZenProtocol(recorder).initialize(ch);
        return ch;
    }

    private static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    private static EmbeddedChannel channel(Recorder recorder, int max) {
        EmbeddedChannel ch = new EmbeddedChannel();
        new ZenProtocol(recorder, max).initialize(ch);
        return ch;
    }

    private static String readAll(EmbeddedChannel ch) {
        StringBuilder sb = new StringBuilder();
        for (ByteBuf b = ch.readOutbound(); b != null; b = ch.readOutbound()) {
            sb.append(b.toString(StandardCharsets.ISO_8859_1));
            b.release();
        }
        return sb.toString();
    }

    @Test
    void answersEachQuestionAndTheUnknown() {
        Recorder r = new Recorder();
        EmbeddedChannel ch = channel(r, ZenProtocol.MAX_QUESTION);
        ch.writeInbound(bytes("Beautiful is better than?"));
        assertEquals("Ugly.", readAll(ch));
        ch.writeInbound(bytes("Explicit is better than?"));
        assertEquals("Implicit.", readAll(ch));
        ch.writeInbound(bytes("Simple is better than?"));
        assertEquals("Complex.", readAll(ch));
        ch.writeInbound(bytes("Complex is better than?"));
        assertEquals("Error: unknown aphorism.", readAll(ch));
        assertFalse(ch.finishAndReleaseAll());
        assertEquals("closed", r.events.get(r.events.size() - 1));
        assertEquals("accepted", r.events.get(0));
    }

    @Test
    void aQuestionSplitByteByByteGetsOneAnswer() {
        Recorder r = new Recorder();
        EmbeddedChannel ch = channel(r, ZenProtocol.MAX_QUESTION);
        for (byte b : "Simple is better than?".getBytes(StandardCharsets.US_ASCII)) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertEquals("Complex.", readAll(ch));
        ch.finishAndReleaseAll();
        assertEquals(List.of("accepted", "Simple is better than -> Complex.", "closed"), r.events);
    }

    @Test
    void pipelinedQuestionsGetOneAnswerEach() {
        Recorder r = new Recorder();
        EmbeddedChannel ch = channel(r, ZenProtocol.MAX_QUESTION);
        ch.writeInbound(bytes("Beautiful is better than?Explicit is better than?Simple is"));
        List<String> answers = new ArrayList<>();
        for (ByteBuf b = ch.readOutbound(); b != null; b = ch.readOutbound()) {
            answers.add(b.toString(StandardCharsets.US_ASCII));
            b.release();
        }
        assertEquals(List.of("Ugly.", "Implicit."), answers);
        ch.writeInbound(bytes(" better than?"));
        assertEquals("Complex.", readAll(ch));
        ch.finishAndReleaseAll();
        assertEquals("closed", r.events.get(r.events.size() - 1));
    }

    @Test
    void aClientLeavingMidQuestionIsReportedWithWhatItSent() {
        Recorder r = new Recorder();
        EmbeddedChannel ch = channel(r, ZenProtocol.MAX_QUESTION);
        ch.writeInbound(bytes("Simple is better than?Beauti"));
        ch.writeInbound(bytes("ful is better than"));
        assertEquals("Complex.", readAll(ch));
        ch.close();
        assertFalse(ch.finishAndReleaseAll());
        assertEquals("closed mid-question: Beautiful is better than", r.events.get(r.events.size() - 1));
    }

    @Test
    void anOverlongQuestionGetsAClearErrorAndTheConnectionCloses() {
        Recorder r = new Recorder();
        EmbeddedChannel ch = channel(r, 1024);
        byte[] huge = new byte[1 << 20];
        java.util.Arrays.fill(huge, (byte) 'x');
        ch.writeInbound(Unpooled.wrappedBuffer(huge));
        assertEquals(Aphorisms.TOO_LONG, readAll(ch));
        assertFalse(ch.isOpen());
        assertInstanceOf(FrameTooLongException.class, r.failure);
        assertTrue(r.failure.getMessage().contains("1024"), r.failure.getMessage());
        assertEquals(List.of("accepted", "failed"), r.events);
        ch.finishAndReleaseAll();
    }

    /** Counts flushes reaching the head of the pipeline. */
    static final class FlushCounter extends io.netty.channel.ChannelOutboundHandlerAdapter {
        int flushes;

        @Override
        public void flush(io.netty.channel.ChannelHandlerContext ctx) {
            flushes++;
            ctx.flush();
        }
    }

    @Test
    void theAnswersToOneReadAreFlushedTogether() {
        FlushCounter counter = new FlushCounter();
        EmbeddedChannel ch = new EmbeddedChannel(counter);
        new ZenProtocol(new ZenListener() { }).initialize(ch);
        ch.writeInbound(bytes("Beautiful is better than?Explicit is better than?Simple is better than?Nothing?"));
        assertEquals(1, counter.flushes);
        assertEquals("Ugly.Implicit.Complex.Error: unknown aphorism.", readAll(ch));
        ch.writeInbound(bytes("Simple is better "));
        assertEquals(1, counter.flushes, "nothing to answer, nothing flushed");
        ch.writeInbound(bytes("than?"));
        assertEquals(2, counter.flushes);
        assertEquals("Complex.", readAll(ch));
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void sharedAnswersStayIntactWhateverAConnectionDoesWithItsCopy() {
        EmbeddedChannel first = channel(new Recorder(), ZenProtocol.MAX_QUESTION);
        first.writeInbound(bytes("Beautiful is better than?"));
        ByteBuf answer = first.readOutbound();
        answer.skipBytes(answer.readableBytes());
        assertFalse(answer.release(), "a shared answer is never freed");
        assertThrows(java.nio.ReadOnlyBufferException.class, () -> answer.setByte(0, 'X'));
        EmbeddedChannel second = channel(new Recorder(), ZenProtocol.MAX_QUESTION);
        second.writeInbound(bytes("Beautiful is better than?"));
        assertEquals("Ugly.", readAll(second));
        first.finishAndReleaseAll();
        second.finishAndReleaseAll();
    }

    @Test
    void aClientClosingBeforeItsAnswersAreSentIsReportedWithTheUnsentBytes() {
        UnsentRecorder r = new UnsentRecorder();
        SlowSocket socket = new SlowSocket();
        EmbeddedChannel ch = slowChannel(r, socket);
        ch.writeInbound(bytes("Beautiful is better than?Why?"));
        ch.writeInbound(bytes("Simple is better than?"));
        socket.take(7); // "Ugly." and "Er" of the next answer
        assertEquals("Ugly.Er", socket.taken.toString());
        ch.close();
        socket.discard();
        assertFalse(ch.finishAndReleaseAll());
        assertEquals("closed before sent: ror: unknown aphorism.Complex.", r.events.get(r.events.size() - 1));
    }

    @Test
    void aQuestionInProgressIsReportedBeforeUnsentAnswers() {
        // The book's loop looks at the bytes received before the bytes to send.
        UnsentRecorder r = new UnsentRecorder();
        SlowSocket socket = new SlowSocket();
        EmbeddedChannel ch = slowChannel(r, socket);
        ch.writeInbound(bytes("Beautiful is better than?Simple is"));
        ch.close();
        socket.discard();
        assertFalse(ch.finishAndReleaseAll());
        assertEquals("closed mid-question: Simple is", r.events.get(r.events.size() - 1));
    }

    @Test
    void answersAllSentOrUnflushedAreToldApart() {
        UnsentRecorder sent = new UnsentRecorder();
        SlowSocket socket = new SlowSocket();
        EmbeddedChannel ch = slowChannel(sent, socket);
        ch.writeInbound(bytes("Explicit is better than?"));
        socket.take(Integer.MAX_VALUE);
        ch.close();
        assertFalse(ch.finishAndReleaseAll());
        assertEquals(List.of("accepted", "Explicit is better than -> Implicit.", "closed"), sent.events);

        // Written but never flushed (the connection closed in the middle of a read) is unsent too.
        UnsentRecorder unflushed = new UnsentRecorder();
        EmbeddedChannel ch2 = new EmbeddedChannel();
        new ZenProtocol(unflushed).initialize(ch2);
        ch2.pipeline().fireChannelRead(bytes("Simple is better than?"));
        ch2.close();
        assertFalse(ch2.finishAndReleaseAll());
        assertEquals(List.of("accepted", "Simple is better than -> Complex.", "closed before sent: Complex."),
                unflushed.events);
    }

    @Test
    void aListenerWithoutTheUnsentEventHearsOfAClose() {
        Recorder r = new Recorder();
        SlowSocket socket = new SlowSocket();
        EmbeddedChannel ch = slowChannel(r, socket);
        ch.writeInbound(bytes("Beautiful is better than?"));
        ch.close();
        socket.discard();
        assertFalse(ch.finishAndReleaseAll());
        assertEquals(List.of("accepted", "Beautiful is better than -> Ugly.", "closed"), r.events);
    }

    @Test
    void questionsNeverMatchByAccidentOfEncoding() {
        assertEquals(Aphorisms.UNKNOWN, new String(Aphorisms.answer(new byte[] {(byte) 0xff}),
                StandardCharsets.US_ASCII));
        assertEquals("Ugly.", Aphorisms.answer("Beautiful is better than?"));
        assertEquals(3, Aphorisms.questions().size());
    }
}

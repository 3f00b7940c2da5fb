package dev.toolkit.tcp.zen;

import dev.toolkit.core.error.FrameTooLongException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZenProtocolTest {

    /** Records the events as the book's servers print them. */
    static final class Recorder implements ZenListener {
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
    void questionsNeverMatchByAccidentOfEncoding() {
        assertEquals(Aphorisms.UNKNOWN, new String(Aphorisms.answer(new byte[] {(byte) 0xff}),
                StandardCharsets.US_ASCII));
        assertEquals("Ugly.", Aphorisms.answer("Beautiful is better than?"));
        assertEquals(3, Aphorisms.questions().size());
    }
}

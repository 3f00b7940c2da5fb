package dev.toolkit.tcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolkit.core.error.ConnectionClosedException;
import dev.toolkit.core.error.FrameTooLongException;
import dev.toolkit.core.error.ProtocolViolationException;
import dev.toolkit.core.error.ToolkitException;
import dev.toolkit.core.error.UnexpectedMessageException;
import dev.toolkit.core.framing.Framer;
import dev.toolkit.core.framing.Framing;
import dev.toolkit.core.framing.MalformedLine;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.DecoderException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InboundQueueTest {

    /** Nothing is awaited in these tests: everything written to an embedded channel is read at once. */
    private static final long NOW = 0;

    private final InboundQueue queue = new InboundQueue(MessageTypes.DEFAULT);

    private EmbeddedChannel channel(Framer framer) {
        EmbeddedChannel ch = new EmbeddedChannel();
        if (framer != null) {
            framer.addTo(ch.pipeline());
        }
        ch.pipeline().addLast(InboundQueue.NAME, queue);
        return ch;
    }

    private static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    record Point(int x, int y) {
    }

    @Test
    void splitAndCoalescedLinesComeOutOneFrameEachEmptyOnesIncluded() throws Exception {
        EmbeddedChannel ch = channel(Framing.lines(64));
        ch.writeInbound(ascii("al"));
        ch.writeInbound(ascii("pha\r\nbeta\n\ngam"));
        ch.writeInbound(ascii("ma\n"));
        assertEquals("alpha", queue.take(String.class, NOW));
        assertEquals("beta", queue.take(String.class, NOW));
        assertEquals("", queue.take(String.class, NOW), "an empty line is a frame");
        assertArrayEquals("gamma".getBytes(StandardCharsets.US_ASCII), queue.take(byte[].class, NOW));
        assertThrows(TimeoutException.class, () -> queue.take(String.class, NOW));
        assertFalse(ch.finish());
        assertNull(queue.take(Object.class, NOW), "the end of input, once every frame was taken");
    }

    @Test
    void emptyLengthPrefixedFramesAreDeliveredAndSkippedByByteCalls() throws Exception {
        EmbeddedChannel ch = channel(Framing.lengthPrefix(4, 64));
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 2, 'h', 'i', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, '!'}));
        ByteBuf first = queue.take(ByteBuf.class, NOW);
        assertEquals("hi", first.toString(StandardCharsets.US_ASCII));
        first.release();
        Object empty = queue.take(Object.class, NOW);
        assertInstanceOf(ByteBuf.class, empty);
        assertEquals(0, ((ByteBuf) empty).readableBytes());
        ((ByteBuf) empty).release();
        ByteBuf bang = queue.takeBytes(10, NOW);
        assertEquals("!", bang.toString(StandardCharsets.US_ASCII), "the second empty frame holds no bytes");
        bang.release();
        ch.finishAndReleaseAll();
    }

    @Test
    void byteCallsTakePartsOfFrames() throws Exception {
        EmbeddedChannel ch = channel(null);
        ch.writeInbound(ascii("abcdef"));
        ByteBuf part = queue.takeBytes(4, NOW);
        assertEquals("abcd", part.toString(StandardCharsets.US_ASCII));
        part.release();
        assertEquals("ef", queue.take(String.class, NOW));
        ch.finishAndReleaseAll();
    }

    @Test
    void jsonDocumentsBindToTheTypeAskedForAndAMismatchNamesBothTypesAndKeepsTheMessage() throws Exception {
        EmbeddedChannel ch = channel(Framing.json(256));
        ch.writeInbound(ascii("{\"x\":1,\"y\":2}[1,2]{\"x\":"));
        ch.writeInbound(ascii("3,\"y\":4}"));
        assertEquals(new Point(1, 2), queue.take(Point.class, NOW));
        UnexpectedMessageException e = assertThrows(UnexpectedMessageException.class,
                () -> queue.take(Point.class, NOW));
        assertEquals(Point.class.getName(), e.expectedType());
        assertTrue(e.messageType().contains("ArrayNode"), e.messageType());
        assertTrue(e.getMessage().contains(Point.class.getName()) && e.getMessage().contains("ArrayNode"),
                e.getMessage());
        assertEquals(List.of(1, 2), queue.take(List.class, NOW), "the refused message stays first");
        JsonNode tree = queue.take(JsonNode.class, NOW);
        assertEquals(4, tree.get("y").asInt());
        ch.finishAndReleaseAll();
    }

    @Test
    void aMalformedLineIsNotAStringAndStaysForTheCallerToSee() throws Exception {
        EmbeddedChannel ch = channel(Framing.lines(8).strictCrlf().deliverMalformedLines());
        ch.writeInbound(ascii("bare\nok\r\n"));
        UnexpectedMessageException e = assertThrows(UnexpectedMessageException.class,
                () -> queue.take(String.class, NOW));
        assertTrue(e.getMessage().contains("java.lang.String") && e.getMessage().contains("MalformedLine"),
                e.getMessage());
        assertInstanceOf(MalformedLine.class, queue.take(Object.class, NOW));
        assertEquals("ok", queue.take(String.class, NOW));
        ch.finishAndReleaseAll();
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedAsTextAndKept() throws Exception {
        EmbeddedChannel ch = channel(Framing.lines(8));
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0xff, 'a', '\n'}));
        UnexpectedMessageException e = assertThrows(UnexpectedMessageException.class,
                () -> queue.take(String.class, NOW));
        assertTrue(e.getMessage().contains("not UTF-8") && e.getMessage().contains("\\xff"), e.getMessage());
        assertArrayEquals(new byte[] {(byte) 0xff, 'a'}, queue.take(byte[].class, NOW));
        ch.finishAndReleaseAll();
    }

    @Test
    void aByteCallMeetingAMessageNamesItsType() throws Exception {
        EmbeddedChannel ch = channel(Framing.jsonLines(64));
        ch.writeInbound(ascii("{\"a\":1}\n"));
        UnexpectedMessageException e = assertThrows(UnexpectedMessageException.class, () -> queue.takeBytes(10, NOW));
        assertTrue(e.getMessage().contains("ObjectNode"), e.getMessage());
        assertEquals(Map.of("a", 1), queue.take(Map.class, NOW));
        ch.finishAndReleaseAll();
    }

    @Test
    void pipelinedClaimsAreAnsweredInOrderAndAWaitingMessageAnswersAtOnce() throws Exception {
        EmbeddedChannel ch = channel(Framing.lines(64));
        ch.writeInbound(ascii("early\n"));
        CompletableFuture<Object> first = queue.claim();
        assertTrue(first.isDone(), "a message nobody took answers the next claim");
        CompletableFuture<Object> second = queue.claim();
        CompletableFuture<Object> third = queue.claim();
        ch.writeInbound(ascii("two\nthree\nfor receive\n"));
        assertEquals("early", MessageTypes.DEFAULT.as(first.join(), String.class));
        assertEquals("two", MessageTypes.DEFAULT.as(second.join(), String.class));
        assertEquals("three", MessageTypes.DEFAULT.as(third.join(), String.class));
        assertEquals("for receive", queue.take(String.class, NOW));
        ch.finishAndReleaseAll();
    }

    @Test
    void aCloseFailsEveryPendingClaimAndLaterOnesFailAtOnce() {
        EmbeddedChannel ch = channel(Framing.lines(64));
        CompletableFuture<Object> a = queue.claim();
        CompletableFuture<Object> b = queue.claim();
        ch.close();
        for (CompletableFuture<Object> f : List.of(a, b, queue.claim())) {
            CompletionException e = assertThrows(CompletionException.class, f::join);
            ConnectionClosedException closed = assertInstanceOf(ConnectionClosedException.class, e.getCause());
            assertEquals(ConnectionClosedException.Side.LOCAL, closed.side());
        }
    }

    @Test
    void theEndOfInputFailsPendingClaimsAsClosedByThePeer() {
        EmbeddedChannel ch = channel(Framing.lines(64));
        CompletableFuture<Object> a = queue.claim();
        ch.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        CompletionException e = assertThrows(CompletionException.class, a::join);
        ConnectionClosedException closed = assertInstanceOf(ConnectionClosedException.class, e.getCause());
        assertEquals(ConnectionClosedException.Side.REMOTE, closed.side());
        assertTrue(closed.getMessage().contains("1 request(s) unanswered"), closed.getMessage());
        ch.finishAndReleaseAll();
    }

    @Test
    void anOversizedFrameFailsPendingClaimsWithTheToolkitExceptionAndEarlierFramesStay() throws Exception {
        EmbeddedChannel ch = channel(Framing.lines(4));
        ch.writeInbound(ascii("ok\n"));
        CompletableFuture<Object> claim = queue.claim();
        CompletableFuture<Object> pending = queue.claim();
        assertThrows(DecoderException.class, () -> ch.writeInbound(ascii("far too long")));
        assertEquals("ok", MessageTypes.DEFAULT.as(claim.join(), String.class));
        CompletionException e = assertThrows(CompletionException.class, pending::join);
        assertInstanceOf(FrameTooLongException.class, e.getCause());
        ToolkitException after = assertThrows(ToolkitException.class, () -> queue.take(String.class, NOW));
        assertInstanceOf(ProtocolViolationException.class, after, "the failure ends the input");
        ch.finishAndReleaseAll();
    }

    @Test
    void manyWaitingMessagesStopReadingUntilTheyAreTaken() throws Exception {
        EmbeddedChannel ch = channel(Framing.lines(8));
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < InboundQueue.HIGH_MESSAGES; i++) {
            lines.append("\n");
        }
        ch.writeInbound(ascii(lines.toString()));
        assertFalse(ch.config().isAutoRead(), "reading stops at " + InboundQueue.HIGH_MESSAGES + " messages");
        for (int i = 0; i <= InboundQueue.HIGH_MESSAGES - InboundQueue.LOW_MESSAGES; i++) {
            assertEquals("", queue.take(String.class, NOW));
        }
        ch.runPendingTasks();
        assertTrue(ch.config().isAutoRead());
        ch.finishAndReleaseAll();
    }

    @Test
    void messagesLeftAtTheCloseAreReleased() {
        EmbeddedChannel ch = channel(Framing.lengthPrefix(1, 64));
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {3, 'a', 'b', 'c', 0}));
        ch.close();
        assertTrue(queue.isEmpty(), "the leak check after each test finds the buffers released");
    }
}

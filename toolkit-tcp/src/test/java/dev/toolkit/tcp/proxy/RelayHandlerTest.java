package dev.toolkit.tcp.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The relay between two EmbeddedChannels: forwarding both ways, back-pressure, close and end of input. */
class RelayHandlerTest {

    private final EmbeddedChannel client = new EmbeddedChannel();
    private final EmbeddedChannel backend = new EmbeddedChannel();

    RelayHandlerTest() {
        client.pipeline().addLast(RelayHandler.NAME, new RelayHandler(backend));
        backend.pipeline().addLast(RelayHandler.NAME, new RelayHandler(client));
    }

    @AfterEach
    void release() {
        client.finishAndReleaseAll();
        backend.finishAndReleaseAll();
    }

    private static ByteBuf text(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    private static String read(EmbeddedChannel channel) {
        ByteBuf buf = channel.readOutbound();
        if (buf == null) {
            return null;
        }
        try {
            return buf.toString(StandardCharsets.US_ASCII);
        } finally {
            buf.release();
        }
    }

    @Test
    void relaysBothWays() {
        client.writeInbound(text("question?"));
        assertEquals("question?", read(backend));
        backend.writeInbound(text("answer."));
        assertEquals("answer.", read(client));
        assertNull(read(client));
        assertNull(read(backend));
    }

    @Test
    void stopsReadingWhileThePeerCannotTakeMoreAndResumesWhenItDrains() {
        backend.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        assertFalse(backend.isWritable());
        client.writeInbound(text("a lot"));
        assertFalse(client.config().isAutoRead(), "the client is not read while the backend is full");
        assertEquals("a lot", read(backend), "what was read is still delivered");
        backend.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        backend.runPendingTasks();
        assertTrue(client.config().isAutoRead(), "reading resumes once the backend drained");
    }

    @Test
    void closingOneSideClosesTheOtherAfterFlushing() {
        client.writeInbound(text("last words"));
        client.close();
        assertFalse(backend.isOpen());
        assertEquals("last words", read(backend));
    }

    @Test
    void endOfInputOnAChannelWithoutHalfCloseClosesBoth() {
        backend.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        assertFalse(client.isOpen());
        assertFalse(backend.isOpen());
    }
}

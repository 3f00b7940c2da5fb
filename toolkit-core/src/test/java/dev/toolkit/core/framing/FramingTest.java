package dev.toolkit.core.framing;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

class FramingTest {

    @Test
    void framersDescribeThemselves() {
        assertEquals("10-byte fixed-length", Framing.fixedLength(10).description());
        assertEquals("delimiter b'\\r\\n.\\r\\n'", Framing.delimiter("\r\n.\r\n", 10).description());
        assertEquals("line", Framing.lines(10).description());
        assertEquals("4-byte length prefix", Framing.lengthPrefix(4, 10).description());
        assertEquals("8-byte little-endian length prefix",
                Framing.lengthPrefix(8, 10, ByteOrder.LITTLE_ENDIAN).description());
        assertEquals("end-of-file", Framing.endOfFile(10).description());
        assertEquals("JSON document", Framing.json(10).description());
        assertEquals("JSON line", Framing.jsonLines(10).description());
        assertEquals("zlib", Framing.zlib(10).description());
        assertEquals(1234, Framing.jsonLines(1234).maxFrameLength());
        assertEquals("line framing (max 10 bytes)", Framing.lines(10).toString());
    }

    @Test
    void everyConnectionGetsItsOwnHandlers() {
        Framer framer = Framing.lengthPrefix(2, 10);
        assertNotSame(framer.newDecoder(), framer.newDecoder());
        assertNotSame(framer.newEncoder(), framer.newEncoder());
    }

    @Test
    void addToNamesHandlersAfterTheFramerAndAvoidsClashes() {
        EmbeddedChannel ch = new EmbeddedChannel();
        try {
            Framing.gzip(100).addTo(ch.pipeline());
            Framing.lengthPrefix(4, 100).addTo(ch.pipeline());
            Framing.lengthPrefix(2, 100).addTo(ch.pipeline());
            assertEquals(List.of("gzip-decoder", "gzip-encoder", "length-prefix-decoder", "length-prefix-encoder",
                    "length-prefix-decoder-2", "length-prefix-encoder-2"), ch.pipeline().names().subList(0, 6));
        } finally {
            ch.finishAndReleaseAll();
        }
    }
}

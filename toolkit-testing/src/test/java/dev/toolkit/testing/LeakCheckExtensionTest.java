package dev.toolkit.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeakCheckExtensionTest {

    @Test
    void detectsAByteBufThatWasNeverReleased() throws InterruptedException {
        leakOneBuffer();
        List<String> leaks = List.of();
        for (int i = 0; i < 20 && leaks.isEmpty(); i++) {
            leaks = LeakCheckExtension.collect();
        }
        assertFalse(leaks.isEmpty(), "the recording detector should have reported the leaked buffer");
        assertTrue(leaks.get(0).contains("ByteBuf"), leaks.get(0));
    }

    @Test
    void releasedBuffersAreNotLeaks() throws InterruptedException {
        ByteBuf buf = ByteBufAllocator.DEFAULT.buffer(16).writeInt(7);
        buf.release();
        assertTrue(LeakCheckExtension.collect().isEmpty());
    }

    private static void leakOneBuffer() {
        ByteBuf leaked = ByteBufAllocator.DEFAULT.directBuffer(64);
        leaked.writeLong(42);
    }
}

package dev.toolkit.readme;

import dev.toolkit.core.error.ToolkitException;
import dev.toolkit.core.framing.Framing;
import dev.toolkit.testing.fuzz.FuzzTarget;
import dev.toolkit.testing.fuzz.Fuzzing;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import java.util.List;
import java.util.function.Predicate;

// The README's example of a fuzz target (its seeds are replayed by ReadmeExamplesTest, which calls it directly).
// README: fuzz target
class HeaderFuzzTest {
    private static final Predicate<Throwable> CLEAR = Fuzzing.clearErrorsOf(ToolkitException.class);

    @FuzzTarget
    void decode(byte[] input) {
        Fuzzing.exercise(() -> {
            List<ByteBuf> written = List.of(Unpooled.copiedBuffer(input));
            EmbeddedChannel channel = new EmbeddedChannel(Framing.lines(8192).newDecoder()); // your decoder
            Fuzzing.writeEachInbound(channel, written, CLEAR);
            List<Object> decoded = Fuzzing.finish(channel, CLEAR);
            Fuzzing.releaseAll(decoded);
            Fuzzing.assertAllReleased("input", written);
        }, CLEAR);
    }
}
// README: end

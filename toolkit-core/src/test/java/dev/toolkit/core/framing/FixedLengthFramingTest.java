package dev.toolkit.core.framing;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.toolkit.core.framing.Wire.ascii;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FixedLengthFramingTest {

    @Test
    void splitsIntoFramesOfTheLengthAndDropsAnIncompleteTail() {
        Framer fixed = Framing.fixedLength(3);
        assertEquals(3, fixed.maxFrameLength());
        assertEquals("3-byte fixed-length", fixed.description());
        List<Object> frames = Wire.decode(fixed.newDecoder(), ascii("abcdefgh"), 8);
        assertEquals(2, frames.size());
        assertArrayEquals(ascii("abc"), (byte[]) frames.get(0));
        assertArrayEquals(ascii("def"), (byte[]) frames.get(1));
    }

    @Test
    void encoderRejectsFramesOfAnyOtherLength() {
        DelimiterFramingTest.assertRejected(Framing.fixedLength(3), ascii("ab"), "has 2 bytes, not 3");
        DelimiterFramingTest.assertRejected(Framing.fixedLength(3), new byte[0], "has 0 bytes, not 3");
        assertArrayEquals(ascii("abc"), Wire.encode(Framing.fixedLength(3), ascii("abc")));
    }

    @Test
    void lengthMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> Framing.fixedLength(0));
    }
}

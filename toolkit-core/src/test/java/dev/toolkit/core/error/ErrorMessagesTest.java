package dev.toolkit.core.error;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Messages whose figures must agree with each other: each figure said once, durations in one format. */
class ErrorMessagesTest {

    @Test
    void bytesReceivedBeforeTheEndAreSaidOnce() {
        assertEquals("peer closed the connection while receiving 5 bytes (3 bytes pending)",
                new ConnectionClosedException(ConnectionClosedException.Side.REMOTE, "receiving 5 bytes", 3, null)
                        .getMessage());
    }

    @Test
    void durationsReadTheSameEverywhere() {
        assertEquals("100 ms", Durations.format(Duration.ofMillis(100)));
        assertEquals("1.6 s", Durations.format(Duration.ofMillis(1600)));
        assertEquals("3 s", Durations.format(Duration.ofMillis(3000)));
        assertEquals("read timed out after 1.6 s: waiting", new OperationTimeoutException(
                OperationTimeoutException.Phase.READ, Duration.ofMillis(1600), "waiting", null).getMessage());
    }

    @Test
    void anAddressInUseIsNamedAsPeopleWriteIt() {
        assertEquals("address already in use: 127.0.0.1:1060",
                Exceptions.map(new java.net.BindException("Address already in use"),
                        new InetSocketAddress("127.0.0.1", 1060)).getMessage());
        assertEquals("address already in use: [::1]:1060",
                Exceptions.map(new java.io.IOException("bind(..) failed: Address already in use"),
                        new InetSocketAddress("::1", 1060)).getMessage());
    }

    @Test
    void anEncoderFailureIsAnOutboundFailure() {
        ToolkitException e = Exceptions.map(new io.netty.handler.codec.EncoderException(
                new IllegalArgumentException("outbound line frame of 9 bytes exceeds the maximum frame size of 8")));
        assertEquals(ErrorKind.OUTBOUND, e.kind());
        assertEquals("cannot send a message: outbound line frame of 9 bytes exceeds the maximum frame size of 8",
                e.getMessage());
    }
}

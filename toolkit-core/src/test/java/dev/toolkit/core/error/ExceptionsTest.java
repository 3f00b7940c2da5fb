package dev.toolkit.core.error;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.handler.timeout.WriteTimeoutException;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLHandshakeException;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExceptionsTest {

    static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 1060);

    @Test
    void refusedConnectionsAreConnectFailures() {
        ConnectException refused = new ConnectException("Connection refused");
        ConnectFailedException e = assertInstanceOf(ConnectFailedException.class, Exceptions.map(refused, PEER));
        assertEquals(ConnectFailedException.Reason.REFUSED, e.reason());
        assertEquals(PEER, e.address());
        assertSame(refused, e.getCause());
        assertEquals(ErrorKind.CONNECT, e.kind());
        assertEquals("connection refused: " + PEER, e.getMessage());
        assertEquals(ConnectFailedException.Reason.REFUSED,
                ((ConnectFailedException) Exceptions.map(new PortUnreachableException())).reason());
        assertEquals(ConnectFailedException.Reason.UNREACHABLE,
                ((ConnectFailedException) Exceptions.map(new NoRouteToHostException("No route to host"))).reason());
    }

    @Test
    void timeoutsNameTheirPhase() {
        OperationTimeoutException connect = assertInstanceOf(OperationTimeoutException.class,
                Exceptions.map(new ConnectTimeoutException("connection timed out: /127.0.0.1:1060")));
        assertEquals(OperationTimeoutException.Phase.CONNECT, connect.phase());
        assertEquals("connect timed out: connection timed out: /127.0.0.1:1060", connect.getMessage());
        OperationTimeoutException read = assertInstanceOf(OperationTimeoutException.class,
                Exceptions.map(ReadTimeoutException.INSTANCE, PEER));
        assertEquals(OperationTimeoutException.Phase.READ, read.phase());
        assertEquals("read timed out: waiting for " + PEER, read.getMessage());
        assertEquals(OperationTimeoutException.Phase.WRITE,
                ((OperationTimeoutException) Exceptions.map(WriteTimeoutException.INSTANCE)).phase());
    }

    @Test
    void wrappersAroundToolkitExceptionsAreRemoved() {
        FrameTooLongException tooLong = new FrameTooLongException("line", 10, 11, "b'x'");
        assertSame(tooLong, Exceptions.map(new DecoderException(tooLong)));
        assertSame(tooLong, Exceptions.map(new EncoderException(tooLong)));
        assertSame(tooLong, Exceptions.map(new CompletionException(tooLong)));
        assertSame(tooLong, Exceptions.map(new ExecutionException(new CompletionException(tooLong))));
        ConnectFailedException refused = assertInstanceOf(ConnectFailedException.class,
                Exceptions.map(new CompletionException(new ConnectException("Connection refused"))));
        assertEquals(ConnectFailedException.Reason.REFUSED, refused.reason());
    }

    @Test
    void nettyDecoderFailuresAreProtocolViolations() {
        ProtocolViolationException tooLong = assertInstanceOf(ProtocolViolationException.class,
                Exceptions.map(new TooLongFrameException("frame length exceeds 10")));
        assertEquals("frame too long: frame length exceeds 10", tooLong.getMessage());
        assertEquals(ErrorKind.PROTOCOL, Exceptions.map(new DecoderException("bad")).kind());
    }

    @Test
    void closedChannelsResetsAndEndsOfStreamNameTheSide() {
        ConnectionClosedException local = assertInstanceOf(ConnectionClosedException.class,
                Exceptions.map(new ClosedChannelException()));
        assertEquals(ConnectionClosedException.Side.LOCAL, local.side());
        ConnectionClosedException reset = assertInstanceOf(ConnectionClosedException.class,
                Exceptions.map(new IOException("Connection reset by peer"), PEER));
        assertEquals(ConnectionClosedException.Side.REMOTE, reset.side());
        assertTrue(reset.getMessage().contains("connection reset"), reset.getMessage());
        assertEquals(ConnectionClosedException.Side.REMOTE,
                ((ConnectionClosedException) Exceptions.map(new EOFException())).side());
    }

    @Test
    void certificateProblemsInsideHandshakeFailuresNameTheCheck() {
        SSLHandshakeException expired = new SSLHandshakeException("PKIX path validation failed");
        expired.initCause(new CertificateExpiredException("NotAfter: Mon Jan 01 00:00:00 UTC 2024"));
        TlsException e = assertInstanceOf(TlsException.class, Exceptions.map(expired));
        assertEquals(TlsException.Check.EXPIRED, e.check());
        assertEquals(ErrorKind.TLS, e.kind());
        // Netty's SslHandler reports handshake failures wrapped in a DecoderException.
        SSLHandshakeException notYet = new SSLHandshakeException("bad");
        notYet.initCause(new CertificateNotYetValidException("NotBefore"));
        assertEquals(TlsException.Check.NOT_YET_VALID,
                ((TlsException) Exceptions.map(new DecoderException(notYet))).check());
        assertEquals(TlsException.Check.OTHER,
                ((TlsException) Exceptions.map(new SSLHandshakeException("no cipher suites in common"))).check());
    }

    @Test
    void everythingElseIsKeptAsTheCauseOfAGeneralFailure() {
        assertInstanceOf(NameResolutionException.class, Exceptions.map(new UnknownHostException("nowhere.invalid")));
        IOException io = new IOException("disk on fire");
        ToolkitException e = Exceptions.map(io);
        assertEquals(ErrorKind.IO, e.kind());
        assertSame(io, e.getCause());
        assertEquals(ErrorKind.INTERNAL, Exceptions.map(new IllegalStateException("bug")).kind());
        ToolkitException already = new ToolkitException(ErrorKind.INTERNAL, "x", null);
        assertSame(already, Exceptions.map(already));
    }
}

package dev.toolkit.readme;

import dev.toolkit.core.framing.Framer;
import dev.toolkit.core.framing.Framing;
import dev.toolkit.core.framing.MalformedLine;
import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.pipeline.ProtocolDefinition;
import dev.toolkit.core.server.RunningServer;
import dev.toolkit.tcp.TcpServer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the README's examples (the regions {@link ReadmeSnippetsTest} matches against the README) on loopback.
 * Two are only compiled: the multi-process server (worker processes and a spool under /var) and the load
 * balancer (port 1060, serving until it is closed); {@code ReadmeDnsIT} runs the DNS example against dnsmasq.
 */
class ReadmeExamplesTest {

    @Test
    void theFirstServerAnswersTheClientExampleAndClosesGracefully() {
        AtomicReference<String> answer = new AtomicReference<>();
        AtomicReference<RunningServer<ConnectionMetrics>> served = new AtomicReference<>();
        new ServerExample(server -> {
            served.set(server);
            answer.set(zenAnswer(server, "Beautiful is better than?"));
        }).serve();
        assertEquals("Ugly.", answer.get());
        assertEquals(1, served.get().metrics().exchangesCompleted());
    }

    @Test
    void theTcpServerExampleServesZen() {
        try (RunningServer server = TcpSnippets.zenServer()) {
            assertEquals("Complex.", zenAnswer(server, "Simple is better than?"));
        }
    }

    @Test
    void theClientExamplesTalkToALineServer() {
        try (RunningServer server = upperCasingLines()) {
            int port = server.localAddress().getPort();
            assertEquals("HELLO", CoreSnippets.hello("127.0.0.1", port));
            assertEquals(List.of("HELLO", "ONE", "TWO"), TcpSnippets.talk("127.0.0.1", port));
        }
    }

    /** A line server answering each line upper-cased. */
    private static RunningServer upperCasingLines() {
        return TcpServer.bind(channel -> {
            Framing.lines(1024).addTo(channel.pipeline());
            channel.pipeline().addLast(new SimpleChannelInboundHandler<ByteBuf>() {
                @Override
                protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
                    ctx.writeAndFlush(line.toString(StandardCharsets.UTF_8).toUpperCase(Locale.ROOT));
                }
            });
        });
    }

    /** Asks a Zen server one question over a plain socket; the answer ends at its full stop. */
    private static String zenAnswer(RunningServer server, String question) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.localAddress().getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(question.getBytes(StandardCharsets.US_ASCII));
            StringBuilder answer = new StringBuilder();
            InputStream in = socket.getInputStream();
            int b;
            while ((b = in.read()) != -1) {
                answer.append((char) b);
                if (b == '.') {
                    break;
                }
            }
            return answer.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theTlsExampleReportsAVerifiedHandshake() throws Exception {
        String printed = Stdout.capture(TcpSnippets::tls);
        assertTrue(printed.matches("TLSv1\\.[23], host name matches: true\n"), printed);
    }

    @Test
    void theUdpExampleGetsBothReplies() throws Exception {
        assertEquals("Your data was 5 bytes long\nping\n", Stdout.capture(UdpSnippets::clientsAndServers));
    }

    @Test
    void theStrictLineFramerDeliversAMalformedLineAndGoesOn() {
        Framer smtp = CoreSnippets.smtpLines();
        EmbeddedChannel channel = new EmbeddedChannel(smtp.newDecoder());
        channel.writeInbound(Unpooled.copiedBuffer("HELO bare\nNOOP\r\n", StandardCharsets.US_ASCII));
        assertInstanceOf(MalformedLine.class, channel.readInbound());
        ByteBuf line = channel.readInbound();
        try {
            assertEquals("NOOP", line.toString(StandardCharsets.US_ASCII));
        } finally {
            line.release();
        }
        assertEquals(false, channel.finish());
    }

    @Test
    void theClientAddressOfADirectConnectionIsItsPeer() {
        EmbeddedChannel channel = new EmbeddedChannel();
        assertEquals(channel.remoteAddress(), CoreSnippets.clientOf(channel));
        channel.finishAndReleaseAll();
    }

    @Test
    void theProtocolFactoryMakesAProtocolFromItsArgument(@TempDir Path spool) throws Exception {
        ProtocolDefinition protocol = new SpoolingLines().create(List.of(spool.toString()));
        EmbeddedChannel channel = new EmbeddedChannel();
        protocol.initialize(channel);
        channel.writeInbound(Unpooled.copiedBuffer("one\r\ntwo\n", StandardCharsets.US_ASCII));
        assertEquals("one\ntwo\n", Files.readString(spool.resolve("lines.txt")));
        assertEquals(false, channel.finish());
    }

    @Test
    void theFuzzTargetExampleTakesValidOverlongAndEmptyInput() {
        HeaderFuzzTest target = new HeaderFuzzTest();
        target.decode(new byte[0]);
        target.decode("Subject: hi\r\nFrom: a@b.test\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] overlong = new byte[9000];
        Arrays.fill(overlong, (byte) 'x');
        target.decode(overlong);
    }
}

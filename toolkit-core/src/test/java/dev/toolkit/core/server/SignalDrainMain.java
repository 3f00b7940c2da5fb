package dev.toolkit.core.server;

import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.framing.Framing;
import dev.toolkit.core.pipeline.ProtocolDefinition;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A server process for {@link SignalDrainIT}: serves {@link ExchangeProtocol} under the architecture named by
 * its argument, prints {@code serving on port PORT}, and runs until a signal drains it.
 */
public final class SignalDrainMain {

    private SignalDrainMain() {
    }

    /** @param args the architecture */
    public static void main(String[] args) throws InterruptedException {
        Architecture architecture = Architecture.valueOf(args[0]);
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).architecture(architecture)
                .processes(1).shutdownGrace(Duration.ofSeconds(60)).name("signal-" + architecture).build();
        RunningServer<ConnectionMetrics> server = Servers.start(config, new ExchangeProtocol());
        System.out.println("serving on port " + server.localAddress().getPort());
        server.awaitClosed();
    }

    /** The line {@code begin} begins an exchange (printing {@code exchange begun}); {@code end} answers it. */
    public static final class ExchangeProtocol implements ProtocolDefinition {
        /** Made by name in a worker process. */
        public ExchangeProtocol() {
        }

        @Override
        public void initialize(Channel channel) {
            channel.pipeline().addLast(Framing.lines(64).newDecoder(), new SimpleChannelInboundHandler<ByteBuf>() {
                @Override
                protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
                    if (line.toString(StandardCharsets.US_ASCII).equals("begin")) {
                        System.out.println("exchange begun");
                    } else {
                        ctx.writeAndFlush(Unpooled.copiedBuffer("done\n", StandardCharsets.US_ASCII));
                    }
                }
            });
        }
    }
}

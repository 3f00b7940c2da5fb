package dev.toolkit.examples.exit;

import dev.toolkit.core.dns.DnsClient;
import dev.toolkit.core.dns.DnsClientConfig;
import dev.toolkit.core.pipeline.ProtocolDefinition;
import dev.toolkit.core.server.Architecture;
import dev.toolkit.core.server.NamedProtocol;
import dev.toolkit.core.server.ProtocolFactory;
import dev.toolkit.core.server.RunningServer;
import dev.toolkit.core.server.ServerConfig;
import dev.toolkit.core.server.Servers;
import dev.toolkit.tcp.TcpClient;
import dev.toolkit.tcp.lb.LoadBalancer;
import dev.toolkit.tcp.lb.LoadBalancerConfig;
import dev.toolkit.udp.UdpClient;
import dev.toolkit.udp.UdpClientConfig;
import dev.toolkit.udp.UdpServer;
import dev.toolkit.udp.UdpServerConfig;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A program that starts, uses and closes every kind of server and client, then prints the non-daemon threads
 * still alive besides its own ({@code none} when there are none): what would keep a JVM from exiting when
 * {@code main} returns. Servers and the load balancer run several event loop threads (two, and Netty's default
 * count for an {@code EVENT_LOOP} server), whose group reports its end without Netty's GlobalEventExecutor.
 */
public final class StartAndCloseEverything {

    private static final int TIMEOUT_MS = 20_000;

    private StartAndCloseEverything() {
    }

    /** Echoes lines; made by name in each worker process of a multi-process server. */
    public static final class EchoFactory implements ProtocolFactory {
        @Override
        public ProtocolDefinition create(List<String> arguments) {
            return echo();
        }
    }

    static ProtocolDefinition echo() {
        return channel -> channel.pipeline().addLast(new LineBasedFrameDecoder(256),
                new SimpleChannelInboundHandler<ByteBuf>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
                        ctx.writeAndFlush(Unpooled.copiedBuffer(line.toString(StandardCharsets.US_ASCII) + "\n",
                                StandardCharsets.US_ASCII));
                    }
                });
    }

    private static void ask(InetSocketAddress address) throws IOException {
        try (Socket s = new Socket()) {
            s.setSoTimeout(TIMEOUT_MS);
            s.connect(address, TIMEOUT_MS);
            s.getOutputStream().write("ping\n".getBytes(StandardCharsets.US_ASCII));
            if (s.getInputStream().readNBytes(5).length != 5) {
                throw new IOException("no echo from " + address);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        RunningServer backend = null;
        for (Architecture architecture : Architecture.values()) {
            ProtocolDefinition protocol = architecture == Architecture.MULTI_PROCESS
                    ? NamedProtocol.of(EchoFactory.class) : echo();
            RunningServer server = Servers.start(ServerConfig.builder().architecture(architecture)
                    .host("127.0.0.1").processes(1).threads(2).name("exit-" + architecture).build(), protocol);
            ask(server.localAddress());
            if (architecture == Architecture.EVENT_LOOP) {
                backend = server;
            } else {
                server.close();
                after(architecture.toString());
            }
        }
        RunningServer defaultThreads = Servers.start(ServerConfig.builder().host("127.0.0.1").name("exit-default")
                .build(), echo());
        ask(defaultThreads.localAddress());
        defaultThreads.close();
        after("EVENT_LOOP with Netty's default thread count");
        try (LoadBalancer lb = LoadBalancer.bind(LoadBalancerConfig.builder().host("127.0.0.1").port(0).threads(2)
                .backend(backend.localAddress()).build())) {
            ask(lb.localAddress());
        }
        after("load balancer");
        TcpClient.create().close();
        after("TcpClient unused");
        try (TcpClient client = TcpClient.create()) {
            client.connectAsync("127.0.0.1", backend.localAddress().getPort())
                    .get(TIMEOUT_MS, TimeUnit.MILLISECONDS).close();
        }
        after("TcpClient");
        backend.close();
        after("EVENT_LOOP");
        try (UdpServer server = UdpServer.bind(UdpServerConfig.builder().host("127.0.0.1").port(0).build(),
                (datagram, out) -> out.replyAsync(datagram, datagram.data()));
             DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(TIMEOUT_MS);
            socket.send(new DatagramPacket(new byte[] {1}, 1, server.localAddress()));
            socket.receive(new DatagramPacket(new byte[16], 16));
            try (UdpClient client = UdpClient.open(UdpClientConfig.builder().remote(server.localAddress())
                    .build())) {
                client.metrics();
            }
        }
        after("UDP");
        try (DatagramSocket silent = new DatagramSocket(0);
             DnsClient dns = DnsClient.create(DnsClientConfig.builder()
                     .server(new InetSocketAddress("127.0.0.1", silent.getLocalPort())).build())) {
            dns.toString();
        }
        after("DNS");
        System.out.println("non-daemon threads left: " + nonDaemonThreads());
    }

    /** The names of the live non-daemon threads besides this one, or {@code none}. */
    private static String nonDaemonThreads() {
        Thread self = Thread.currentThread();
        String left = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t != self && t.isAlive() && !t.isDaemon() && !t.getName().equals("DestroyJavaVM"))
                .map(Thread::getName).sorted().collect(Collectors.joining(", "));
        return left.isEmpty() ? "none" : left;
    }

    /** Says which step left a non-daemon thread behind, for the reader of a failure. */
    private static void after(String step) {
        System.out.println("after " + step + ": " + nonDaemonThreads());
    }
}

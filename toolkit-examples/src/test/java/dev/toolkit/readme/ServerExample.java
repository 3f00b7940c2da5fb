package dev.toolkit.readme;

import dev.toolkit.core.framing.Framing;
import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.server.Architecture;
import dev.toolkit.core.server.RunningServer;
import dev.toolkit.core.server.ServerConfig;
import dev.toolkit.core.server.Servers;
import dev.toolkit.tcp.zen.ZenHandler;
import dev.toolkit.tcp.zen.ZenListener;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/** The README's first server; what it does while serving is given, so that a test can talk to it. */
final class ServerExample {

    private final Consumer<RunningServer<ConnectionMetrics>> whileServing;

    ServerExample(Consumer<RunningServer<ConnectionMetrics>> whileServing) {
        this.whileServing = Objects.requireNonNull(whileServing, "whileServing");
    }

    private void untilItIsTimeToStop(RunningServer<ConnectionMetrics> server) {
        whileServing.accept(server);
    }

    void serve() {
        // README: server in a few lines
        ServerConfig config = ServerConfig.builder()
                .host("127.0.0.1").port(0)                                  // 0: any free port
                .architecture(Architecture.THREAD_POOL).threads(4)
                .idleTimeout(Duration.ofSeconds(30))
                .build();
        RunningServer<ConnectionMetrics> server = Servers.start(config, channel -> channel.pipeline().addLast(
                Framing.delimiter("?", 1024).newDecoder(),                  // questions end with '?'
                new ZenHandler(ZenListener.LOGGING)));                       // ByteBuf question in, ByteBuf answer out
        System.out.println("Listening at " + server.localAddress());
        untilItIsTimeToStop(server);                                         // yours: serve until then
        server.closeGracefully(Duration.ofSeconds(10));
        // README: end
    }
}

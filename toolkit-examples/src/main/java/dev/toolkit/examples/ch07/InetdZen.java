package dev.toolkit.examples.ch07;

import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.server.RunningServer;
import dev.toolkit.core.server.ServerConfig;
import dev.toolkit.core.server.Servers;
import dev.toolkit.examples.support.ListingCommand;
import dev.toolkit.tcp.zen.ZenProtocol;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What {@code in_zen1} and {@code in_zen2} share. Under inetd, standard input, output and error are all the
 * socket: the program must print nothing, so its lines go to a log file instead (the book's in_zen does the
 * same), and {@code System.out}/{@code System.err} are pointed there too before anything could log. The
 * file is {@value #LOG_ENV} if set, else {@code in_zen.log} in the temporary directory.
 */
abstract class InetdZen extends ListingCommand {

    /** The environment variable naming the log file. */
    static final String LOG_ENV = "IN_ZEN_LOG";

    @Override
    public final Integer call() throws IOException, InterruptedException {
        String configured = System.getenv(LOG_ENV);
        Path file = configured != null && !configured.isEmpty() ? Path.of(configured)
                : Path.of(System.getProperty("java.io.tmpdir"), "in_zen.log");
        PrintStream stream = new PrintStream(new FileOutputStream(file.toFile(), true), true,
                StandardCharsets.UTF_8);
        System.setOut(stream);
        System.setErr(stream);
        PrintWriter log = new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
        ServerConfig config = ServerConfig.builder().name(getClass().getSimpleName()).build();
        RunningServer<ConnectionMetrics> server = Servers.startInherited(config, new ZenProtocol(ZenLines.ZEN_UTILS.printer(log)),
                acceptTimeout());
        try {
            server.awaitClosed();
        } finally {
            server.close();
        }
        exited(log);
        return 0;
    }

    /** What the original logs when it exits after serving: nothing, unless it has a line of its own. */
    void exited(PrintWriter log) {
    }

    /** How long {@code wait} mode may go without a new client before exiting; {@code null} for nowait. */
    abstract Duration acceptTimeout();
}

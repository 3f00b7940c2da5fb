package dev.toolkit.examples.ch07;

import dev.toolkit.examples.support.ArgumentTypes;
import dev.toolkit.core.server.Architecture;
import dev.toolkit.core.server.RunningServer;
import dev.toolkit.examples.support.ListingCommand;
import dev.toolkit.examples.support.PythonFormat;
import dev.toolkit.core.server.ServerConfig;
import dev.toolkit.tcp.TcpServer;
import dev.toolkit.tcp.zen.ZenProtocol;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The second edition's {@code server_multi.py}: ten workers serving one listening port, as threads or as
 * processes. {@code thread} is toolkit-core's thread pool (ten threads each accepting on the one listener);
 * {@code process} is its multi-process server: ten worker JVMs bind the port with SO_REUSEPORT and the kernel
 * spreads connections over them, while this process supervises them and replaces a worker that dies. The
 * workers print the Zen lines themselves; their output reaches this terminal.
 */
@Command(name = "server_multi", description = "Serving one port from several threads or processes")
public final class ServerMulti extends ListingCommand {

    /** The book's worker count. */
    static final int WORKERS = 10;

    /** How the workers run. */
    enum Mode { thread, process }

    @Parameters(index = "0", paramLabel = "host", description = "IP or hostname")
    private String host;

    @Parameters(index = "1", paramLabel = "thread|process", description = "run the workers as threads or processes")
    private Mode mode;

    @Option(names = "-p", paramLabel = "port", converter = ArgumentTypes.Port.class,
            defaultValue = "1060", description = "TCP port (default 1060)")
    private int port;

    @Option(names = "-n", paramLabel = "workers", defaultValue = "10",
            description = "number of workers (default 10, as in the book)")
    private int workers;

    @Override
    public Integer call() throws InterruptedException {
        if (workers < 1) {
            throw new picocli.CommandLine.ParameterException(
                    new picocli.CommandLine(this), "workers must be at least 1: " + workers);
        }
        ServerConfig.Builder config = ServerConfig.builder().host(host).port(port).backlog(ZenServerCommand.BACKLOG)
                .reuseAddress(true).name("server_multi");
        ZenProtocol protocol;
        if (mode == Mode.thread) {
            config.architecture(Architecture.THREAD_POOL).threads(workers);
            protocol = new ZenProtocol(ZenLines.ZEN_UTILS.printer(out()));
        } else {
            config.architecture(Architecture.MULTI_PROCESS).processes(workers);
            protocol = new PrintingZenProtocol();
        }
        try (RunningServer running = TcpServer.bind(config.build(), protocol)) {
            out().println("Listening at " + PythonFormat.sockname(running.localAddress()));
            out().println("Serving with " + workers + " worker " + (mode == Mode.thread ? "threads" : "processes"));
            running.awaitClosed();
        }
        return 0;
    }
}

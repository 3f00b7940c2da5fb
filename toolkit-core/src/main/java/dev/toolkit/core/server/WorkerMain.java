package dev.toolkit.core.server;

import dev.toolkit.core.observe.Logging;
import dev.toolkit.core.pipeline.ProtocolDefinition;
import dev.toolkit.core.error.Exceptions;
import dev.toolkit.core.error.ToolkitException;
import dev.toolkit.core.observe.ConnectionMetrics;
import org.slf4j.Logger;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The main class of a worker process of a {@link ProcessGroupServer}: serves the protocol on Netty's event
 * loop, listening with SO_REUSEPORT on the group's port, and follows the control protocol of
 * {@link WorkerMessages} on its stdin and stdout.
 *
 * <p>Arguments: the group's token, the protocol's class name (a {@link ProtocolDefinition} with a public
 * no-argument constructor, or a {@link ProtocolFactory}), the number of protocol arguments and the arguments
 * (for a factory), then the server settings as {@link ConfigArguments}. Exit status: 0 after a drain, {@value #EXIT_START_FAILED} if it could not start.
 */
final class WorkerMain {

    /** The exit status of a worker that could not start. */
    static final int EXIT_START_FAILED = 2;
    /** How often a worker reports its counters when they changed. */
    static final Duration REPORT_INTERVAL = Duration.ofMillis(250);

    private static final Logger log = Logging.logger(WorkerMain.class);
    /** The grace of a drain on SIGTERM or SIGINT: the group's shutdown grace, if it sets one. */
    private static Duration signalGrace = ProcessGroupServer.EXIT_GRACE;

    private final RunningServer<ConnectionMetrics> server;
    private final Control control;
    private final LineAtomicOutputStream out;
    private final ScheduledExecutorService reporter;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final CountDownLatch drained = new CountDownLatch(1);
    private ConnectionMetrics.Snapshot lastReport;

    private WorkerMain(RunningServer<ConnectionMetrics> server, Control control, LineAtomicOutputStream out) {
        this.server = server;
        this.control = control;
        this.out = out;
        this.reporter = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "toolkit-worker-report");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Runs a worker until its supervisor asks it to drain or goes away.
     *
     * @param args token, protocol class name, argument count, protocol arguments, {@code key=value} settings
     */
    public static void main(String[] args) {
        int protocolArguments = args.length < 3 ? -1 : argumentCount(args[2]);
        if (protocolArguments < 0 || args.length < 3 + protocolArguments) {
            System.err.println("usage: WorkerMain TOKEN PROTOCOL_CLASS N [PROTOCOL_ARGUMENT ...(N)] [key=value ...]"
                    + " (started by ProcessGroupServer, not by hand)");
            System.exit(EXIT_START_FAILED);
        }
        // The real stdout carries control messages; the protocol's printed lines pass through whole.
        Object lock = new Object();
        OutputStream stdout = new FileOutputStream(FileDescriptor.out);
        LineAtomicOutputStream out = new LineAtomicOutputStream(stdout, lock);
        System.setOut(new PrintStream(out, true));
        Control control = new Control(stdout, lock, WorkerMessages.marker(args[0]));

        RunningServer<ConnectionMetrics> server;
        try {
            List<String> all = Arrays.asList(args);
            ProtocolDefinition protocol = instantiate(args[1], all.subList(3, 3 + protocolArguments));
            ServerConfig config = ConfigArguments.decode(all.subList(3 + protocolArguments, args.length))
                    .architecture(Architecture.EVENT_LOOP).reusePort(true).build();
            if (config.shutdownGrace() != null) {
                signalGrace = config.shutdownGrace();
            }
            // This class drains the server on a signal, and tells the supervisor.
            server = Servers.start(config.toBuilder().shutdownGrace(null).build(), protocol);
        } catch (Throwable t) { // also class loading and initialisation errors: the supervisor must hear of them
            ToolkitException e = Exceptions.map(t);
            log.error("worker process {} could not start: {}", ProcessHandle.current().pid(), e.getMessage(), t);
            control.send(WorkerMessages.failed(e.kind(), e.getMessage()));
            System.exit(EXIT_START_FAILED);
            return;
        }
        WorkerMain worker = new WorkerMain(server, control, out);
        control.send(WorkerMessages.ready(server.localAddress().getPort()));
        worker.run();
    }

    private static int argumentCount(String word) {
        try {
            return Integer.parseInt(word);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static ProtocolDefinition instantiate(String className, List<String> arguments)
            throws ReflectiveOperationException {
        Class<?> type = Class.forName(className);
        if (ProtocolFactory.class.isAssignableFrom(type)) {
            return NamedProtocol.create(className, arguments);
        }
        if (!arguments.isEmpty()) {
            throw new IllegalArgumentException(className + " is not a " + ProtocolFactory.class.getName()
                    + ", so it takes no arguments: " + arguments);
        }
        if (!ProtocolDefinition.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(className + " is not a " + ProtocolDefinition.class.getName());
        }
        return (ProtocolDefinition) type.getConstructor().newInstance();
    }

    private void run() {
        reporter.scheduleWithFixedDelay(this::report, REPORT_INTERVAL.toMillis(), REPORT_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        // A signal (SIGTERM, SIGINT) drains too; the supervisor then replaces this worker unless it is closing.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drain(signalGrace), "toolkit-worker-exit"));
        Duration grace = ProcessGroupServer.EXIT_GRACE;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (WorkerMessages.command(line).equals(WorkerMessages.DRAIN)) {
                    grace = WorkerMessages.parseDrain(WorkerMessages.argument(line));
                    break;
                }
                log.warn("worker ignores unknown control message: {}", line);
            }
            if (line == null) {
                log.warn("worker process {}: its supervisor is gone (end of input); draining for {}",
                        ProcessHandle.current().pid(), grace);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("worker process {}: control input failed ({}); draining for {}",
                    ProcessHandle.current().pid(), e.toString(), grace);
        }
        drain(grace);
        System.exit(0);
    }

    /** Drains once; a second caller waits for the first drain to end. */
    private void drain(Duration grace) {
        if (!draining.compareAndSet(false, true)) {
            try {
                drained.await(grace.toMillis() + ProcessGroupServer.EXIT_MARGIN.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        try {
            if (grace.isZero()) {
                server.close();
            } else {
                server.closeGracefully(grace);
            }
        } catch (RuntimeException e) {
            log.error("worker process {} failed to close its server", ProcessHandle.current().pid(), e);
        } finally {
            reporter.shutdownNow();
            report();
            try {
                out.close();
            } catch (IOException e) {
                log.debug("could not write the last output line", e);
            }
            drained.countDown();
        }
    }

    private synchronized void report() {
        ConnectionMetrics.Snapshot now = server.metrics().snapshot();
        if (!now.equals(lastReport)) {
            control.send(WorkerMessages.metrics(now));
            lastReport = now;
        }
    }

    /** Writes control messages to the real stdout, one whole line at a time. */
    private static final class Control {
        private final OutputStream stdout;
        private final Object lock;
        private final String marker;

        Control(OutputStream stdout, Object lock, String marker) {
            this.stdout = stdout;
            this.lock = lock;
            this.marker = marker;
        }

        void send(String message) {
            byte[] line = (marker + message + "\n").getBytes(StandardCharsets.UTF_8);
            synchronized (lock) {
                try {
                    stdout.write(line);
                    stdout.flush();
                } catch (IOException e) {
                    // The supervisor is gone; the end of stdin will tell the main thread to drain.
                    log.debug("control message not delivered: {}", message, e);
                }
            }
        }
    }
}

package dev.toolkit.core.server;

import dev.toolkit.core.error.Blocking;
import dev.toolkit.core.observe.Logging;
import dev.toolkit.core.pipeline.ProtocolDefinition;
import dev.toolkit.core.error.Durations;
import dev.toolkit.core.error.ErrorKind;
import dev.toolkit.core.error.Exceptions;
import dev.toolkit.core.error.ToolkitException;
import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.observe.MetricsRecorder;
import org.slf4j.Logger;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Modifier;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A server of {@link Architecture#MULTI_PROCESS}: a supervisor in this JVM and {@link ServerConfig#processes()}
 * worker JVMs that each serve the protocol on Netty's event loop and listen on the same address with
 * SO_REUSEPORT, so that the kernel spreads new connections over them. Started by {@link Servers#start}.
 *
 * <p><b>Workers.</b> Each runs this JVM's {@code java} with this JVM's class path, the system properties
 * {@code io.netty.*}, {@code toolkit.*}, those of the usual logging libraries and the few that decide address
 * families and where native libraries are found, and the options in the
 * system property {@value #JVM_OPTIONS_PROPERTY} (say {@code -Xmx256m}). It creates its own instance of the
 * protocol: from the protocol's class, which must therefore be public with a public no-argument constructor
 * (not a lambda) and be loadable from the class path, or, for a protocol that needs configuration, from a
 * {@link NamedProtocol}'s factory class and string arguments, carried on the worker's command line with the
 * server settings. {@link Servers#start} checks this before starting any process, and makes a named protocol
 * once itself so that wrong arguments fail there. Whatever a
 * worker prints on stdout or stderr is copied, line by line and unchanged, to this JVM's {@code System.out}
 * and {@code System.err}; a worker must not read its stdin, which carries the supervisor's messages.
 *
 * <p><b>Supervision.</b> A worker that exits while the group runs is replaced at once, with a warning naming
 * the old process, its exit status and the new process. A worker that keeps exiting soon after it starts is
 * replaced after growing pauses (0.5 s, doubling, up to 16 s), so a broken worker cannot make the supervisor
 * start JVMs without pause. A replacement that does not listen within 30 s is killed and replaced in turn.
 *
 * <p><b>Port.</b> The supervisor binds the address first, with SO_REUSEPORT but without listening, and holds
 * it until the group closes: port 0 becomes one ephemeral port that every worker, including replacements,
 * binds, and no other program can take the port while workers come and go. A bound socket that does not
 * listen receives no connections.
 *
 * <p><b>Shutdown.</b> {@link #closeGracefully(Duration)}, or SIGTERM or SIGINT to this JVM (with the
 * {@link ServerConfig#shutdownGrace() shutdown grace}), asks every worker to drain: it stops accepting, lets
 * exchanges in progress finish for up to the grace, closes, and exits; workers still running a few seconds
 * after the grace are terminated, then killed. If this JVM exits with the group still running, a shutdown hook
 * drains it with a grace of 5 s; if this JVM dies without running it, each worker sees its stdin end and drains
 * the same way, so no worker outlives its supervisor for long.
 *
 * <p><b>Counters.</b> {@link #metrics()} is the sum of the workers' counters, including those of workers that
 * have exited. It is near-real-time: workers report changes every quarter of a second and once more when they
 * drain, so a worker that is killed outright loses what it counted since its last report.
 *
 * <p><b>Operating it.</b> SO_REUSEPORT spreads connections this way on Linux; where the platform lacks the
 * option, starting fails with a clear error. When a worker's listening socket closes (a worker that exits or
 * drains), connections the kernel accepted but the worker had not yet taken are reset, unless the Linux
 * setting {@code net.ipv4.tcp_migrate_req=1} lets the kernel hand them to the other workers. Under systemd,
 * {@code KillMode=mixed} lets the supervisor drain its workers rather than every process receiving the signal
 * at once.
 */
public final class ProcessGroupServer implements RunningServer<ConnectionMetrics> {

    /** System property with extra JVM options for worker processes, separated by white space. */
    public static final String JVM_OPTIONS_PROPERTY = "toolkit.worker.jvmOptions";

    /** How long starting waits for every worker to listen, and a replacement gets to report ready. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    /** The grace of the drain when the supervisor's JVM exits, and of a worker whose supervisor is gone. */
    static final Duration EXIT_GRACE = Duration.ofSeconds(5);
    /** Time allowed beyond a drain's grace for a worker JVM to report and exit. */
    static final Duration EXIT_MARGIN = Duration.ofSeconds(3);
    /** How long to wait for a worker to end once terminated (SIGTERM), and again once killed (SIGKILL). */
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);
    /** How long to wait for a worker's output to be read to its end after the worker exited. */
    private static final Duration OUTPUT_WAIT = Duration.ofSeconds(2);
    /** The last stderr lines of a worker kept to explain why it failed to start. */
    private static final int REMEMBERED_ERROR_LINES = 20;
    /**
     * The system properties passed on to workers, by prefix: Netty's and the toolkit's settings, logging, the
     * address family preference, and where native transports are unpacked and loaded from.
     */
    private static final List<String> FORWARDED_PROPERTIES = List.of("io.netty.", "toolkit.", "org.slf4j.",
            "slf4j.", "java.util.logging.", "logback.", "log4j", "java.net.preferIPv", "file.encoding",
            "java.io.tmpdir", "java.library.path");

    private static final Logger log = Logging.logger(ProcessGroupServer.class);

    private final ServerConfig config;
    /** How a worker's command line names the protocol: class name, argument count, arguments. */
    private final List<String> protocolWords;
    private final Duration startTimeout;
    private final SocketChannel reservation;
    private final InetSocketAddress address;
    private final ServerConfig workerConfig;
    private final List<String> jvm;
    private final String token = WorkerMessages.newToken();
    private final String marker = WorkerMessages.marker(token);
    private final RestartThrottle throttle;
    private final ScheduledExecutorService supervisor;
    private final MetricsRecorder recorder = new MetricsRecorder();
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread exitHook;
    private final Object lock = new Object();
    private final Worker[] slots;
    private boolean closing;
    private long restarts;

    private ProcessGroupServer(ServerConfig config, List<String> protocolWords, Duration startTimeout,
                               SocketChannel reservation, InetSocketAddress address) {
        this.config = config;
        this.protocolWords = protocolWords;
        this.startTimeout = startTimeout;
        this.reservation = reservation;
        this.address = address;
        // Workers bind exactly the reserved address: the resolved IP (or the wildcard) and the real port.
        this.workerConfig = config.toBuilder()
                .host(config.host().isEmpty() ? "" : address.getAddress().getHostAddress())
                .port(address.getPort())
                .build();
        this.jvm = jvmCommand();
        this.slots = new Worker[config.processes()];
        this.throttle = new RestartThrottle(config.processes(), RestartThrottle.DEFAULT_BACKOFF,
                RestartThrottle.DEFAULT_STABLE_AFTER);
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, config.name() + "-supervisor");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.supervisor = executor;
        this.exitHook = new Thread(() -> closeGracefully(EXIT_GRACE), config.name() + "-exit");
    }

    /** Starts a group with the default start time-out. */
    static ProcessGroupServer start(ServerConfig config, ProtocolDefinition protocol) {
        return start(config, protocol, START_TIMEOUT);
    }

    /**
     * Reserves the address, starts the workers and waits until each listens.
     *
     * @throws IllegalArgumentException if the protocol cannot be created by class name in a worker
     * @throws ToolkitException if the address cannot be reserved, or a worker fails or is not ready in time
     */
    static ProcessGroupServer start(ServerConfig config, ProtocolDefinition protocol, Duration startTimeout) {
        List<String> protocolWords = workerProtocol(protocol);
        // Refused before any process starts: a stage the workers cannot rebuild.
        config.security().ifPresent(ConfigArguments::securityRecipe);
        SocketChannel reservation = reserve(config);
        ProcessGroupServer server;
        try {
            server = new ProcessGroupServer(config, protocolWords, startTimeout, reservation,
                    (InetSocketAddress) reservation.getLocalAddress());
        } catch (IOException | RuntimeException e) {
            closeQuietly(reservation);
            throw Exceptions.map(e);
        }
        server.startWorkers();
        return server;
    }

    /**
     * The words of a worker's command line that name {@code protocol}: its class name (or its factory's),
     * the number of arguments, the arguments.
     *
     * @throws IllegalArgumentException if a worker could not make it, or a named protocol refuses its arguments
     */
    static List<String> workerProtocol(ProtocolDefinition protocol) {
        if (!(protocol instanceof NamedProtocol)) {
            return List.of(creatableByName(protocol.getClass()), "0");
        }
        NamedProtocol named = (NamedProtocol) protocol;
        try {
            named.create();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("protocol " + named + " cannot be made, so no worker process"
                    + " was started: " + e.getMessage(), e);
        }
        List<String> words = new ArrayList<>();
        words.add(named.factory().getName());
        words.add(String.valueOf(named.arguments().size()));
        words.addAll(named.arguments());
        return words;
    }

    /**
     * Checks that a worker process can create the protocol from its class name, and returns the name.
     *
     * @throws IllegalArgumentException naming the class and what is wrong with it
     */
    static String creatableByName(Class<?> type) {
        return creatableByName(type, "protocol");
    }

    /** As {@link #creatableByName(Class)}, for a class that is {@code what} (named in the error). */
    static String creatableByName(Class<?> type, String what) {
        String name = type.getName();
        String need = "; a MULTI_PROCESS server creates the " + what + " in each worker process from its class name,"
                + " so it must be a public top-level or static nested class with a public no-argument constructor"
                + ("protocol".equals(what) ? " (a protocol that needs configuration is named by a ProtocolFactory"
                        + " class and string arguments: NamedProtocol.of(Factory.class, arguments...))" : "");
        if (type.isHidden() || type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass()) {
            throw new IllegalArgumentException(what + " " + name
                    + " is a lambda, anonymous or local class" + need);
        }
        if (type.isMemberClass() && !Modifier.isStatic(type.getModifiers())) {
            throw new IllegalArgumentException(what + " " + name + " is an inner (non-static) class" + need);
        }
        if (!Modifier.isPublic(type.getModifiers())) {
            throw new IllegalArgumentException(what + " " + name + " is not public" + need);
        }
        try {
            type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(what + " " + name + " has no public no-argument constructor"
                    + need, e);
        }
        try {
            if (Class.forName(name, false, ClassLoader.getSystemClassLoader()) != type) {
                throw new IllegalArgumentException(what + " " + name + " was loaded by another class loader than"
                        + " the class path's, so worker processes would load a different class" + need);
            }
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException(what + " " + name + " is not on the class path ("
                    + "java.class.path), so worker processes cannot load it" + need, e);
        }
        return name;
    }

    /** Binds the address with SO_REUSEPORT, without listening, to hold the port for the workers. */
    private static SocketChannel reserve(ServerConfig config) {
        InetSocketAddress bindAddress = config.bindAddress();
        SocketChannel channel = null;
        try {
            if (bindAddress.getAddress() instanceof Inet4Address && !bindAddress.getAddress().isAnyLocalAddress()) {
                channel = SocketChannel.open(StandardProtocolFamily.INET);
            } else if (bindAddress.getAddress() instanceof Inet6Address
                    && !bindAddress.getAddress().isAnyLocalAddress()) {
                channel = SocketChannel.open(StandardProtocolFamily.INET6);
            } else {
                channel = SocketChannel.open();
            }
            if (!channel.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                throw new ToolkitException(ErrorKind.IO, "SO_REUSEPORT is not available on "
                        + System.getProperty("os.name") + ", and a MULTI_PROCESS server needs it so that its"
                        + " worker processes can listen on one port", null);
            }
            channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            // No SO_REUSEADDR here: with it, a program using SO_REUSEADDR could bind and listen on the port
            // while no worker listens.
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, false);
            channel.bind(bindAddress);
            return channel;
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw Exceptions.map(e, bindAddress);
        }
    }

    private List<String> jvmCommand() {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java").toString());
        String options = System.getProperty(JVM_OPTIONS_PROPERTY, "").trim();
        if (!options.isEmpty()) {
            command.addAll(List.of(options.split("\\s+")));
        }
        // Sorted, so that every worker's command line reads the same.
        new TreeMap<>(System.getProperties()).forEach((key, value) -> {
            String name = String.valueOf(key);
            if (FORWARDED_PROPERTIES.stream().anyMatch(name::startsWith)) {
                command.add("-D" + name + "=" + value);
            }
        });
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(WorkerMain.class.getName());
        command.add(token);
        command.addAll(protocolWords);
        return command;
    }

    private List<String> command(int slot) {
        List<String> command = new ArrayList<>(jvm);
        command.addAll(ConfigArguments.encode(workerConfig.toBuilder()
                .name(config.name() + "-w" + (slot + 1)).build()));
        return command;
    }

    private void startWorkers() {
        ToolkitException failure = null;
        try {
            List<CompletableFuture<Void>> readies = new ArrayList<>();
            synchronized (lock) {
                for (int slot = 0; slot < slots.length; slot++) {
                    slots[slot] = spawn(slot);
                    readies.add(slots[slot].ready);
                }
            }
            CompletableFuture.allOf(readies.toArray(CompletableFuture[]::new))
                    .thenRun(() -> started.complete(null));
            started.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            ToolkitException late = notReady();
            // Whoever completes started first decides: a worker may have become ready, or failed, meanwhile.
            failure = started.completeExceptionally(late) ? late : startFailure();
        } catch (ExecutionException e) {
            failure = startFailure();
        } catch (IOException e) {
            failure = new ToolkitException(ErrorKind.IO, "cannot start a worker process (" + jvm.get(0) + "): "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = new ToolkitException(ErrorKind.INTERNAL, "interrupted while starting worker processes", e);
        }
        if (failure == null) {
            try {
                Runtime.getRuntime().addShutdownHook(exitHook);
                ServerSignals.watch(this, config.shutdownGrace());
            } catch (IllegalStateException e) {
                failure = new ToolkitException(ErrorKind.INTERNAL, "the JVM is shutting down", e);
            }
        }
        if (failure != null) {
            started.completeExceptionally(failure);
            stop(Duration.ZERO, true);
            throw failure;
        }
        log.info("{} listening at {} with {} worker processes {}", config.name(), address, slots.length,
                workerPids());
    }

    /** The reason {@link #started} failed, or {@code null} if it did not. */
    private ToolkitException startFailure() {
        try {
            started.join();
            return null;
        } catch (RuntimeException e) {
            Throwable cause = Exceptions.unwrap(e);
            return cause instanceof ToolkitException ? (ToolkitException) cause : Exceptions.map(cause);
        }
    }

    private ToolkitException notReady() {
        List<String> late = new ArrayList<>();
        synchronized (lock) {
            for (Worker w : slots) {
                if (w != null && !w.ready.isDone()) {
                    late.add("pid " + w.pid + w.lastErrors());
                }
            }
        }
        return new ToolkitException(ErrorKind.TIMEOUT, config.name() + ": worker processes not listening after "
                + Durations.format(startTimeout) + ": " + String.join("; ", late), null);
    }

    /** Starts the worker of {@code slot}; called holding {@link #lock}. */
    private Worker spawn(int slot) throws IOException {
        Process process = new ProcessBuilder(command(slot)).start();
        Worker worker = new Worker(slot, process);
        worker.ready.whenComplete((ok, failure) -> {
            if (failure != null) {
                started.completeExceptionally(failure);
            }
        });
        process.onExit().whenComplete((p, failure) -> dispatch(() -> workerExited(worker)));
        worker.startReading();
        return worker;
    }

    private void dispatch(Runnable task) {
        try {
            supervisor.execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("{} is closed; ignoring a worker event", config.name());
        }
    }

    /** Runs on the supervisor thread when a worker's process has ended. */
    private void workerExited(Worker worker) {
        synchronized (lock) {
            if (closing || slots[worker.slot] != worker) {
                return;
            }
        }
        worker.awaitOutput(OUTPUT_WAIT);
        ToolkitException reason = worker.exitReason();
        // Decided on started itself, atomically: while the group starts, a worker's end fails the start.
        boolean starting = started.completeExceptionally(reason) || started.isCompletedExceptionally();
        worker.ready.completeExceptionally(reason);
        if (starting) {
            return; // start() stops the other workers and throws
        }
        if (jvmShuttingDown()) {
            // A signal to the whole process group reaches the workers too; this JVM's hook drains the rest.
            return;
        }
        Duration servedFor = worker.readyNanos == 0 ? null : Duration.ofNanos(System.nanoTime() - worker.readyNanos);
        Duration pause = throttle.afterExit(worker.slot, servedFor);
        if (pause.isZero()) {
            replace(worker);
        } else {
            log.warn("{}: worker {} (pid {}) exited with status {}, {} times in a row soon after starting;"
                    + " replacing it in {}", config.name(), worker.slot + 1, worker.pid, worker.exitStatus(),
                    throttle.streak(worker.slot), Durations.format(pause));
            schedule(() -> replace(worker), pause);
        }
    }

    /** Starts a worker in the slot of {@code old}, which has exited. */
    private void replace(Worker old) {
        Worker fresh;
        synchronized (lock) {
            if (closing || slots[old.slot] != old) {
                return;
            }
            try {
                fresh = spawn(old.slot);
            } catch (IOException e) {
                Duration pause = throttle.afterExit(old.slot, null);
                log.error("{}: cannot start a replacement for worker {} (pid {}): {}; trying again in {}",
                        config.name(), old.slot + 1, old.pid, e.getMessage(), Durations.format(pause));
                schedule(() -> replace(old), pause);
                return;
            }
            slots[old.slot] = fresh;
            restarts++;
            schedule(() -> {
                if (!fresh.ready.isDone()) {
                    log.warn("{}: worker {} (pid {}) not listening after {}; killing it", config.name(),
                            fresh.slot + 1, fresh.pid, Durations.format(startTimeout));
                    fresh.process.destroyForcibly();
                }
            }, startTimeout);
        }
        log.warn("{}: worker {} (pid {}) exited with status {}; replaced by pid {}", config.name(), old.slot + 1,
                old.pid, old.exitStatus(), fresh.pid);
    }

    private void schedule(Runnable task, Duration delay) {
        try {
            supervisor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("{} is closed; not scheduling", config.name());
        }
    }

    /** Whether this JVM has begun to shut down (adding a shutdown hook is then refused). */
    private static boolean jvmShuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    /**
     * The process ids of the live workers, in slot order. A replacement appears as soon as its process
     * starts, before it listens; a slot waiting out a crash-loop pause has none.
     */
    public List<Long> workerPids() {
        List<Long> pids = new ArrayList<>();
        synchronized (lock) {
            for (Worker w : slots) {
                if (w != null && w.process.isAlive()) {
                    pids.add(w.pid);
                }
            }
        }
        return pids;
    }

    /** How many times a worker that exited has been replaced. */
    public long restarts() {
        synchronized (lock) {
            return restarts;
        }
    }

    /** The address every worker listens on (with the real port when port 0 was asked for). */
    @Override
    public InetSocketAddress localAddress() {
        return address;
    }

    /** Always {@link Architecture#MULTI_PROCESS}. */
    @Override
    public Architecture architecture() {
        return Architecture.MULTI_PROCESS;
    }

    /** The sum of every worker's counters, near-real-time (workers report every quarter of a second). */
    @Override
    public ConnectionMetrics metrics() {
        return recorder.metrics();
    }

    /**
     * Asks every worker to drain: each stops accepting, lets exchanges in progress finish for up to
     * {@code grace}, closes and exits. Workers still running a few seconds after the grace are terminated, then
     * killed. Then the port is released. Blocks until every worker has ended.
     */
    @Override
    public void closeGracefully(Duration grace) {
        Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative: " + grace);
        }
        stop(grace, false);
    }

    /** Drains with no grace: every worker closes its connections at once and exits. */
    @Override
    public void close() {
        stop(Duration.ZERO, false);
    }

    @Override
    public void awaitClosed() {
        Blocking.await(closed, "awaitClosed of server " + config.name());
    }

    private void stop(Duration grace, boolean kill) {
        List<Worker> workers = new ArrayList<>();
        synchronized (lock) {
            if (closing) {
                awaitClosedUninterruptibly();
                return;
            }
            closing = true;
            for (Worker w : slots) {
                if (w != null) {
                    workers.add(w);
                }
            }
        }
        supervisor.shutdownNow(); // pending replacements and readiness checks
        boolean interrupted = false;
        if (!kill) {
            log.info("{}: draining {} worker processes (grace {})", config.name(), workers.size(),
                    Durations.format(grace));
            for (Worker w : workers) {
                w.send(WorkerMessages.drain(grace));
            }
            interrupted = awaitExit(workers, grace.plus(EXIT_MARGIN));
        }
        for (Worker w : workers) {
            if (w.process.isAlive()) {
                if (!kill) {
                    log.warn("{}: worker {} (pid {}) still running after the grace; terminating it", config.name(),
                            w.slot + 1, w.pid);
                }
                w.process.destroy();
            }
        }
        interrupted |= awaitExit(workers, KILL_WAIT);
        for (Worker w : workers) {
            if (w.process.isAlive()) {
                log.warn("{}: worker {} (pid {}) ignored termination; killing it", config.name(), w.slot + 1, w.pid);
                w.process.destroyForcibly();
            }
        }
        interrupted |= awaitExit(workers, KILL_WAIT);
        for (Worker w : workers) {
            if (w.process.isAlive()) {
                log.error("{}: worker pid {} did not end even when killed", config.name(), w.pid);
            }
            w.awaitOutput(OUTPUT_WAIT); // the last counters arrive with the last output
        }
        closeQuietly(reservation);
        try {
            ServerSignals.forget(this);
            Runtime.getRuntime().removeShutdownHook(exitHook);
        } catch (IllegalStateException e) {
            // Called from the hook itself, or while the JVM shuts down: nothing to remove.
        }
        closed.countDown();
        if (!kill) {
            log.info("{}: closed", config.name());
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until every worker has ended or {@code timeout} passed; returns whether it was interrupted. */
    private static boolean awaitExit(List<Worker> workers, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean interrupted = false;
        for (Worker w : workers) {
            while (true) {
                try {
                    w.process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // closing must still release the workers and the port
                }
            }
        }
        return interrupted;
    }

    private void awaitClosedUninterruptibly() {
        boolean interrupted = false;
        while (true) {
            try {
                closed.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                log.debug("closing the port reservation failed", e);
            }
        }
    }

    @Override
    public String toString() {
        return "ProcessGroupServer{" + config.name() + " " + address + ", workers=" + workerPids() + ", restarts="
                + restarts() + "}";
    }

    /** One worker process and the threads that read its output. */
    private final class Worker {
        final int slot;
        final Process process;
        final long pid;
        final long startNanos = System.nanoTime();
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        final WorkerMetrics counters = new WorkerMetrics();
        volatile long readyNanos;
        volatile String failure;
        volatile ErrorKind failureKind = ErrorKind.INTERNAL;
        private final Deque<String> errorLines = new ArrayDeque<>();
        private final Thread stdoutReader;
        private final Thread stderrReader;

        Worker(int slot, Process process) {
            this.slot = slot;
            this.process = process;
            this.pid = process.pid();
            String prefix = config.name() + "-w" + (slot + 1) + "-";
            this.stdoutReader = new Thread(this::readStdout, prefix + "stdout");
            this.stderrReader = new Thread(this::readStderr, prefix + "stderr");
            stdoutReader.setDaemon(true);
            stderrReader.setDaemon(true);
        }

        void startReading() {
            stdoutReader.start();
            stderrReader.start();
        }

        /** Control messages, and the protocol's lines copied to this JVM's stdout. */
        private void readStdout() {
            // ISO-8859-1 maps each byte to one char and back: copied lines keep their bytes whatever the charset.
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.ISO_8859_1))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith(marker)) {
                        control(new String(line.substring(marker.length()).getBytes(StandardCharsets.ISO_8859_1),
                                StandardCharsets.UTF_8));
                    } else {
                        copy(line, System.out);
                    }
                }
            } catch (IOException e) {
                log.debug("{}: reading the output of pid {} failed", config.name(), pid, e);
            } finally {
                counters.retire(recorder);
            }
        }

        private void readStderr() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.ISO_8859_1))) {
                for (String line; (line = in.readLine()) != null; ) {
                    copy(line, System.err);
                    synchronized (errorLines) {
                        if (errorLines.size() == REMEMBERED_ERROR_LINES) {
                            errorLines.removeFirst();
                        }
                        errorLines.addLast(new String(line.getBytes(StandardCharsets.ISO_8859_1),
                                StandardCharsets.UTF_8));
                    }
                }
            } catch (IOException e) {
                log.debug("{}: reading the errors of pid {} failed", config.name(), pid, e);
            }
        }

        private void control(String message) {
            String argument = WorkerMessages.argument(message);
            try {
                switch (WorkerMessages.command(message)) {
                    case WorkerMessages.READY -> {
                        readyNanos = System.nanoTime();
                        boolean replacement = started.isDone();
                        if (ready.complete(null) && replacement) {
                            log.info("{}: worker {} (pid {}) listening, {} after it started", config.name(),
                                    slot + 1, pid, Durations.format(Duration.ofNanos(readyNanos - startNanos)));
                        }
                    }
                    case WorkerMessages.METRICS -> counters.apply(WorkerMessages.parseMetrics(argument), recorder);
                    case WorkerMessages.FAILED -> {
                        failureKind = ErrorKind.valueOf(WorkerMessages.command(argument));
                        failure = WorkerMessages.argument(argument);
                    }
                    default -> log.warn("{}: unknown message from pid {}: {}", config.name(), pid, message);
                }
            } catch (IllegalArgumentException e) {
                log.warn("{}: malformed message from pid {}: {}", config.name(), pid, message);
            }
        }

        void send(String message) {
            try {
                OutputStream in = process.getOutputStream();
                synchronized (this) {
                    in.write((message + "\n").getBytes(StandardCharsets.US_ASCII));
                    in.flush();
                }
            } catch (IOException e) {
                log.debug("{}: pid {} did not take {}: {}", config.name(), pid, message, e.toString());
            }
        }

        void awaitOutput(Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            try {
                stdoutReader.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                stderrReader.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        String exitStatus() {
            return process.isAlive() ? "?" : String.valueOf(process.exitValue());
        }

        /** Why this worker ended, from what it reported or else its last lines on stderr. */
        ToolkitException exitReason() {
            String what = config.name() + ": worker " + (slot + 1) + " of " + slots.length + " (pid " + pid
                    + ") exited with status " + exitStatus();
            if (failure != null) {
                return new ToolkitException(failureKind, what + ": " + failure, null);
            }
            return new ToolkitException(ErrorKind.INTERNAL, what + lastErrors(), null);
        }

        String lastErrors() {
            synchronized (errorLines) {
                return errorLines.isEmpty() ? "" : "; its last error output:\n  " + String.join("\n  ", errorLines);
            }
        }

        private void copy(String line, PrintStream target) {
            byte[] bytes = (line + "\n").getBytes(StandardCharsets.ISO_8859_1);
            target.write(bytes, 0, bytes.length);
            target.flush();
        }
    }
}

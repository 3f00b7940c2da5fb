package dev.toolkit.core.server;

import dev.toolkit.core.pipeline.ProtocolDefinition;
import dev.toolkit.core.error.ErrorKind;
import dev.toolkit.core.error.ToolkitException;
import dev.toolkit.core.transport.Transport;
import io.netty.channel.Channel;
import io.netty.channel.uring.IoUring;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Worker processes sharing a port: spreading, replacement of a killed worker, draining, no orphans. */
class ProcessGroupServerIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Test
    void spreadsConnectionsAndReplacesAKilledWorkerWhileTheOthersKeepAnswering() throws Exception {
        ProcessGroupServer server = start(3, Transport.AUTO);
        Set<Long> everyPid = new HashSet<>(server.workerPids());
        try {
            assertEquals(Architecture.MULTI_PROCESS, server.architecture());
            assertNotEquals(0, server.localAddress().getPort());
            List<Long> pids = server.workerPids();
            assertEquals(3, pids.size(), "workers: " + pids);

            int connections = 30;
            Set<Long> answered = new HashSet<>();
            for (int i = 0; i < connections; i++) {
                try (LineClient client = new LineClient(server.localAddress())) {
                    answered.add(client.ask("who?"));
                }
            }
            assertTrue(answered.size() > 1, "the kernel spread " + connections + " connections over " + answered);
            assertTrue(pids.containsAll(answered), "answered by " + answered + ", workers " + pids);
            await(() -> server.metrics().connectionsTotal() >= connections,
                    () -> "the group's counters: " + server.metrics());

            // One connection at a time, so that a kill can cost at most the one exchange in flight.
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger exchanges = new AtomicInteger();
            Map<Long, LongAdder> answers = new ConcurrentHashMap<>();
            Queue<Exception> failures = new ConcurrentLinkedQueue<>();
            Thread loop = new Thread(() -> {
                while (!stop.get()) {
                    try (LineClient client = new LineClient(server.localAddress())) {
                        answers.computeIfAbsent(client.ask("who?"), pid -> new LongAdder()).increment();
                        exchanges.incrementAndGet();
                    } catch (IOException | RuntimeException e) {
                        failures.add(e);
                    }
                    sleep(5);
                }
            }, "client-loop");
            loop.start();
            try {
                await(() -> exchanges.get() >= 10, () -> "client loop running, failures " + failures);
                long victim = pids.get(0);
                ProcessHandle.of(victim).orElseThrow().destroyForcibly();
                await(() -> !server.workerPids().contains(victim) && server.workerPids().size() == 3,
                        () -> "replacement of pid " + victim + ", workers " + server.workerPids());
                List<Long> now = server.workerPids();
                everyPid.addAll(now);
                Set<Long> replacements = new HashSet<>(now);
                replacements.removeAll(pids);
                assertEquals(1, replacements.size(), "before " + pids + ", after " + now);
                long replacement = replacements.iterator().next();
                int before = exchanges.get();
                await(() -> answers.containsKey(replacement) && exchanges.get() > before + 20,
                        () -> "answers from the replacement " + replacement + ", answers " + answers);
            } finally {
                stop.set(true);
                loop.join(TimeUnit.SECONDS.toMillis(30));
            }
            assertFalse(loop.isAlive());
            List<Exception> refused = failures.stream().filter(e -> e instanceof ConnectException)
                    .collect(Collectors.toList());
            assertTrue(refused.isEmpty(), "connections refused while a worker was replaced: " + refused);
            assertTrue(failures.size() <= 1, "only the exchange in flight at the kill may fail: " + failures);
            assertEquals(1, server.restarts());
            // A worker killed outright loses what it counted since its last report; the others lose nothing.
            long victim = pids.get(0);
            long counted = connections + answers.entrySet().stream().filter(e -> e.getKey() != victim)
                    .mapToLong(e -> e.getValue().sum()).sum();
            await(() -> server.metrics().connectionsTotal() >= counted,
                    () -> counted + " connections made to the surviving workers, the group counted "
                            + server.metrics());
        } finally {
            server.close();
        }
        assertTrue(server.workerPids().isEmpty());
        for (long pid : everyPid) {
            assertTrue(ended(pid), "worker " + pid + " still runs after close");
        }
        assertEquals(0, server.metrics().connectionsOpen());
    }

    @Test
    void drainsGracefullyLettingAnExchangeInProgressFinish() throws Exception {
        PrintStream originalOut = System.out;
        LineCapture captured = new LineCapture(originalOut);
        System.setOut(captured);
        try {
            ProcessGroupServer server = start(2, Transport.AUTO);
            List<Long> pids = server.workerPids();
            Thread closer = new Thread(() -> server.closeGracefully(Duration.ofSeconds(20)), "closer");
            try (LineClient client = new LineClient(server.localAddress())) {
                long pid = client.ask("first");
                assertTrue(pids.contains(pid));
                await(() -> captured.text().contains("accepted by " + pid),
                        () -> "the worker's printed line copied to System.out: " + captured.text());

                client.send("sec");
                closer.start();
                await(() -> refused(server.localAddress()), () -> "the group stops accepting");
                client.send("ond\n");
                assertEquals(String.valueOf(pid), client.readLine(), "the exchange in progress finishes");
            }
            closer.join(TimeUnit.SECONDS.toMillis(40));
            assertFalse(closer.isAlive(), "closeGracefully returns once the open connection has closed");
            for (long pid : pids) {
                assertTrue(ended(pid), "worker " + pid + " still runs after closeGracefully");
            }
            assertTrue(server.metrics().connectionsTotal() >= 1);
            assertEquals(0, server.metrics().connectionsOpen());
        } finally {
            System.setOut(originalOut);
        }
    }

    /** NIO, epoll and, where the kernel offers it, io_uring (so no run skips a case). */
    static Stream<Transport> availableTransports() {
        return Stream.of(Transport.NIO, Transport.EPOLL, Transport.IO_URING)
                .filter(t -> t != Transport.IO_URING || IoUring.isAvailable());
    }

    @ParameterizedTest
    @MethodSource("availableTransports")
    void spreadsConnectionsOnEveryTransport(Transport transport) throws Exception {
        ProcessGroupServer server = start(2, transport);
        try {
            Set<Long> answered = new HashSet<>();
            for (int i = 0; i < 30 && answered.size() < 2; i++) {
                try (LineClient client = new LineClient(server.localAddress())) {
                    answered.add(client.ask("who?"));
                }
            }
            assertEquals(new HashSet<>(server.workerPids()), answered);
        } finally {
            server.close();
        }
    }

    @Test
    void failsToStartWhenAWorkerCannotStartAndLeavesNoProcess() {
        Set<Long> childrenBefore = children();
        ToolkitException e = assertThrows(ToolkitException.class, () -> Servers.start(ServerConfig.builder()
                .architecture(Architecture.MULTI_PROCESS).processes(2).build(), new FailsInWorker()));
        assertTrue(e.getMessage().contains("refusing to serve in a worker process"), e.getMessage());
        assertTrue(e.getMessage().contains("exited with status " + WorkerMain.EXIT_START_FAILED), e.getMessage());
        assertEquals(childrenBefore, children());
    }

    @Test
    void failsToStartWhenAWorkerIsNotReadyInTime() {
        Set<Long> childrenBefore = children();
        ToolkitException e = assertThrows(ToolkitException.class, () -> ProcessGroupServer.start(
                ServerConfig.builder().architecture(Architecture.MULTI_PROCESS).processes(1).build(),
                new HangsInWorker(), Duration.ofSeconds(3)));
        assertEquals(ErrorKind.TIMEOUT, e.kind());
        assertTrue(e.getMessage().contains("not listening after 3 s"), e.getMessage());
        assertEquals(childrenBefore, children());
    }

    @Test
    void workersEndWhenTheirSupervisorDies() throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Supervisor.class.getName()));
        Process supervisor = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<Long> workers = new ArrayList<>();
        StringBuilder output = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(supervisor.getInputStream(),
                StandardCharsets.UTF_8))) {
            Thread reader = new Thread(() -> {
                try {
                    for (String line; (line = in.readLine()) != null; ) {
                        synchronized (output) {
                            output.append(line).append('\n');
                        }
                        if (line.startsWith("workers ")) {
                            synchronized (workers) {
                                for (String pid : line.substring(8).split(",")) {
                                    workers.add(Long.parseLong(pid));
                                }
                            }
                        }
                    }
                } catch (IOException e) {
                    // the supervisor was killed
                }
            }, "supervisor-output");
            reader.setDaemon(true);
            reader.start();
            await(() -> {
                synchronized (workers) {
                    return workers.size() == 2;
                }
            }, () -> "the supervisor's report of its workers; its output:\n" + output);
            supervisor.destroyForcibly();
            assertTrue(supervisor.waitFor(30, TimeUnit.SECONDS));
            for (long pid : workers) {
                await(() -> ended(pid), () -> "worker " + pid + " ends after its supervisor died; output:\n" + output);
            }
        } finally {
            supervisor.destroyForcibly();
        }
    }

    /** Starts a group of one or more workers and prints their process ids, then runs until killed. */
    public static final class Supervisor {
        private Supervisor() {
        }

        /** Entry point of the supervisor process. */
        public static void main(String[] args) throws InterruptedException {
            ProcessGroupServer server = start(2, Transport.AUTO);
            System.out.println("workers " + server.workerPids().stream().map(String::valueOf)
                    .collect(Collectors.joining(",")));
            server.awaitClosed();
        }
    }

    /** A protocol whose creation fails in a worker process (but not in the test, which creates it too). */
    public static final class FailsInWorker implements ProtocolDefinition {
        /** Fails when created in a worker process. */
        public FailsInWorker() {
            if (inWorker()) {
                throw new IllegalStateException("refusing to serve in a worker process");
            }
        }

        @Override
        public void initialize(Channel channel) {
            channel.close();
        }
    }

    /** A protocol whose creation never ends in a worker process. */
    public static final class HangsInWorker implements ProtocolDefinition {
        /** Blocks for ever when created in a worker process. */
        public HangsInWorker() throws InterruptedException {
            if (inWorker()) {
                Thread.sleep(Long.MAX_VALUE);
            }
        }

        @Override
        public void initialize(Channel channel) {
            channel.close();
        }
    }

    private static boolean inWorker() {
        return System.getProperty("sun.java.command", "").startsWith(WorkerMain.class.getName());
    }

    private static ProcessGroupServer start(int processes, Transport transport) {
        ServerConfig config = ServerConfig.builder().architecture(Architecture.MULTI_PROCESS)
                .processes(processes).transport(transport).name("pid-group").build();
        return (ProcessGroupServer) Servers.start(config, new PidProtocol());
    }

    private static boolean refused(InetSocketAddress address) {
        try (LineClient client = new LineClient(address)) {
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether a process has ended. A zombie counts as ended: an orphaned worker's new parent (PID 1 of a
     * container, say) may never reap it, and {@link ProcessHandle#isAlive()} reports zombies as alive.
     */
    private static boolean ended(long pid) {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            try {
                String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
                char state = stat.charAt(stat.lastIndexOf(')') + 2);
                return state == 'Z' || state == 'X';
            } catch (IOException | RuntimeException e) {
                return !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            }
        }
        return true;
    }

    private static Set<Long> children() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    private static void await(BooleanSupplier condition, java.util.function.Supplier<String> what)
            throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what.get());
            }
            Thread.sleep(20);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A System.out that keeps what passes through it. */
    private static final class LineCapture extends PrintStream {
        private final ByteArrayOutputStream copy;

        LineCapture(PrintStream target) {
            this(target, new ByteArrayOutputStream());
        }

        private LineCapture(PrintStream target, ByteArrayOutputStream copy) {
            super(new java.io.OutputStream() {
                @Override
                public void write(int b) {
                    target.write(b);
                    synchronized (copy) {
                        copy.write(b);
                    }
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    target.write(b, off, len);
                    synchronized (copy) {
                        copy.write(b, off, len);
                    }
                }
            }, true);
            this.copy = copy;
        }

        String text() {
            synchronized (copy) {
                return copy.toString(StandardCharsets.UTF_8);
            }
        }
    }
}

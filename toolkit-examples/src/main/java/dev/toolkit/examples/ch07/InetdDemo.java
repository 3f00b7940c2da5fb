package dev.toolkit.examples.ch07;

import dev.toolkit.examples.tour.DemoUnavailableException;
import dev.toolkit.examples.tour.Expect;
import dev.toolkit.examples.tour.ListingDemo;
import dev.toolkit.examples.tour.ListingRun;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The tour's demo of {@code in_zen1} / {@code in_zen2}, started as inetd would start them, by
 * {@code systemd-socket-activate --inetd} ({@code -a}, a process per connection, for {@code nowait}): the
 * book's {@code client} asks its questions, {@code client -e} leaves mid-question, and the program's lines
 * are read from its log file, since its stdout is the socket.
 */
final class InetdDemo extends ListingDemo {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String ACTIVATOR = "systemd-socket-activate";

    private final boolean nowait;

    InetdDemo(String listing, boolean nowait, String checks) {
        super("ch07", listing, checks);
        this.nowait = nowait;
    }

    @Override
    public List<String> run(PrintWriter console) throws Exception {
        String activator = onPath(ACTIVATOR);
        Path dir = Files.createTempDirectory("toolkit-inetd");
        Path log = dir.resolve(listing() + ".log");
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(activator, "-l", "127.0.0.1:" + port));
        if (nowait) {
            command.add("-a");
        }
        command.addAll(List.of("--inetd", "-E", "IN_ZEN_LOG=" + log));
        console.println("$ " + String.join(" ", command) + " toolkit ch07 " + listing());
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.toolkit.examples.Launcher", "ch07", listing()));
        Process inetd = new ProcessBuilder(command).redirectOutput(dir.resolve("stdout").toFile()).start();
        List<String> problems = new ArrayList<>();
        try {
            if (!listening(inetd).await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                return List.of(ACTIVATOR + " did not start listening");
            }
            String p = String.valueOf(port);
            problems.addAll(Chapter07Demos.checkClient(client(console, List.of("127.0.0.1", "-p", p))));
            problems.addAll(Expect.lines("client -e", client(console, List.of("127.0.0.1", "-e", "-p", p)),
                    List.of()));
            List<String> logged = awaitLog(log, 2);
            for (String line : logged) {
                console.println("     log | " + line);
            }
            problems.addAll(Expect.lines("log", logged, expectedLog()));
            if (!nowait) {
                // in_zen2 hands the listener back after 8.0 s without a client, and exits.
                console.println("(no more clients: in_zen2 exits after its 8.0 s idle time-out)");
                if (!inetd.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS) || inetd.exitValue() != 0) {
                    problems.add("in_zen2 did not exit with status 0 when idle");
                } else if (!Files.readAllLines(log).contains(InZen2.IDLE_LINE)) {
                    problems.add("in_zen2 did not log: " + InZen2.IDLE_LINE);
                }
            }
        } finally {
            inetd.destroy();
            inetd.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            deleteTree(dir);
        }
        return problems;
    }

    /** What the program logs for the two clients: {@code zen_utils}' lines only (BOOK.md). */
    private List<String> expectedLog() {
        List<String> lines = new ArrayList<>(Chapter07Demos.closingLines(listing(), false));
        lines.addAll(Chapter07Demos.closingLines(listing(), true));
        return lines;
    }

    private List<String> client(PrintWriter console, List<String> args) throws InterruptedException {
        console.println("$ toolkit ch07 client " + String.join(" ", args));
        try (ListingRun client = ListingRun.start(program("ch07", "client"), "client", console, args)) {
            int status = client.awaitExit(TIMEOUT);
            List<String> out = new ArrayList<>(client.out());
            if (status != 0) {
                out.add("(exit status " + status + ")");
            }
            return out;
        }
    }

    /** The log's lines once it shows {@code conversations} finished conversations. */
    private static List<String> awaitLog(Path log, int conversations) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        List<String> lines = List.of();
        while (System.nanoTime() < deadline) {
            lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            if (lines.stream().filter(l -> l.endsWith("has closed") || l.endsWith("then socket closed")).count()
                    >= conversations) {
                break;
            }
            Thread.sleep(50);
        }
        return lines.stream().filter(l -> !l.equals(InZen2.IDLE_LINE)).toList();
    }

    /** Counts down once the activator says it listens (on its stderr). */
    private static CountDownLatch listening(Process inetd) {
        CountDownLatch listening = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(inetd.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = err.readLine(); line != null; line = err.readLine()) {
                    if (line.contains("Listening on")) {
                        listening.countDown();
                    }
                }
            } catch (IOException e) {
                // the activator ended; a missing "Listening" line is reported by the caller
            }
        }, "inetd-demo-stderr");
        reader.setDaemon(true);
        reader.start();
        return listening;
    }

    private static String onPath(String program) throws DemoUnavailableException {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin"
                + File.pathSeparator + "/bin";
        for (String dir : path.split(File.pathSeparator)) {
            File candidate = new File(dir, program);
            if (candidate.isFile() && candidate.canExecute()) {
                return candidate.getAbsolutePath();
            }
        }
        throw new DemoUnavailableException(program + " (Debian: apt-get install systemd)");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

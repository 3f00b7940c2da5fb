package dev.toolkit.core.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A server process ({@link SignalDrainMain}) that gets SIGTERM or SIGINT in the middle of an exchange lets the
 * exchange finish, logs the drain and exits with status 0, under every architecture.
 */
class SignalDrainIT {

    private static final long WAIT_SECONDS = 60;

    private final List<String> output = new ArrayList<>();
    private Process child;
    private Thread reader;

    @AfterEach
    void tearDown() throws InterruptedException {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
            child.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @CsvSource({"SINGLE_CLIENT, TERM", "THREAD_POOL, TERM", "SELECTOR, TERM", "EVENT_LOOP, TERM", "EVENT_LOOP, INT",
            "MULTI_PROCESS, TERM"})
    void anExchangeInProgressFinishesAndTheProcessExitsZero(Architecture architecture, String signal)
            throws Exception {
        BlockingQueue<String> lines = start(architecture);
        int port = Integer.parseInt(await(lines, "serving on port ").substring("serving on port ".length()).trim());
        try (LineClient client = new LineClient(new InetSocketAddress("127.0.0.1", port))) {
            client.send("begin\n");
            await(lines, "exchange begun");
            kill(signal, child.pid());
            await(lines, "draining 1 open connection(s)");
            client.send("end\n");
            assertEquals("done", client.readLine());
            // The server closes the connection once its exchange is over.
            assertThrows(IOException.class, client::readLine);
        }
        assertTrue(child.waitFor(WAIT_SECONDS, TimeUnit.SECONDS), "the process exits; output: " + output);
        assertEquals(0, child.exitValue(), "exit status; output: " + output);
        reader.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        synchronized (output) {
            assertTrue(output.stream().anyMatch(l -> l.contains("SIG" + signal + " received: draining 1 server(s)")),
                    output.toString());
            assertTrue(output.stream().anyMatch(l -> l.contains("every server drained; exiting")), output.toString());
        }
    }

    private BlockingQueue<String> start(Architecture architecture) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        System.getProperties().forEach((k, v) -> {
            if (String.valueOf(k).startsWith("io.netty.")) {
                command.add("-D" + k + "=" + v);
            }
        });
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SignalDrainMain.class.getName());
        command.add(architecture.name());
        child = new ProcessBuilder(command).redirectErrorStream(true).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    synchronized (output) {
                        output.add(line);
                    }
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the child is gone
            }
        }, "signal-child-output");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private String await(BlockingQueue<String> lines, String fragment) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line != null && line.contains(fragment)) {
                return line.substring(line.indexOf(fragment));
            }
        }
        fail("no line with '" + fragment + "' from the server process; output: " + output);
        return null;
    }

    private static void kill(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + signal + " " + pid);
    }
}

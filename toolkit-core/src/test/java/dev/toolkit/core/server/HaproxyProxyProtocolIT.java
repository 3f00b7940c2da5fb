package dev.toolkit.core.server;

import dev.toolkit.testing.Peers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * HAProxy (Debian's package) in front of two toolkit server processes that require the PROXY protocol, one
 * sent version 1 and the other version 2: connections are spread round robin, the servers see the clients'
 * real addresses, and when one server process is killed HAProxy sends every later connection to the other
 * without losing one.
 */
class HaproxyProxyProtocolIT {

    private static final long DEADLINE_MILLIS = 30_000;

    /** A toolkit server in its own JVM, with the client lines it prints. */
    private static final class Backend implements AutoCloseable {
        final Process process;
        final int port;
        final List<String> clients = new CopyOnWriteArrayList<>();

        Backend(Path log) throws Exception {
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), ProxiedServerMain.class.getName());
            process = new ProcessBuilder(command).redirectError(log.toFile()).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.US_ASCII));
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> readLine(out));
            String line = first.get(DEADLINE_MILLIS, TimeUnit.MILLISECONDS);
            if (line == null || !line.startsWith("port ")) {
                process.destroyForcibly();
                throw new AssertionError("the server process printed " + line + "; see " + log);
            }
            port = Integer.parseInt(line.substring(5));
            Thread reader = new Thread(() -> {
                String l;
                while ((l = readLine(out)) != null) {
                    if (l.startsWith("client ")) {
                        clients.add(l.substring(7));
                    }
                }
            }, "backend-" + process.pid() + "-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        private static String readLine(BufferedReader in) {
            try {
                return in.readLine();
            } catch (IOException e) {
                return null;
            }
        }

        long pid() {
            return process.pid();
        }

        @Override
        public void close() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(DEADLINE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    @Test
    void haproxyInFrontOfTwoServerProcessesKeepsTheClientsAddressesAndSurvivesAKill(@TempDir Path dir)
            throws Exception {
        String haproxy = Peers.require("haproxy", "haproxy");
        try (Backend one = new Backend(dir.resolve("one.log")); Backend two = new Backend(dir.resolve("two.log"))) {
            int front = freePort();
            Path config = dir.resolve("haproxy.cfg");
            Files.writeString(config, String.join("\n",
                    "global",
                    "    maxconn 200",
                    "defaults",
                    "    mode tcp",
                    "    timeout connect 2s",
                    "    timeout client 20s",
                    "    timeout server 20s",
                    "    retries 3",
                    "    option redispatch 1",
                    "frontend front",
                    "    bind 127.0.0.1:" + front,
                    "    default_backend toolkit",
                    "backend toolkit",
                    "    balance roundrobin",
                    "    server one 127.0.0.1:" + one.port + " send-proxy check inter 200ms fall 2 rise 2",
                    "    server two 127.0.0.1:" + two.port + " send-proxy-v2 check inter 200ms fall 2 rise 2",
                    ""));
            Process balancer = new ProcessBuilder(haproxy, "-db", "-f", config.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
            try {
                InetSocketAddress address = new InetSocketAddress("127.0.0.1", front);
                awaitListening(address, balancer);

                Set<Long> answeredBy = new HashSet<>();
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    answeredBy.add(ask(address, expected));
                }
                assertEquals(Set.of(one.pid(), two.pid()), answeredBy, "round robin over both processes");

                // Kill the first server process by its id, as a crash would.
                ProcessHandle.of(one.pid()).ifPresent(ProcessHandle::destroyForcibly);
                assertTrue(one.process.waitFor(DEADLINE_MILLIS, TimeUnit.MILLISECONDS));
                List<String> afterKill = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    assertEquals(two.pid(), ask(address, afterKill), "only the survivor answers");
                }
                expected.addAll(afterKill);

                // The printed lines arrive through the processes' pipes, possibly after the answers.
                long end = System.currentTimeMillis() + DEADLINE_MILLIS;
                Set<String> logged = new HashSet<>();
                while (!logged.containsAll(expected) && System.currentTimeMillis() < end) {
                    Thread.sleep(20);
                    logged.clear();
                    logged.addAll(one.clients);
                    logged.addAll(two.clients);
                }
                assertTrue(logged.containsAll(expected),
                        "the servers printed the clients' own addresses: " + logged + " missing "
                                + expected.stream().filter(a -> !logged.contains(a)).toList());
                assertTrue(two.clients.containsAll(afterKill));
            } finally {
                balancer.destroy();
                if (!balancer.waitFor(DEADLINE_MILLIS, TimeUnit.MILLISECONDS)) {
                    balancer.destroyForcibly();
                }
            }
        }
    }

    /**
     * One connection through the balancer: asks once, checks that the server names this client's own address
     * (127.0.0.1 and the local port of this socket, not HAProxy's), and returns the answering process id.
     */
    private static long ask(InetSocketAddress address, List<String> expected) throws IOException {
        try (Socket socket = new Socket()) {
            socket.setSoTimeout((int) DEADLINE_MILLIS);
            socket.connect(address, (int) DEADLINE_MILLIS);
            String me = "127.0.0.1:" + socket.getLocalPort();
            socket.getOutputStream().write("who?\n".getBytes(StandardCharsets.US_ASCII));
            String answer = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            if (answer == null) {
                fail("the connection from " + me + " through HAProxy was closed without an answer");
            }
            String[] parts = answer.split(" ");
            assertEquals(me, parts[1], "the server saw the client's address");
            expected.add(me);
            return Long.parseLong(parts[0]);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static void awaitListening(InetSocketAddress address, Process balancer) throws Exception {
        long end = System.currentTimeMillis() + DEADLINE_MILLIS;
        while (System.currentTimeMillis() < end) {
            if (!balancer.isAlive()) {
                fail("haproxy exited with " + balancer.exitValue());
            }
            try (Socket probe = new Socket()) {
                probe.connect(address, 1000);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        fail("haproxy did not listen on " + address);
    }
}

package dev.toolkit.core.server;

import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.error.ErrorKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static dev.toolkit.core.server.ServerArchitecturesTest.ask;
import static dev.toolkit.core.server.ServerArchitecturesTest.closedByServer;
import static dev.toolkit.core.server.ServerArchitecturesTest.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Hostile clients on loopback against the servers' defaults (with short time-outs where a default would make
 * the test wait), each time asserting that a well-behaved client is still served: one address holding many
 * connections, a client trickling a frame, a client that never reads, one that pipelines a flood. The
 * hostile client connects from 127.0.0.1, the good one from 127.0.0.2 (both loopback).
 */
class HostileClientsTest {

    private static final int TIMEOUT_MS = 20_000;
    private static final Duration SHORT = Duration.ofMillis(500);

    private final List<RunningServer<ConnectionMetrics>> servers = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final ServerArchitecturesTest.AnswerProtocol protocol = new ServerArchitecturesTest.AnswerProtocol();

    @AfterEach
    void tearDown() throws Exception {
        for (Socket s : sockets) {
            s.close();
        }
        for (Thread t : threads) {
            t.join(TIMEOUT_MS);
        }
        for (RunningServer<ConnectionMetrics> server : servers) {
            server.close();
        }
    }

    private RunningServer<ConnectionMetrics> start(Architecture architecture, ServerConfig.Builder builder) {
        RunningServer<ConnectionMetrics> server = Servers.start(builder.architecture(architecture).name("hostile-" + architecture)
                .build(), protocol);
        servers.add(server);
        return server;
    }

    private Socket connect(RunningServer<ConnectionMetrics> server, String from) throws IOException {
        Socket s = new Socket();
        sockets.add(s);
        s.setSoTimeout(TIMEOUT_MS);
        s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        s.connect(server.localAddress(), TIMEOUT_MS);
        return s;
    }

    private Socket hostile(RunningServer<ConnectionMetrics> server) throws IOException {
        return connect(server, "127.0.0.1");
    }

    /** Three questions from the good client's own address, each answered. */
    private void goodClientIsServed(RunningServer<ConnectionMetrics> server) throws IOException {
        try (Socket good = connect(server, "127.0.0.2")) {
            for (int i = 0; i < 3; i++) {
                assertEquals("GOOD" + i + ".", ask(good, "good" + i));
            }
        }
    }

    private Thread background(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
        return t;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Conditions.await(what, Duration.ofMillis(TIMEOUT_MS), condition);
    }

    // ---- one address holding many connections

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"SELECTOR", "EVENT_LOOP"})
    void oneAddressCannotTakeEveryPlace(Architecture architecture) throws Exception {
        // By default one address gets an eighth of the places: 8 of 64.
        RunningServer<ConnectionMetrics> server = start(architecture, ServerConfig.builder().maxConnections(64));
        assertEquals(8, ServerConfig.builder().maxConnections(64).build().maxConnectionsPerIp());
        List<Socket> held = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            held.add(hostile(server));
        }
        await("the extra connections are refused", () -> server.metrics().connectionsRejected() == 192);
        goodClientIsServed(server);
        assertEquals(192, server.metrics().connectionsRejected());
        await("the good client's connection is closed", () -> server.metrics().connectionsOpen() == 8);
    }

    // ---- a client trickling a frame

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"SINGLE_CLIENT", "THREAD_POOL", "SELECTOR", "EVENT_LOOP"})
    void aTrickledFrameIsCutAndOthersAreServed(Architecture architecture) throws Exception {
        RunningServer<ConnectionMetrics> server = start(architecture, ServerConfig.builder().frameTimeout(SHORT).threads(2));
        Socket slow = hostile(server);
        background("trickle", () -> {
            // A question that never ends, a byte at a time: never idle, never a whole frame.
            try {
                OutputStream out = slow.getOutputStream();
                while (true) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(50);
                }
            } catch (IOException | InterruptedException cut) {
                // the server cut it, or the test ended
            }
        });
        // One client at a time: the good client is served only once the trickler is cut.
        goodClientIsServed(server);
        assertTrue(closedByServer(slow), "the trickling connection was closed by the server");
        await("the time-out is counted", () -> server.metrics().errors(ErrorKind.TIMEOUT) == 1);
    }

    // ---- a client that never reads

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"SINGLE_CLIENT", "THREAD_POOL", "SELECTOR", "EVENT_LOOP"})
    void aClientThatNeverReadsIsCutByTheWriteTimeOutAndOthersAreServed(Architecture architecture)
            throws Exception {
        // Four such clients used to pin the whole pool inside a blocking write.
        RunningServer<ConnectionMetrics> server = start(architecture, ServerConfig.builder().writeTimeout(SHORT).threads(4));
        List<Socket> deaf = new ArrayList<>();
        int count = architecture == Architecture.SINGLE_CLIENT ? 1 : 4;
        for (int i = 0; i < count; i++) {
            Socket s = new Socket();
            sockets.add(s);
            s.setReceiveBufferSize(16 * 1024);
            s.connect(server.localAddress(), TIMEOUT_MS);
            // An 8 MiB answer, written as fast as the connection takes it; never read.
            send(s, "big?");
            deaf.add(s);
        }
        goodClientIsServed(server);
        await("every deaf client is cut", () -> server.metrics().errors(ErrorKind.TIMEOUT) == count);
        await("only the deaf clients' connections are counted",
                () -> server.metrics().connectionsOpen() == 0);
    }

    // ---- a client pipelining a flood

    @Test
    void aPipeliningClientDoesNotHoldUpOthersOnItsLoop() throws Exception {
        // One event loop thread for every connection, so they share it.
        RunningServer<ConnectionMetrics> server = start(Architecture.EVENT_LOOP, ServerConfig.builder().threads(1));
        int questions = 400_000;
        Socket flood = hostile(server);
        background("flood-reader", () -> {
            // Reads every answer, so that back-pressure plays no part: only the frame budget does.
            try {
                InputStream in = flood.getInputStream();
                byte[] buf = new byte[64 * 1024];
                while (in.read(buf) >= 0) {
                    // discarded
                }
            } catch (IOException closed) {
                // the test ended
            }
        });
        byte[] burst = "h?".repeat(questions).getBytes(StandardCharsets.US_ASCII);
        background("flood-writer", () -> {
            try {
                flood.getOutputStream().write(burst);
            } catch (IOException closed) {
                // the test ended
            }
        });
        await("the flood is being answered", () -> protocol.received.size() > 0);
        try (Socket good = connect(server, "127.0.0.2")) {
            assertEquals("GOOD.", ask(good, "good"));
        }
        // Everything the good client waited behind was handled before its question: a small part of the flood.
        int before = 0;
        for (String q : protocol.received) {
            if (q.equals("good")) {
                break;
            }
            before++;
        }
        assertTrue(before < questions / 4, before + " of the flood's " + questions + " questions went first");
    }
}

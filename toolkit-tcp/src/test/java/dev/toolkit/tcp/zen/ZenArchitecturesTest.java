package dev.toolkit.tcp.zen;

import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.server.Architecture;
import dev.toolkit.core.server.RunningServer;
import dev.toolkit.core.server.ServerConfig;
import dev.toolkit.core.server.Servers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Zen protocol on loopback under every architecture of toolkit-core's runner: 50 concurrent clients ask
 * the three questions each (one at a time for the one-client server), pipelined questions, a client that
 * leaves mid-question, a client killed (reset) mid-way, an overlong question, and a graceful stop in the
 * middle of a question.
 */
class ZenArchitecturesTest {

    private static final int CLIENTS = 50;
    private static final int TIMEOUT_MS = 20_000;

    static RunningServer<ConnectionMetrics> start(Architecture architecture, ZenListener listener) {
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).backlog(64)
                .architecture(architecture).processes(2).name("zen-" + architecture).build();
        return Servers.start(config, architecture == Architecture.MULTI_PROCESS ? new ZenProtocol()
                : new ZenProtocol(listener));
    }

    static Socket connect(InetSocketAddress address) throws IOException {
        Socket s = new Socket();
        s.connect(address, TIMEOUT_MS);
        s.setSoTimeout(TIMEOUT_MS);
        return s;
    }

    /** Reads until {@code suffix}, like the book's {@code recv_until}; fails on end of file. */
    static String recvUntil(InputStream in, char suffix) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("received " + got + " then socket closed");
            }
            got.write(b);
            if (b == suffix) {
                return got.toString(StandardCharsets.ISO_8859_1);
            }
        }
    }

    static void askAll(InetSocketAddress address) throws IOException {
        List<String> questions = new ArrayList<>(Aphorisms.questions());
        Collections.shuffle(questions);
        try (Socket s = connect(address)) {
            OutputStream out = s.getOutputStream();
            for (String q : questions) {
                out.write(q.getBytes(StandardCharsets.US_ASCII));
                assertEquals(Aphorisms.answer(q), recvUntil(s.getInputStream(), '.'));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void fiftyClientsGetTheirThreeAnswers(Architecture architecture) throws Exception {
        try (RunningServer<ConnectionMetrics> server = start(architecture, ZenListener.LOGGING)) {
            if (architecture == Architecture.SINGLE_CLIENT) {
                for (int i = 0; i < CLIENTS; i++) {
                    askAll(server.localAddress());
                }
                return;
            }
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> clients = new ArrayList<>();
                for (int i = 0; i < CLIENTS; i++) {
                    clients.add(pool.submit(() -> {
                        go.await();
                        askAll(server.localAddress());
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : clients) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void pipelinedQuestionsGetOneAnswerEach(Architecture architecture) throws Exception {
        try (RunningServer<ConnectionMetrics> server = start(architecture, ZenListener.LOGGING);
             Socket s = connect(server.localAddress())) {
            s.getOutputStream().write("Beautiful is better than?Simple is better than?Who?"
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            assertEquals("Ugly.", recvUntil(in, '.'));
            assertEquals("Complex.", recvUntil(in, '.'));
            assertEquals(Aphorisms.UNKNOWN, recvUntil(in, '.'));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = "MULTI_PROCESS", mode = EnumSource.Mode.EXCLUDE)
    void aClientLeavingMidQuestionIsReportedAndTheServerGoesOn(Architecture architecture) throws Exception {
        ZenProtocolTest.Recorder recorder = new ZenProtocolTest.Recorder();
        CountDownLatch ended = new CountDownLatch(1);
        ZenListener listener = new ZenListener() {
            @Override
            public void closedMidQuestion(InetSocketAddress client, byte[] received) {
                recorder.closedMidQuestion(client, received);
                ended.countDown();
            }
        };
        try (RunningServer<ConnectionMetrics> server = start(architecture, listener)) {
            try (Socket s = connect(server.localAddress())) {
                s.getOutputStream().write("Simple is better than?Beautiful is better than"
                        .getBytes(StandardCharsets.US_ASCII));
                assertEquals("Complex.", recvUntil(s.getInputStream(), '.'));
            }
            assertTrue(ended.await(TIMEOUT_MS, TimeUnit.MILLISECONDS));
            assertEquals(List.of("closed mid-question: Beautiful is better than"), recorder.events);
            askAll(server.localAddress());
        }
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void aClientKilledMidWayDoesNotHurtTheServer(Architecture architecture) throws Exception {
        try (RunningServer<ConnectionMetrics> server = start(architecture, ZenListener.LOGGING)) {
            Socket s = connect(server.localAddress());
            s.getOutputStream().write("Explicit is better than?Simple is".getBytes(StandardCharsets.US_ASCII));
            assertEquals("Implicit.", recvUntil(s.getInputStream(), '.'));
            s.setSoLinger(true, 0); // close with a reset, as a killed process's socket may
            s.close();
            askAll(server.localAddress());
        }
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void aOneMegabyteQuestionHitsTheLimitWithAClearError(Architecture architecture) throws Exception {
        try (RunningServer<ConnectionMetrics> server = start(architecture, ZenListener.LOGGING);
             Socket s = connect(server.localAddress())) {
            byte[] huge = new byte[1 << 20];
            java.util.Arrays.fill(huge, (byte) 'x');
            Thread writer = new Thread(() -> {
                try {
                    s.getOutputStream().write(huge);
                } catch (IOException expected) {
                    // the server closes once past its limit
                }
            });
            writer.start();
            assertEquals(Aphorisms.TOO_LONG, recvUntil(s.getInputStream(), '.'));
            writer.join(TIMEOUT_MS);
            askAll(server.localAddress());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = "MULTI_PROCESS", mode = EnumSource.Mode.EXCLUDE)
    void aGracefulStopLetsTheQuestionInProgressBeAnswered(Architecture architecture) throws Exception {
        RunningServer<ConnectionMetrics> server = start(architecture, ZenListener.LOGGING);
        try (Socket s = connect(server.localAddress())) {
            OutputStream out = s.getOutputStream();
            out.write("Beautiful is better than?".getBytes(StandardCharsets.US_ASCII));
            assertEquals("Ugly.", recvUntil(s.getInputStream(), '.'));
            out.write("Simple is better".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(200); // let the half question arrive before the stop begins
            Thread stopper = new Thread(() -> server.closeGracefully(Duration.ofSeconds(15)));
            stopper.start();
            out.write(" than?".getBytes(StandardCharsets.US_ASCII));
            assertEquals("Complex.", recvUntil(s.getInputStream(), '.'));
            assertEquals(-1, s.getInputStream().read(), "closed once the exchange ended");
            stopper.join(TIMEOUT_MS);
        } finally {
            server.close();
        }
    }

    @Test
    void theProtocolClassCanBeCreatedByName() throws Exception {
        Object p = Class.forName(ZenProtocol.class.getName()).getConstructor().newInstance();
        assertTrue(p instanceof ZenProtocol);
    }

    /** A connection the limit refuses never reaches the protocol: no {@code Accepted connection from} for it. */
    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"THREAD_POOL", "SELECTOR", "EVENT_LOOP"})
    void aConnectionTheLimitRefusesIsNeverAccepted(Architecture architecture) throws Exception {
        List<InetSocketAddress> accepted = Collections.synchronizedList(new ArrayList<>());
        List<InetSocketAddress> closed = Collections.synchronizedList(new ArrayList<>());
        ZenListener listener = new ZenListener() {
            @Override
            public void accepted(InetSocketAddress client) {
                accepted.add(client);
            }

            @Override
            public void closed(InetSocketAddress client) {
                closed.add(client);
            }
        };
        ServerConfig config = ServerConfig.builder().architecture(architecture).maxConnections(1)
                .name("zen-limit-" + architecture).build();
        try (RunningServer<ConnectionMetrics> server = Servers.start(config, new ZenProtocol(listener));
             Socket admitted = connect(server.localAddress())) {
            admitted.getOutputStream().write(Aphorisms.questions().get(0).getBytes(StandardCharsets.US_ASCII));
            recvUntil(admitted.getInputStream(), '.');
            try (Socket refused = connect(server.localAddress())) {
                assertEquals(-1, refused.getInputStream().read(), "the refused connection is closed at once");
            }
            assertEquals(1, server.metrics().connectionsRejected());
            assertEquals(List.of(new InetSocketAddress("127.0.0.1", admitted.getLocalPort())), accepted);
            assertTrue(closed.isEmpty(), "no closing line for a connection the protocol never saw: " + closed);
        }
    }
}

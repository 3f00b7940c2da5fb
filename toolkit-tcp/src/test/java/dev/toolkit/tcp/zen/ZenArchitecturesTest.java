package dev.toolkit.tcp.zen;

import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.server.Architecture;
import dev.toolkit.core.server.RunningServer;
import dev.toolkit.core.server.ServerConfig;
import dev.toolkit.core.server.Servers;
import dev.toolkit.core.transport.Transport;
import dev.toolkit.testing.NonReadingClient;
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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

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

    /** How each connection ended, by client port, as the listener heard it. */
    static final class Endings implements ZenListener {
        private final Map<Integer, CompletableFuture<String>> ends = new ConcurrentHashMap<>();
        private final Map<Integer, AtomicLong> answers = new ConcurrentHashMap<>();

        CompletableFuture<String> of(int port) {
            return ends.computeIfAbsent(port, p -> new CompletableFuture<>());
        }

        long answers(int port) {
            return answers.computeIfAbsent(port, p -> new AtomicLong()).get();
        }

        @Override
        public void answered(InetSocketAddress client, byte[] question, byte[] answer) {
            answers.computeIfAbsent(client.getPort(), p -> new AtomicLong()).incrementAndGet();
        }

        @Override
        public void closed(InetSocketAddress client) {
            of(client.getPort()).complete("closed");
        }

        @Override
        public void closedMidQuestion(InetSocketAddress client, byte[] received) {
            of(client.getPort()).complete("closed mid-question");
        }

        @Override
        public void closedBeforeSent(InetSocketAddress client, byte[] unsent) {
            of(client.getPort()).complete("closed before sent: " + new String(unsent, StandardCharsets.ISO_8859_1));
        }

        @Override
        public void failed(InetSocketAddress client, Throwable cause) {
            of(client.getPort()).complete("failed: " + cause);
        }
    }

    /**
     * A client that sends empty questions ({@code ?}, each answered with the 24 bytes of {@link Aphorisms#UNKNOWN})
     * and never reads until the server's answers fill the sockets and back-pressure stops the server reading,
     * then resets: the server finds the reset although it no longer reads, and reports the answers it had not
     * sent. Every byte ends a question, so none is in progress when it closes.
     */
    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = "MULTI_PROCESS", mode = EnumSource.Mode.EXCLUDE)
    void aClientResettingBeforeItsAnswersAreSentIsReportedWithThem(Architecture architecture) throws Exception {
        assertUnsentAnswersReported(ServerConfig.builder().architecture(architecture));
    }

    /** The same on Netty's NIO transport, whose selector drops a socket it is told to watch for nothing. */
    @Test
    void aClientResettingBeforeItsAnswersAreSentIsReportedOnTheNioTransport() throws Exception {
        assertUnsentAnswersReported(ServerConfig.builder().architecture(Architecture.EVENT_LOOP)
                .transport(Transport.NIO));
    }

    private static void assertUnsentAnswersReported(ServerConfig.Builder settings) throws Exception {
        // Room for the answers to a whole read of empty questions (up to 64 KiB of them on Netty's transports,
        // each queued answer counted with its entry's overhead), so that the bound on queued bytes, which has
        // its own tests, does not end the conversation first.
        ServerConfig config = settings.host("127.0.0.1").port(0).maxPendingWriteBytes(64 << 20)
                .name("zen-unsent").build();
        Endings endings = new Endings();
        try (RunningServer server = Servers.start(config, new ZenProtocol(endings))) {
            assertUnsentAnswersReported(server, endings);
        }
    }

    private static void assertUnsentAnswersReported(RunningServer server, Endings endings) throws Exception {
        // A first conversation: the server's first read sets up its buffer pool, which may take a while.
        askAll(server.localAddress());
        long warmIn = server.metrics().bytesIn();
        long warmOut = server.metrics().bytesOut();
        try (NonReadingClient client = NonReadingClient.connect(server.localAddress())) {
            int port = client.localPort();
            long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (true) {
                long readBefore = server.metrics().bytesIn();
                client.writeUntilStalled("?".getBytes(StandardCharsets.US_ASCII), Duration.ofMillis(500),
                        Duration.ofSeconds(60));
                long read = server.metrics().bytesIn();
                long answered = endings.answers(port);
                // The server stopped reading because its writes are blocked: it read nothing while the client
                // stalled, and some of its answers wait in its queue (questions read after the connection
                // stopped being writable wait behind the frame budget, and are answered, unsent, at the end).
                // A reset is then found by a write, as in the book's loop.
                if (read == readBefore && answered <= read - warmIn
                        && answered * Aphorisms.UNKNOWN.length() > server.metrics().bytesOut() - warmOut) {
                    break;
                }
                assertTrue(System.nanoTime() - giveUp < 0, () -> "the server's writes never blocked: "
                        + server.metrics() + ", " + endings.answers(port) + " answers");
            }
            client.reset();
            String end = endings.of(port).get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            String prefix = "closed before sent: ";
            assertTrue(end.startsWith(prefix) && end.endsWith(Aphorisms.UNKNOWN),
                    () -> end.substring(0, Math.min(200, end.length())));
            // The oldest answer may have been sent in part: its tail, then whole answers.
            String unsent = end.substring(prefix.length());
            int partial = unsent.length() % Aphorisms.UNKNOWN.length();
            assertEquals(Aphorisms.UNKNOWN.substring(Aphorisms.UNKNOWN.length() - partial)
                    + Aphorisms.UNKNOWN.repeat(unsent.length() / Aphorisms.UNKNOWN.length()), unsent);
        }
        askAll(server.localAddress());
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

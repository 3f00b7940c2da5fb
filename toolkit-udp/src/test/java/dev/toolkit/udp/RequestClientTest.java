package dev.toolkit.udp;

import dev.toolkit.core.error.Backoff;
import dev.toolkit.core.error.ConnectFailedException;
import dev.toolkit.core.error.ErrorKind;
import dev.toolkit.core.error.OperationTimeoutException;
import dev.toolkit.core.error.ProtocolViolationException;
import dev.toolkit.core.error.ToolkitException;
import dev.toolkit.core.transport.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static dev.toolkit.udp.Loopback.PATIENCE_SECONDS;
import static dev.toolkit.udp.Loopback.ascii;
import static dev.toolkit.udp.UdpLoopbackTest.awaitCount;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Request/response over loopback: ID matching, back-off, refusals and bad input, checked on the wire. */
class RequestClientTest {

    /** A schedule whose waits never run out while a reply is on its way: only drops make it retry. */
    private static final Backoff PATIENT = Backoff.builder().initial(Duration.ofSeconds(10))
            .maxDelay(Duration.ofSeconds(10)).build();

    private static RequestClient open(Transport transport, InetSocketAddress server, boolean connected,
                                      RequestConfig config) {
        UdpClientConfig.Builder client = UdpClientConfig.builder().remote(server).connected(connected)
                .socket(Loopback.on(transport));
        if (!connected) {
            client.local("127.0.0.1", 0);
        }
        return RequestClient.open(client.build(), config);
    }

    private static UdpServer echoServer(Transport transport) {
        return UdpServer.bind(Loopback.server(transport).build(), RequestProtocol.server(Datagram::data));
    }

    @ParameterizedTest
    @MethodSource("dev.toolkit.udp.Loopback#transports")
    void requestGetsItsReply(Transport transport) throws Exception {
        try (UdpServer server = echoServer(transport);
             RequestClient connected = open(transport, server.localAddress(), true, RequestConfig.defaults());
             RequestClient unconnected = open(transport, server.localAddress(), false, RequestConfig.defaults())) {
            assertEquals("hello", new String(connected.request(ascii("hello")), StandardCharsets.US_ASCII));
            assertEquals("there", new String(unconnected.request(ascii("there")), StandardCharsets.US_ASCII));
            assertEquals(0, connected.metrics().retransmissions());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.toolkit.udp.Loopback#transports")
    void largestPayloadRoundTrips(Transport transport) throws Exception {
        try (UdpServer server = echoServer(transport);
             RequestClient client = open(transport, server.localAddress(), true, RequestConfig.defaults())) {
            byte[] payload = new byte[DatagramTooLargeException.MAX_IPV4_PAYLOAD - RequestFrame.HEADER_LENGTH];
            java.util.Arrays.fill(payload, (byte) '#');
            assertArrayEquals(payload, client.request(payload));
            assertThrows(DatagramTooLargeException.class, () -> client.request(new byte[payload.length + 1]));
        }
    }

    @Test
    void overIpv6() throws Exception {
        try (UdpServer server = UdpServer.bind(UdpServerConfig.builder().host("::1").build(),
                RequestProtocol.server(Datagram::data));
             RequestClient client = RequestClient.open(UdpClientConfig.builder()
                     .remote("::1", server.localAddress().getPort()).build(), RequestConfig.defaults())) {
            assertEquals("v6", new String(client.request(ascii("v6")), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void serverThatDropsEverythingSeesTheBooksBackoffSchedule() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        List<Long> ids = new CopyOnWriteArrayList<>();
        RequestListener listener = new RequestListener() {
            @Override
            public void sent(long requestId, int attempt, Duration wait) {
                ids.add(requestId);
                events.add("sent " + attempt + " " + wait.toMillis());
            }

            @Override
            public void timedOut(long requestId, int attempt, Duration wait) {
                events.add("timeout " + attempt);
            }
        };
        try (ScriptedServer server = new ScriptedServer(Transport.AUTO, (request, index, out) -> { });
             RequestClient client = open(Transport.AUTO, server.address(), true,
                     RequestConfig.builder().listener(listener).build())) {
            OperationTimeoutException timeout = assertThrows(OperationTimeoutException.class,
                    () -> client.request(ascii("This is another message")));
            assertEquals(Duration.ofMillis(1600), timeout.limit());
            assertTrue(timeout.getMessage().contains("(attempt 5 of 5, 3.1 s in all)"), timeout.getMessage());
            // one ID, the same unsigned number for the listener and in the message
            assertEquals(1, ids.stream().distinct().count());
            assertTrue(ids.get(0) >= 0 && ids.get(0) <= 0xFFFF_FFFFL, String.valueOf(ids.get(0)));
            assertTrue(timeout.getMessage().contains(" to request " + ids.get(0) + " "), timeout.getMessage());
            assertEquals(List.of("sent 1 100", "timeout 1", "sent 2 200", "timeout 2", "sent 3 400", "timeout 3",
                    "sent 4 800", "timeout 4", "sent 5 1600", "timeout 5"), events);
            // on the wire: exactly five sends of the one request, all with the same ID
            awaitCount(() -> server.received().size(), 5);
            assertEquals(1, server.received().stream().map(ScriptedServer.Received::id).distinct().count());
            assertTrue(server.received().stream().allMatch(r -> new String(r.payload(), StandardCharsets.US_ASCII)
                    .equals("This is another message")));
            assertEquals(4, client.metrics().retransmissions());
            assertEquals(5, client.metrics().timeouts());
        }
    }

    @Test
    void replyToTheThirdAttemptEndsTheRequest() throws Exception {
        Backoff schedule = Backoff.builder().initial(Duration.ofMillis(50)).multiplier(10)
                .maxDelay(Duration.ofSeconds(5)).build();
        try (ScriptedServer server = new ScriptedServer(Transport.AUTO, (request, index, out) -> {
            if (index == 2) {
                ScriptedServer.answer(out, request, ascii("at last"));
            }
        });
             RequestClient client = open(Transport.AUTO, server.address(), false,
                     RequestConfig.builder().backoff(schedule).build())) {
            assertEquals("at last", new String(client.request(ascii("q")), StandardCharsets.US_ASCII));
            assertEquals(3, server.received().size());
            assertEquals(1, server.received().stream().map(ScriptedServer.Received::id).distinct().count());
            assertEquals(2, client.metrics().retransmissions());
        }
    }

    @Test
    void repliesOutOfOrderAndDuplicatedAreMatchedByTheirIds() throws Exception {
        int window = 32;
        List<ScriptedServer.Received> batch = new CopyOnWriteArrayList<>();
        try (ScriptedServer server = new ScriptedServer(Transport.AUTO, (request, index, out) -> {
            batch.add(request);
            if (batch.size() == window) {
                List<ScriptedServer.Received> reversed = new ArrayList<>(batch);
                Collections.reverse(reversed);
                for (ScriptedServer.Received r : reversed) {
                    byte[] answer = ascii("reply to " + new String(r.payload(), StandardCharsets.US_ASCII));
                    ScriptedServer.answer(out, r, answer);
                    ScriptedServer.answer(out, r, answer);
                }
                int unused = batch.get(0).id() - 1000;
                out.sendAsync(ScriptedServer.reply(unused, ascii("nobody asked")), r0(batch).sender());
            }
        });
             RequestClient client = open(Transport.AUTO, server.address(), false,
                     RequestConfig.builder().backoff(PATIENT).build())) {
            List<CompletableFuture<byte[]>> replies = new ArrayList<>();
            for (int i = 0; i < window; i++) {
                replies.add(client.requestAsync(ascii("request " + i)));
            }
            for (int i = 0; i < window; i++) {
                assertEquals("reply to request " + i, new String(replies.get(i).get(PATIENCE_SECONDS,
                        TimeUnit.SECONDS), StandardCharsets.US_ASCII));
            }
            awaitCount(() -> client.metrics().duplicateReplies(), window);
            awaitCount(() -> client.metrics().strayReplies(), 1);
            assertEquals(window, server.received().stream().map(ScriptedServer.Received::id).distinct().count());
            assertEquals(0, client.metrics().retransmissions());
        }
    }

    private static ScriptedServer.Received r0(List<ScriptedServer.Received> batch) {
        return batch.get(0);
    }

    @Test
    void replyFromAnotherAddressIsDroppedUnlessAllowed() throws Exception {
        BlockingQueue<String> drops = new LinkedBlockingQueue<>();
        RequestListener listener = new RequestListener() {
            @Override
            public void dropped(InetSocketAddress from, String why) {
                drops.add(why);
            }
        };
        try (UdpServer stranger = UdpServer.bind(Loopback.server(Transport.AUTO).build(), (d, out) -> { });
             ScriptedServer server = new ScriptedServer(Transport.AUTO, (request, index, out) -> {
                 // a third party forges the reply first; then the real server answers
                 stranger.sendAsync(ScriptedServer.reply(request.id(), ascii("forged")), request.sender());
                 ScriptedServer.answer(out, request, ascii("genuine"));
             });
             RequestClient client = open(Transport.AUTO, server.address(), false,
                     RequestConfig.builder().backoff(PATIENT).listener(listener).build())) {
            assertEquals("genuine", new String(client.request(ascii("q")), StandardCharsets.US_ASCII));
            assertEquals("foreign", drops.poll(PATIENCE_SECONDS, TimeUnit.SECONDS));
            assertEquals(1, client.metrics().foreign());
        }
        try (UdpServer stranger = UdpServer.bind(Loopback.server(Transport.AUTO).build(), (d, out) -> { });
             ScriptedServer server = new ScriptedServer(Transport.AUTO, (request, index, out) ->
                     stranger.sendAsync(ScriptedServer.reply(request.id(), ascii("from elsewhere")), request.sender()));
             RequestClient client = RequestClient.open(UdpClientConfig.builder().remote(server.address())
                     .local("127.0.0.1", 0).acceptFromAnyAddress(true).build(),
                     RequestConfig.builder().backoff(PATIENT).build())) {
            assertEquals("from elsewhere", new String(client.request(ascii("q")), StandardCharsets.US_ASCII));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.toolkit.udp.Loopback#transports")
    void closedPortIsRefusedAtOnceOnAConnectedSocket(Transport transport) throws Exception {
        InetSocketAddress nobody = new InetSocketAddress("127.0.0.1", Loopback.closedPort());
        try (RequestClient client = open(transport, nobody, true, RequestConfig.builder().backoff(PATIENT).build())) {
            ConnectFailedException refused = assertThrows(ConnectFailedException.class,
                    () -> client.request(ascii("anyone?")));
            assertEquals(ConnectFailedException.Reason.REFUSED, refused.reason());
            assertEquals(0, client.metrics().retransmissions());
        }
    }

    @Test
    void closedPortTimesOutOnAnUnconnectedSocket() throws Exception {
        InetSocketAddress nobody = new InetSocketAddress("127.0.0.1", Loopback.closedPort());
        Backoff quick = Backoff.builder().initial(Duration.ofMillis(20)).maxDelay(Duration.ofMillis(40)).build();
        try (RequestClient client = open(Transport.AUTO, nobody, false, RequestConfig.builder().backoff(quick).build())) {
            assertThrows(OperationTimeoutException.class, () -> client.request(ascii("anyone?")));
            assertEquals(1, client.metrics().retransmissions());
        }
    }

    @Test
    void malformedRequestsAreReportedAndCountedWhileTheServerGoesOn() throws Exception {
        BlockingQueue<ToolkitException> errors = new LinkedBlockingQueue<>();
        UdpServerConfig config = Loopback.server(Transport.AUTO).errorListener((source, e) -> errors.add(e)).build();
        try (UdpServer server = UdpServer.bind(config, RequestProtocol.server(Datagram::data));
             UdpClient raw = UdpClient.open(Loopback.client(Transport.AUTO, server.localAddress()).build());
             RequestClient client = open(Transport.AUTO, server.localAddress(), true, RequestConfig.defaults())) {
            raw.send(ascii("x"));
            raw.send(new byte[0]);
            raw.send(ScriptedServer.reply(7, ascii("a reply is no request")));
            for (int i = 0; i < 3; i++) {
                ToolkitException error = errors.poll(PATIENCE_SECONDS, TimeUnit.SECONDS);
                assertInstanceOf(ProtocolViolationException.class, error);
                assertTrue(error.getMessage().startsWith("malformed"), error.getMessage());
            }
            assertEquals(3, server.metrics().malformed());
            assertEquals(3, server.metrics().errors(ErrorKind.PROTOCOL));
            assertEquals("still here", new String(client.request(ascii("still here")),
                    StandardCharsets.US_ASCII));
        }
    }

    @Test
    void malformedReplyIsDroppedAndTheRetryAnswered() throws Exception {
        Backoff schedule = Backoff.builder().initial(Duration.ofMillis(200)).multiplier(10)
                .maxDelay(Duration.ofSeconds(2)).build();
        try (ScriptedServer server = new ScriptedServer(Transport.AUTO, (request, index, out) -> {
            if (index == 0) {
                out.sendAsync(ascii("zz"), request.sender());
            } else {
                ScriptedServer.answer(out, request, ascii("proper"));
            }
        });
             RequestClient client = open(Transport.AUTO, server.address(), true,
                     RequestConfig.builder().backoff(schedule).build())) {
            assertEquals("proper", new String(client.request(ascii("q")), StandardCharsets.US_ASCII));
            assertEquals(1, client.metrics().malformed());
            assertEquals(2, server.received().size());
        }
    }

    @Test
    void refusedRequestFailsWithTheServersReason() throws Exception {
        try (UdpServer server = UdpServer.bind(Loopback.server(Transport.AUTO).build(), RequestProtocol.server(r -> {
            throw new IllegalArgumentException("no such aphorism");
        }));
             RequestClient client = open(Transport.AUTO, server.localAddress(), true, RequestConfig.defaults())) {
            ToolkitException refused = assertThrows(ToolkitException.class, () -> client.request(ascii("?")));
            assertEquals(ErrorKind.PROTOCOL, refused.kind());
            assertTrue(refused.getMessage().endsWith("no such aphorism"), refused.getMessage());
            assertEquals(0, client.metrics().retransmissions());
        }
    }

    @Test
    void handlerWithoutAReplyLetsTheClientRetry() throws Exception {
        CountDownLatch seen = new CountDownLatch(2);
        Backoff quick = Backoff.builder().initial(Duration.ofMillis(20)).maxDelay(Duration.ofMillis(40)).build();
        try (UdpServer server = UdpServer.bind(Loopback.server(Transport.AUTO).build(), RequestProtocol.server(r -> {
            seen.countDown();
            return null;
        }));
             RequestClient client = open(Transport.AUTO, server.localAddress(), true,
                     RequestConfig.builder().backoff(quick).build())) {
            assertThrows(OperationTimeoutException.class, () -> client.request(ascii("?")));
            assertTrue(seen.await(PATIENCE_SECONDS, TimeUnit.SECONDS));
        }
    }

    @Test
    void withoutIdsTheClientSpeaksTheBooksPlainDatagrams() throws Exception {
        try (UdpServer server = UdpServer.bind(Loopback.server(Transport.AUTO).build(),
                (datagram, out) -> out.replyAsync(datagram, Loopback.yourDataWas(datagram)));
             RequestClient client = open(Transport.AUTO, server.localAddress(), true,
                     RequestConfig.builder().requestIds(false).backoff(PATIENT).build())) {
            assertEquals("Your data was 23 bytes long", new String(client.request(
                    ascii("This is another message")), StandardCharsets.US_ASCII));
            CompletableFuture<byte[]> first = client.requestAsync(ascii("one"));
            CompletableFuture<byte[]> second = client.requestAsync(ascii("two"));
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> second.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
            assertInstanceOf(IllegalStateException.class, refused.getCause());
            assertEquals("Your data was 3 bytes long", new String(first.get(PATIENCE_SECONDS, TimeUnit.SECONDS),
                    StandardCharsets.US_ASCII));
        }
    }

    @Test
    void outstandingRequestsAreBounded() throws Exception {
        try (ScriptedServer server = new ScriptedServer(Transport.AUTO, (request, index, out) -> { });
             RequestClient client = open(Transport.AUTO, server.address(), true,
                     RequestConfig.builder().backoff(PATIENT).maxOutstanding(2).build())) {
            client.requestAsync(ascii("1"));
            client.requestAsync(ascii("2"));
            CompletionException third = assertThrows(CompletionException.class,
                    () -> client.requestAsync(ascii("3")).join());
            assertInstanceOf(IllegalStateException.class, third.getCause());
        }
    }

    @Test
    void closingFailsOutstandingRequests() throws Exception {
        try (ScriptedServer server = new ScriptedServer(Transport.AUTO, (request, index, out) -> { })) {
            RequestClient client = open(Transport.AUTO, server.address(), true,
                    RequestConfig.builder().backoff(PATIENT).build());
            CompletableFuture<byte[]> pending = client.requestAsync(ascii("q"));
            awaitCount(() -> server.received().size(), 1);
            client.close();
            ExecutionException closed = assertThrows(ExecutionException.class,
                    () -> pending.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
            assertInstanceOf(ToolkitException.class, closed.getCause());
            assertEquals(ErrorKind.CLOSED, ((ToolkitException) closed.getCause()).kind());
            CompletionException after = assertThrows(CompletionException.class,
                    () -> client.requestAsync(ascii("after")).join());
            assertEquals(ErrorKind.CLOSED, ((ToolkitException) after.getCause()).kind());
        }
    }

    @Test
    void manyConcurrentRequestsAllMatch() throws Exception {
        // A burst of 500 may overflow a socket's receive buffer: the retries make up for what the system drops.
        Backoff retrying = Backoff.builder().initial(Duration.ofMillis(250)).maxDelay(Duration.ofSeconds(8)).build();
        try (UdpServer server = echoServer(Transport.AUTO);
             RequestClient client = open(Transport.AUTO, server.localAddress(), true,
                     RequestConfig.builder().backoff(retrying).build())) {
            List<CompletableFuture<byte[]>> replies = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                replies.add(client.requestAsync(ascii(Integer.toString(i))));
            }
            List<String> got = new ArrayList<>();
            for (CompletableFuture<byte[]> reply : replies) {
                got.add(new String(reply.get(PATIENCE_SECONDS, TimeUnit.SECONDS), StandardCharsets.US_ASCII));
            }
            assertEquals(java.util.stream.IntStream.range(0, 500).mapToObj(Integer::toString)
                    .collect(Collectors.toList()), got);
        }
    }
}

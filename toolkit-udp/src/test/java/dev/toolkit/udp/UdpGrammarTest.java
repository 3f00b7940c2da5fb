package dev.toolkit.udp;

import dev.toolkit.core.error.InterruptedOperationException;
import dev.toolkit.core.names.BindAddress;
import dev.toolkit.core.server.RunningServer;
import dev.toolkit.core.transport.Transport;
import dev.toolkit.testing.ApiGrammar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static dev.toolkit.udp.Loopback.PATIENCE;
import static dev.toolkit.udp.Loopback.PATIENCE_SECONDS;
import static dev.toolkit.udp.Loopback.ascii;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** toolkit-udp under the API grammar: configurations, the running-server shape, blocking forms, binding "". */
class UdpGrammarTest {

    @Test
    void everyUdpConfigurationIsABuilderMadeValue() {
        ApiGrammar.assertConfiguration(UdpConfig.class);
        ApiGrammar.assertConfiguration(UdpServerConfig.class);
        ApiGrammar.assertConfiguration(UdpClientConfig.class);
        ApiGrammar.assertConfiguration(RequestConfig.class);
    }

    @Test
    void buildChecksTheWholeConfigurationAndNamesEveryWrongSetting() {
        IllegalArgumentException socket = assertThrows(IllegalArgumentException.class, () -> UdpConfig.builder()
                .multicastTtl(300).maxDatagramSize(0).build());
        assertTrue(socket.getMessage().contains("multicastTtl must be 0..255: 300"), socket.getMessage());
        assertTrue(socket.getMessage().contains("maxDatagramSize must be 1..65535: 0"), socket.getMessage());
        IllegalArgumentException client = assertThrows(IllegalArgumentException.class, () -> UdpClientConfig.builder()
                .remote("127.0.0.1", 0).receiveQueueLimit(0).build());
        assertTrue(client.getMessage().contains("remotePort must be 1..65535: 0"), client.getMessage());
        assertTrue(client.getMessage().contains("receiveQueueLimit must be at least 1: 0"), client.getMessage());
        // The same builder, put right, builds: setters only store.
        UdpServerConfig.Builder server = UdpServerConfig.builder().port(-1);
        assertThrows(IllegalArgumentException.class, server::build);
        assertEquals(1060, server.port(1060).build().port());
        assertEquals(7, RequestConfig.builder().maxOutstanding(7).build().toBuilder().build().maxOutstanding());
    }

    @ParameterizedTest
    @MethodSource("dev.toolkit.udp.Loopback#transports")
    void aServerBoundToEmptyAnswersIpv4AndIpv6Clients(Transport transport) {
        UdpServerConfig config = UdpServerConfig.builder().host("").port(0).socket(Loopback.on(transport)).build();
        try (RunningServer<DatagramMetrics> server = UdpServer.bind(config,
                (datagram, out) -> out.replyAsync(datagram, Loopback.yourDataWas(datagram)))) {
            int port = server.localAddress().getPort();
            assertEquals("Your data was 4 bytes long", exchange(transport, "127.0.0.1", port, "ipv4"));
            if (BindAddress.hasIpv6()) {
                assertInstanceOf(Inet6Address.class, server.localAddress().getAddress());
                assertEquals("Your data was 4 bytes long", exchange(transport, "::1", port, "ipv6"));
            }
            assertEquals(BindAddress.hasIpv6() ? 2 : 1, server.metrics().datagramsIn());
        }
    }

    private static String exchange(Transport transport, String host, int port, String text) {
        try (UdpClient client = UdpClient.open(UdpClientConfig.builder().remote(host, port)
                .socket(Loopback.on(transport)).build())) {
            client.send(ascii(text));
            return new String(client.receive(PATIENCE).data(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void closeGracefullyLetsTheHandlerInProgressAnswerThenCloses() throws Exception {
        CountDownLatch handling = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        UdpServer server = UdpServer.bind(Loopback.server(Transport.AUTO).build(), (datagram, out) -> {
            handling.countDown();
            try {
                // Holds the handler in progress while the test asks for the graceful close.
                release.await(PATIENCE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.replyAsync(datagram, ascii("late but answered"));
        });
        try (UdpClient client = UdpClient.open(Loopback.client(Transport.AUTO, server.localAddress()).build())) {
            client.send(ascii("question"));
            assertTrue(handling.await(PATIENCE_SECONDS, TimeUnit.SECONDS));
            CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> server.closeGracefully(PATIENCE));
            assertFalse(closing.isDone(), "the close waits for the handler in progress");
            release.countDown();
            assertEquals("late but answered", new String(client.receive(PATIENCE).data(), StandardCharsets.US_ASCII));
            closing.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
            server.awaitClosed();
            assertFalse(server.channel().isOpen());
        } finally {
            release.countDown();
            server.close();
        }
    }

    @Test
    void closeGracefullyWaitsForAnAnswerAHandlerSendsLaterFromAnotherThread() throws Exception {
        ExecutorService workers = Executors.newSingleThreadExecutor();
        CountDownLatch handed = new CountDownLatch(1);
        AtomicReference<UdpServer> serving = new AtomicReference<>();
        UdpServer server = UdpServer.bind(Loopback.server(Transport.AUTO).build(), (datagram, out) -> {
            // The handler returns at once; its answer is sent from another thread once the close has begun
            // (the server has stopped reading), so no datagram is in flight or in progress when it starts.
            workers.execute(() -> {
                awaitCondition(() -> !serving.get().channel().config().isAutoRead());
                out.replyAsync(datagram, ascii("answered later"));
            });
            handed.countDown();
        });
        serving.set(server);
        try (UdpClient client = UdpClient.open(Loopback.client(Transport.AUTO, server.localAddress()).build())) {
            client.send(ascii("question"));
            assertTrue(handed.await(PATIENCE_SECONDS, TimeUnit.SECONDS));
            CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> server.closeGracefully(PATIENCE));
            assertEquals("answered later", new String(client.receive(PATIENCE).data(), StandardCharsets.US_ASCII));
            closing.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
            assertFalse(server.channel().isOpen());
        } finally {
            server.close();
            workers.shutdownNow();
        }
    }

    @Test
    void closeGracefullyEndsWithTheGraceWhenAHandlerNeverAnswers() throws Exception {
        CountDownLatch handed = new CountDownLatch(1);
        UdpServer server = UdpServer.bind(Loopback.server(Transport.AUTO).build(), (datagram, out) -> handed.countDown());
        try (UdpClient client = UdpClient.open(Loopback.client(Transport.AUTO, server.localAddress()).build())) {
            client.send(ascii("never answered"));
            assertTrue(handed.await(PATIENCE_SECONDS, TimeUnit.SECONDS));
            server.closeGracefully(Duration.ofMillis(200));
            assertFalse(server.channel().isOpen(), "closed once the grace ended");
        } finally {
            server.close();
        }
    }

    /** Waits, without sleeping as synchronisation, until {@code condition} holds (at most the patience). */
    private static void awaitCondition(java.util.function.BooleanSupplier condition) {
        long giveUp = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() - giveUp < 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    @Test
    void blockingCallsAreRefusedInAHandlerAndReportInterruptionOneWay() throws Exception {
        CompletableFuture<Throwable> inHandler = new CompletableFuture<>();
        try (UdpServer server = UdpServer.bind(Loopback.server(Transport.AUTO).build(), (datagram, out) -> {
            try {
                out.reply(datagram, ascii("blocking"));
                inHandler.complete(null);
            } catch (Throwable t) {
                inHandler.complete(t);
            }
        });
             UdpClient client = UdpClient.open(Loopback.client(Transport.AUTO, server.localAddress()).build())) {
            client.send(ascii("x"));
            assertInstanceOf(IllegalStateException.class, inHandler.get(PATIENCE_SECONDS, TimeUnit.SECONDS));

            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            CompletableFuture<Boolean> flag = new CompletableFuture<>();
            Thread waiter = new Thread(() -> {
                try {
                    client.receive(Duration.ofMinutes(5));
                    outcome.complete(null);
                } catch (Throwable t) {
                    outcome.complete(t);
                }
                flag.complete(Thread.currentThread().isInterrupted());
            });
            waiter.setDaemon(true);
            waiter.start();
            while (waiter.getState() != Thread.State.WAITING && !outcome.isDone()) {
                Thread.onSpinWait();
            }
            waiter.interrupt();
            InterruptedOperationException e = assertInstanceOf(InterruptedOperationException.class,
                    outcome.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
            assertTrue(e.operation().startsWith("receive from"), e.operation());
            assertTrue(flag.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
        }
    }

    @Test
    void aDefaultClientSendsWhereverItIsTold() {
        try (UdpServer server = UdpServer.bind(Loopback.server(Transport.AUTO).build(),
                (datagram, out) -> out.replyAsync(datagram, Loopback.yourDataWas(datagram)));
             UdpClient client = UdpClient.create()) {
            InetSocketAddress to = server.localAddress();
            client.send(ascii("abc"), to);
            assertEquals(3, waitForBytes(server));
        }
    }

    /** The server's bytes in once the three sent arrived (or the patience ran out). */
    private static long waitForBytes(UdpServer server) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (server.metrics().bytesIn() < 3 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        return server.metrics().bytesIn();
    }
}

package dev.toolkit.core.error;

import dev.toolkit.core.dns.DnsClient;
import dev.toolkit.core.dns.DnsClientConfig;
import dev.toolkit.core.dns.record.RecordType;
import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.server.RunningServer;
import dev.toolkit.core.server.ServerConfig;
import dev.toolkit.core.server.Servers;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import org.junit.jupiter.api.Test;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rule 4 of the API grammar: blocking calls are refused on event loops and report interruption one way. */
class BlockingTest {

    @Test
    void aBlockingCallOnAnEventLoopIsRefused() throws Exception {
        EventLoop loop = new DefaultEventLoop();
        try {
            Throwable thrown = loop.submit(() -> {
                try {
                    Blocking.await(new CompletableFuture<>(), "receive from nowhere");
                    return null;
                } catch (IllegalStateException e) {
                    return e;
                }
            }).get(10, TimeUnit.SECONDS);
            assertInstanceOf(IllegalStateException.class, thrown);
            assertTrue(thrown.getMessage().contains("receive from nowhere"), thrown.getMessage());
        } finally {
            loop.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void aFailureIsMappedToAToolkitException() {
        CompletableFuture<Void> failed = CompletableFuture.failedFuture(new java.net.ConnectException("Connection refused"));
        ToolkitException e = assertThrows(ToolkitException.class, () -> Blocking.await(failed, "connect"));
        assertEquals(ErrorKind.CONNECT, e.kind());
    }

    @Test
    void awaitClosedInterruptedThrowsTheToolkitExceptionAndKeepsTheFlag() throws Exception {
        try (RunningServer<ConnectionMetrics> server = Servers.start(ServerConfig.builder().build(), ch -> { })) {
            InterruptedOperationException e = interrupted(() -> {
                server.awaitClosed();
                return null;
            });
            assertTrue(e.operation().contains("awaitClosed"), e.operation());
        }
    }

    @Test
    void aDnsQueryInterruptedThrowsTheToolkitException() throws Exception {
        // A server that never answers: the query waits until the thread is interrupted.
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             DnsClient dns = DnsClient.create(DnsClientConfig.builder()
                     .server((InetSocketAddress) silent.getLocalSocketAddress())
                     .timeout(Duration.ofMinutes(5)).attempts(1).build())) {
            InterruptedOperationException e = interrupted(() -> dns.query("zen.test.", RecordType.A));
            assertTrue(e.operation().contains("zen.test."), e.operation());
            assertEquals(ErrorKind.INTERRUPTED, e.kind());
        }
    }

    /** Runs {@code call} on a thread, interrupts it once it waits, and returns what it threw. */
    static InterruptedOperationException interrupted(Supplier<?> call) throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        CompletableFuture<Boolean> flag = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                call.get();
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
            flag.complete(Thread.currentThread().isInterrupted());
        }, "blocking-test-waiter");
        waiter.setDaemon(true);
        waiter.start();
        while (waiter.getState() != Thread.State.WAITING && waiter.getState() != Thread.State.TIMED_WAITING
                && !outcome.isDone()) {
            Thread.onSpinWait();
        }
        waiter.interrupt();
        Throwable thrown;
        try {
            thrown = outcome.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(e);
        }
        assertInstanceOf(InterruptedOperationException.class, thrown);
        assertTrue(flag.get(30, TimeUnit.SECONDS), "the interrupt flag is set again");
        return (InterruptedOperationException) thrown;
    }
}

package dev.toolkit.core.server;

import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * A connection of a blocking architecture, served to its end by one thread ({@link #serve()}): that thread
 * waits for this one socket and for nothing else, as a blocking server's thread does.
 *
 * <p>It waits in a {@link Selector} of its own (one per serving thread, reused from connection to
 * connection) rather than in a blocking {@code read()}, because a thread blocked in a socket read cannot be
 * woken: a write, flush or close made from another thread (an answer completed by a backend) must reach the
 * socket at once, and scheduled time-outs must fire on time. The selector's time-out is when the next
 * scheduled task is due, and {@link #wakeUp()} wakes it. Bytes the socket does not take at once stay in
 * the outbound buffer, counted against the water marks, until it is writable again, as under every other
 * architecture.
 */
final class BlockingSocketAdapter extends SocketAdapterChannel {

    private final Selector selector;
    private SelectionKey key;

    /**
     * @param socket the connected socket, made non-blocking here
     * @param selector the serving thread's selector, which watches this socket only
     */
    BlockingSocketAdapter(SocketChannel socket, Selector selector, boolean allowHalfClosure) throws IOException {
        super(configure(socket), allowHalfClosure);
        this.selector = selector;
    }

    private static SocketChannel configure(SocketChannel socket) throws IOException {
        socket.configureBlocking(false);
        return socket;
    }

    @Override
    void wakeUp() {
        selector.wakeup();
    }

    /** Serves the connection on the calling thread until it closes. */
    void serve() {
        try {
            key = socketChannel().register(selector, 0);
            while (isOpen() && !stopped()) {
                long next = runTasks();
                if (!isOpen() || stopped()) {
                    break;
                }
                int ops = (wantsRead() ? SelectionKey.OP_READ : 0) | (writeBlocked() ? SelectionKey.OP_WRITE : 0);
                key.interestOps(ops);
                if (hasQueuedTasks()) {
                    continue;
                }
                // A task queued from now on wakes the select below, or makes it return at once.
                if (next < 0) {
                    selector.select();
                } else if (next == 0) {
                    selector.selectNow();
                } else {
                    selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(next + 999_999)));
                }
                boolean ready = selector.selectedKeys().remove(key);
                if (!ready || !key.isValid()) {
                    continue;
                }
                int readyOps = key.readyOps();
                if ((readyOps & SelectionKey.OP_WRITE) != 0) {
                    continueWriting();
                }
                if ((readyOps & SelectionKey.OP_READ) != 0 && wantsRead()) {
                    readOnce();
                }
            }
        } catch (IOException | ClosedSelectorException | java.nio.channels.CancelledKeyException e) {
            // The socket was closed under us (the server is stopping): finish below.
            markStopped();
        } finally {
            if (key != null) {
                key.cancel();
            }
            finishServing();
            forgetCancelledKey();
        }
    }

    /** Closes the socket from another thread: the serving thread wakes up and closes the channel. */
    void stop() {
        markStopped();
        closeSocket();
        selector.wakeup();
    }

    private void forgetCancelledKey() {
        // The selector releases a closed socket's key only at its next selection: do it now, so that the
        // socket is gone before the thread serves another connection.
        try {
            selector.selectNow();
            selector.selectedKeys().clear();
        } catch (IOException | ClosedSelectorException ignored) {
            // the thread's selector is going away with it
        }
    }
}

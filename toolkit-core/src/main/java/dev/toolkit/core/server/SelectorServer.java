package dev.toolkit.core.server;

import dev.toolkit.core.error.Blocking;
import dev.toolkit.core.observe.Logging;
import dev.toolkit.core.pipeline.ConnectionPipeline;
import dev.toolkit.core.pipeline.ServerSecurity;
import dev.toolkit.core.pipeline.ProtocolDefinition;
import dev.toolkit.core.error.Exceptions;
import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.observe.MetricsRecorder;
import org.slf4j.Logger;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@link Architecture#SELECTOR}: one thread, one {@code java.nio} {@link Selector}, non-blocking sockets (the
 * book's hand-written poll() loop). The listening socket is watched for OP_ACCEPT; each connection for OP_READ
 * while its pipeline wants to read (not while it is not writable: back-pressure) and for OP_WRITE while bytes
 * wait in its outbound queue. The select time-out is the nearest scheduled task of any connection, so that
 * idle and read time-outs fire on time. Each connection runs the shared pipeline through a
 * {@link NonBlockingSocketAdapter}.
 */
final class SelectorServer implements RunningServer<ConnectionMetrics> {

    private static final Logger LOG = Logging.logger(SelectorServer.class);
    private static final int ACCEPTS_PER_WAKEUP = 64;

    private final ServerConfig config;
    private final MetricsRecorder recorder = new MetricsRecorder();
    private final ConnectionPipeline pipeline;
    private final ProtocolDefinition protocol;
    private final ServerSecurity security;
    private final Selector selector;
    private final ServerSocketChannel listener;
    private final InetSocketAddress address;
    private final Thread thread;
    private final CountDownLatch loopEnded = new CountDownLatch(1);
    private final ServerStop stopping;
    // Selector thread only.
    private final Set<NonBlockingSocketAdapter> connections = new LinkedHashSet<>();
    private boolean draining;
    // Connections for which another thread queued a task: added on any thread, taken by the selector thread.
    private final ConcurrentLinkedQueue<NonBlockingSocketAdapter> woken = new ConcurrentLinkedQueue<>();
    // Written by the stopping thread, read by the selector thread.
    private final Object stopLock = new Object();
    private boolean stopRequested;
    private long stopDeadline;
    private Duration stopGrace = Duration.ZERO;

    private SelectorServer(ServerConfig config, ProtocolDefinition protocol) {
        this.config = config;
        this.pipeline = ConnectionPipeline.create(config.pipelineSettings(), recorder);
        this.protocol = protocol;
        this.security = config.security().orElse(null);
        this.stopping = new ServerStop(config.name(), this::stop, () -> requestStop(Duration.ZERO));
        InetSocketAddress bindAddress = config.bindAddress();
        Selector sel = null;
        ServerSocketChannel ssc = null;
        try {
            sel = Selector.open();
            ssc = ServerSocketChannel.open();
            ssc.setOption(StandardSocketOptions.SO_REUSEADDR, config.reuseAddress());
            if (config.reusePort()) {
                ssc.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            ssc.bind(bindAddress, config.backlog());
            ssc.configureBlocking(false);
            ssc.register(sel, SelectionKey.OP_ACCEPT);
            address = (InetSocketAddress) ssc.getLocalAddress();
        } catch (IOException | UnsupportedOperationException e) {
            closeQuietly(ssc);
            closeQuietly(sel);
            throw Exceptions.map(e, bindAddress);
        }
        this.selector = sel;
        this.listener = ssc;
        this.thread = new Thread(this::run, config.name() + "-selector");
        thread.setDaemon(true);
        ServerLogs.started(config, Architecture.SELECTOR, address, "one thread, java.nio Selector");
        thread.start();

        stopping.watchSignals(this, config.shutdownGrace());
    }

    static RunningServer<ConnectionMetrics> start(ServerConfig config, ProtocolDefinition protocol) {
        return new SelectorServer(config, protocol);
    }

    private void run() {
        try {
            while (true) {
                long wait = nextWait();
                if (wait < 0) {
                    selector.select();
                } else if (wait == 0) {
                    selector.selectNow();
                } else {
                    selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait + 999_999)));
                }
                if (!draining && stopRequested()) {
                    beginDrain();
                }
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    try {
                        handle(key);
                    } catch (RuntimeException e) {
                        // One connection's failure must not stop the loop that serves all the others.
                        drop(key, e);
                    }
                }
                runWokenTasks();
                runAllTasks();
                if (draining && (connections.isEmpty() || System.nanoTime() - stopDeadline() >= 0)) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("{}: the selector loop failed", config.name(), e);
        } finally {
            if (!connections.isEmpty()) {
                ServerLogs.forcing(config, stopGrace(), connections.size());
            }
            for (NonBlockingSocketAdapter connection : new ArrayList<>(connections)) {
                connection.drain().forceClosing();
                connection.finishServing();
            }
            connections.clear();
            closeQuietly(listener);
            closeQuietly(selector);
            ServerLogs.stopped(config, recorder.metrics());
            loopEnded.countDown();
        }
    }

    private void handle(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        if (key.attachment() == null) {
            if (key.isAcceptable()) {
                acceptAll();
            }
            return;
        }
        NonBlockingSocketAdapter connection = (NonBlockingSocketAdapter) key.attachment();
        int ready = key.readyOps();
        if ((ready & SelectionKey.OP_WRITE) != 0) {
            connection.continueWriting();
        }
        if ((ready & SelectionKey.OP_READ) != 0 && connection.wantsRead()) {
            connection.readOnce();
        }
        connection.runTasksAndSchedule();
        update(connection);
    }

    private void drop(SelectionKey key, RuntimeException e) {
        key.cancel();
        if (key.attachment() instanceof NonBlockingSocketAdapter) {
            NonBlockingSocketAdapter connection = (NonBlockingSocketAdapter) key.attachment();
            LOG.warn("{}: closing {} after an unexpected failure: {}", config.name(), connection, e.toString(), e);
            connection.drain().forceClosing();
            connection.finishServing();
            connections.remove(connection);
        } else {
            LOG.warn("{}: the listening socket failed: {}", config.name(), e.toString(), e);
        }
    }

    private void acceptAll() {
        for (int i = 0; i < ACCEPTS_PER_WAKEUP; i++) {
            SocketChannel socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                ServerLogs.acceptFailed(config, e);
                return;
            }
            if (socket == null) {
                return;
            }
            open(socket);
        }
    }

    private void open(SocketChannel socket) {
        NonBlockingSocketAdapter connection;
        try {
            socket.configureBlocking(false);
            socket.setOption(StandardSocketOptions.TCP_NODELAY, config.tcpNoDelay());
            socket.setOption(StandardSocketOptions.SO_KEEPALIVE, config.keepAlive());
            connection = new NonBlockingSocketAdapter(socket, config.allowHalfClosure(), this::wake);
            connection.drain(pipeline.installServer(connection, protocol, security));
            connection.key = socket.register(selector, 0, connection);
        } catch (Exception e) {
            ServerLogs.setupFailed(config, peer(socket), e);
            closeQuietly(socket);
            return;
        }
        connections.add(connection);
        try {
            connection.register();
        } catch (Exception e) {
            ServerLogs.setupFailed(config, peer(socket), e);
            connection.finishServing();
        }
        connection.runTasksAndSchedule();
        update(connection);
    }

    /** Sets what the selector watches for {@code connection}, or forgets it once it is closed. */
    private void update(NonBlockingSocketAdapter connection) {
        if (!connection.isOpen()) {
            connection.key.cancel();
            connection.finishServing();
            connections.remove(connection);
            return;
        }
        int ops = (connection.wantsRead() ? SelectionKey.OP_READ : 0)
                | (connection.writeBlocked() ? SelectionKey.OP_WRITE : 0);
        if (connection.key.interestOps() != ops) {
            connection.key.interestOps(ops);
        }
    }

    /** On any thread: another thread queued a task for {@code connection}. */
    private void wake(NonBlockingSocketAdapter connection) {
        woken.add(connection);
        selector.wakeup();
    }

    private void runWokenTasks() {
        for (NonBlockingSocketAdapter connection = woken.poll(); connection != null; connection = woken.poll()) {
            if (connections.contains(connection)) {
                connection.runTasksAndSchedule();
                update(connection);
            }
        }
    }

    private void runAllTasks() {
        long now = System.nanoTime();
        for (NonBlockingSocketAdapter connection : new ArrayList<>(connections)) {
            if (connection.nextTaskAt != NonBlockingSocketAdapter.NO_TASK && connection.nextTaskAt - now <= 0) {
                connection.runTasksAndSchedule();
                update(connection);
            }
        }
    }

    /** Nanoseconds until the nearest scheduled task or the stop deadline; -1 to wait for I/O only. */
    private long nextWait() {
        long now = System.nanoTime();
        long wait = -1;
        for (NonBlockingSocketAdapter connection : connections) {
            if (connection.nextTaskAt != NonBlockingSocketAdapter.NO_TASK) {
                long d = Math.max(0, connection.nextTaskAt - now);
                wait = wait < 0 ? d : Math.min(wait, d);
            }
        }
        if (draining) {
            long d = Math.max(0, stopDeadline() - now);
            wait = wait < 0 ? d : Math.min(wait, d);
        }
        return wait;
    }

    private void beginDrain() {
        draining = true;
        closeQuietly(listener);
        ServerLogs.draining(config, connections.size());
        for (NonBlockingSocketAdapter connection : new ArrayList<>(connections)) {
            if (connection.drain().begin()) {
                connection.close();
            }
            connection.runTasksAndSchedule();
            update(connection);
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return address;
    }

    @Override
    public Architecture architecture() {
        return Architecture.SELECTOR;
    }

    @Override
    public ConnectionMetrics metrics() {
        return recorder.metrics();
    }

    @Override
    public void closeGracefully(Duration grace) {
        stopping.request(grace, Thread.currentThread() == thread);
    }

    /** Asks the loop to drain and stop by {@code grace} from now, then waits until it has. */
    private void stop(Duration grace) {
        requestStop(grace);
        try {
            loopEnded.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void requestStop(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (stopLock) {
            if (!stopRequested || deadline - stopDeadline < 0) {
                stopDeadline = deadline;
                stopGrace = grace;
            }
            stopRequested = true;
        }
        selector.wakeup();
    }

    @Override
    public void awaitClosed() {
        Blocking.await(loopEnded, "awaitClosed of server " + config.name());
    }

    private boolean stopRequested() {
        synchronized (stopLock) {
            return stopRequested;
        }
    }

    private Duration stopGrace() {
        synchronized (stopLock) {
            return stopGrace;
        }
    }

    private long stopDeadline() {
        synchronized (stopLock) {
            return stopDeadline;
        }
    }

    private static Object peer(SocketChannel socket) {
        try {
            return socket.getRemoteAddress();
        } catch (IOException e) {
            return "?";
        }
    }

    private static void closeQuietly(Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException ignored) {
            // stopping: nothing left to do with it
        }
    }
}

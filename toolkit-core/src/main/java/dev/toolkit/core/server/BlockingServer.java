package dev.toolkit.core.server;

import dev.toolkit.core.pipeline.ConnectionPipeline;
import dev.toolkit.core.pipeline.ServerSecurity;
import dev.toolkit.core.pipeline.ProtocolDefinition;
import dev.toolkit.core.error.Exceptions;
import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.observe.MetricsRecorder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Blocking sockets: {@link Architecture#SINGLE_CLIENT} is one thread that accepts a connection, serves it to
 * its end, then accepts the next; {@link Architecture#THREAD_POOL} is several such threads, each blocking in
 * {@code accept()} on the one listening socket (the book's {@code srv_threaded}, not an executor fed by one
 * acceptor). Each connection runs the shared pipeline through a {@link BlockingSocketAdapter}, which waits in
 * the thread's own {@link Selector} for that one socket, so that answers written from other threads wake it.
 */
final class BlockingServer implements RunningServer<ConnectionMetrics> {

    /** Pool size of {@link Architecture#THREAD_POOL} when the configuration says 0. */
    static final int DEFAULT_POOL_THREADS = 4;

    private static final long STOP_WAIT_MILLIS = 10_000;

    private final ServerConfig config;
    private final Architecture architecture;
    private final MetricsRecorder recorder = new MetricsRecorder();
    private final ConnectionPipeline pipeline;
    private final ProtocolDefinition protocol;
    private final ServerSecurity security;
    private final ServerSocket listener;
    private final InetSocketAddress address;
    private final List<Thread> workers = new ArrayList<>();
    private final Set<BlockingSocketAdapter> connections = ConcurrentHashMap.newKeySet();
    private final ServerStop stopping;
    private volatile boolean draining;
    // Set only for a socket inherited from inetd (see Servers#startInherited).
    private final Duration acceptTimeout;
    private final Socket inheritedConnection;

    private BlockingServer(ServerConfig config, ProtocolDefinition protocol) {
        this.config = config;
        this.architecture = config.architecture();
        this.pipeline = ConnectionPipeline.create(config.pipelineSettings(), recorder);
        this.protocol = protocol;
        this.security = config.security().orElse(null);
        this.stopping = new ServerStop(config.name(), this::stop, this::forceAll);
        this.acceptTimeout = null;
        this.inheritedConnection = null;
        InetSocketAddress bindAddress = config.bindAddress();
        ServerSocket socket = null;
        try {
            // A channel's socket, so that each accepted socket has its channel for the serving thread's selector.
            socket = ServerSocketChannel.open().socket();
            socket.setReuseAddress(config.reuseAddress());
            if (config.reusePort()) {
                socket.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            socket.bind(bindAddress, config.backlog());
        } catch (IOException | UnsupportedOperationException e) {
            if (socket != null) {
                closeQuietly(socket);
            }
            throw Exceptions.map(e, bindAddress);
        }
        listener = socket;
        address = (InetSocketAddress) listener.getLocalSocketAddress();
        int threads = architecture == Architecture.SINGLE_CLIENT ? 1
                : config.threads() == 0 ? DEFAULT_POOL_THREADS : config.threads();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(this::acceptLoop, config.name() + "-worker-" + i);
            t.setDaemon(true);
            workers.add(t);
        }
        ServerLogs.started(config, architecture, address, threads + " thread(s) on blocking java.net sockets");
        workers.forEach(Thread::start);

        stopping.watchSignals(this, config.shutdownGrace());
    }

    static RunningServer<ConnectionMetrics> start(ServerConfig config, ProtocolDefinition protocol) {
        return new BlockingServer(config, protocol);
    }

    /**
     * Serves a socket this process inherited, one client at a time: a listening socket (inetd's {@code wait})
     * until no client arrives for {@code acceptTimeout}, or one connected socket (inetd's {@code nowait})
     * until it closes; either way the server then stops by itself.
     *
     * @param listener the inherited listening socket, or {@code null}
     * @param connection the inherited connected socket, or {@code null}
     * @param acceptTimeout stop once no connection arrived for this long; {@code null} for never
     */
    private BlockingServer(ServerConfig config, ProtocolDefinition protocol, ServerSocket listener,
                           Socket connection, Duration acceptTimeout) {
        this.config = config;
        this.architecture = Architecture.SINGLE_CLIENT;
        this.pipeline = ConnectionPipeline.create(config.pipelineSettings(), recorder);
        this.protocol = protocol;
        this.security = config.security().orElse(null);
        this.stopping = new ServerStop(config.name(), this::stop, this::forceAll);
        this.acceptTimeout = acceptTimeout;
        this.inheritedConnection = connection;
        this.listener = listener;
        this.address = (InetSocketAddress) (listener != null ? listener.getLocalSocketAddress()
                : connection.getLocalSocketAddress());
        Thread t = new Thread(listener != null ? this::acceptLoop : this::serveInherited,
                config.name() + "-worker-0");
        t.setDaemon(true);
        workers.add(t);
        ServerLogs.started(config, architecture, address, listener != null
                ? "inherited listening socket, one client at a time" : "inherited connected socket");
        t.start();

        stopping.watchSignals(this, config.shutdownGrace());
    }

    static RunningServer<ConnectionMetrics> adopt(ServerConfig config, ProtocolDefinition protocol, ServerSocket listener,
                               Socket connection, Duration acceptTimeout) {
        return new BlockingServer(config, protocol, listener, connection, acceptTimeout);
    }

    private void serveInherited() {
        Selector selector = openSelector();
        if (selector != null) {
            try {
                serve(inheritedConnection, selector);
            } finally {
                closeQuietly(selector);
            }
        }
        closeGracefully(Duration.ZERO);
    }

    private void acceptLoop() {
        if (acceptTimeout != null && !setAcceptTimeout()) {
            return;
        }
        Selector selector = openSelector();
        if (selector == null) {
            return;
        }
        try {
            acceptLoop(selector);
        } finally {
            closeQuietly(selector);
        }
    }

    private void acceptLoop(Selector selector) {
        while (!listener.isClosed()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (java.net.SocketTimeoutException e) {
                ServerLogs.idleExit(config, acceptTimeout);
                closeGracefully(Duration.ZERO);
                return;
            } catch (IOException e) {
                if (listener.isClosed()) {
                    return;
                }
                ServerLogs.acceptFailed(config, e);
                pauseAfterAcceptFailure();
                continue;
            }
            serve(socket, selector);
        }
    }

    private Selector openSelector() {
        try {
            return Selector.open();
        } catch (IOException e) {
            ServerLogs.acceptFailed(config, e);
            closeGracefully(Duration.ZERO);
            return null;
        }
    }

    private void serve(Socket socket, Selector selector) {
        BlockingSocketAdapter connection;
        try {
            socket.setTcpNoDelay(config.tcpNoDelay());
            socket.setKeepAlive(config.keepAlive());
            SocketChannel channel = socket.getChannel();
            if (channel == null) {
                throw new IOException("socket " + socket + " has no channel to wait on");
            }
            connection = new BlockingSocketAdapter(channel, selector, config.allowHalfClosure());
            connection.drain(pipeline.installServer(connection, protocol, security));
        } catch (Exception e) {
            ServerLogs.setupFailed(config, socket.getRemoteSocketAddress(), e);
            closeQuietly(socket);
            return;
        }
        connections.add(connection);
        try {
            connection.register();
            if (draining && connection.drain().begin()) {
                // Accepted just as the server began to stop: nothing was read yet.
                connection.close();
            }
            connection.serve();
        } catch (Exception e) {
            ServerLogs.setupFailed(config, socket.getRemoteSocketAddress(), e);
            connection.finishServing();
        } finally {
            connections.remove(connection);
        }
    }

    private boolean setAcceptTimeout() {
        try {
            listener.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, acceptTimeout.toMillis())));
            return true;
        } catch (IOException e) {
            ServerLogs.acceptFailed(config, e);
            closeGracefully(Duration.ZERO);
            return false;
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return address;
    }

    @Override
    public Architecture architecture() {
        return architecture;
    }

    @Override
    public ConnectionMetrics metrics() {
        return recorder.metrics();
    }

    @Override
    public void closeGracefully(Duration grace) {
        // A worker thread asking must return to finish its own connection.
        stopping.request(grace, workers.contains(Thread.currentThread()));
    }

    @Override
    public void awaitClosed() {
        stopping.await();
    }

    private void stop(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        draining = true;
        // Every connection is marked as draining before the listener closes, so that once new connections are
        // refused, an answer written on a connection already knows of the drain (HTTP's Connection: close).
        List<BlockingSocketAdapter> idle = new ArrayList<>();
        for (BlockingSocketAdapter connection : connections) {
            if (connection.drain().begin()) {
                idle.add(connection);
            }
        }
        if (listener != null) {
            closeQuietly(listener);
        }
        ServerLogs.draining(config, connections.size());
        idle.forEach(BlockingSocketAdapter::stop);
        joinWorkers(deadline);
        int left = connections.size();
        if (left > 0) {
            ServerLogs.forcing(config, grace, left);
            forceAll();
        }
        joinWorkers(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_WAIT_MILLIS));
        ServerLogs.stopped(config, recorder.metrics());
    }

    private void forceAll() {
        for (BlockingSocketAdapter connection : connections) {
            connection.drain().forceClosing();
            connection.stop();
        }
    }

    private void joinWorkers(long deadline) {
        for (Thread t : workers) {
            if (t == Thread.currentThread()) {
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void pauseAfterAcceptFailure() {
        // Out of file descriptors, typically: let connections close instead of spinning.
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // stopping: nothing left to do with it
        }
    }
}

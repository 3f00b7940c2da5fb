package dev.toolkit.core.server;

import dev.toolkit.core.observe.Logging;
import org.slf4j.Logger;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drains the servers of this process when it gets SIGTERM or SIGINT, as an operator (or systemd, or Ctrl-C)
 * expects: each running server whose configuration sets a {@link ServerConfig#shutdownGrace() shutdown
 * grace} is closed gracefully with it, all at once, then the process exits with status 0. A second signal
 * while they drain closes them at once. The handlers are installed when the first such server starts; where
 * the JVM does not let them be (run with {@code -Xrs}, say), the signal ends the JVM as usual.
 *
 * <p>The JDK's only signal API is {@code sun.misc.Signal} (module {@code jdk.unsupported}, there in every JDK
 * since 9); it is reached by reflection, so that the build stays free of warnings about it.
 */
final class ServerSignals {

    private static final Logger LOG = Logging.logger(Servers.class);
    private static final List<String> SIGNALS = List.of("TERM", "INT");
    private static final Map<RunningServer<?>, Duration> SERVERS = new ConcurrentHashMap<>();
    private static final AtomicInteger RECEIVED = new AtomicInteger();
    private static boolean installed;

    private ServerSignals() {
    }

    /** Drains {@code server} with {@code grace} on SIGTERM or SIGINT; nothing if {@code grace} is null. */
    static void watch(RunningServer<?> server, Duration grace) {
        if (grace == null) {
            return;
        }
        install();
        SERVERS.put(server, grace);
    }

    /** Forgets a server that stopped. */
    static void forget(RunningServer<?> server) {
        SERVERS.remove(server);
    }

    private static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Object handler = Proxy.newProxyInstance(ServerSignals.class.getClassLoader(),
                    new Class<?>[] {handlerType}, (proxy, method, args) -> {
                        if (method.getName().equals("handle")) {
                            received((String) signal.getMethod("getName").invoke(args[0]));
                            return null;
                        }
                        return objectMethod(proxy, method, args);
                    });
            Method handle = signal.getMethod("handle", signal, handlerType);
            for (String name : SIGNALS) {
                try {
                    handle.invoke(null, signal.getConstructor(String.class).newInstance(name), handler);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    LOG.debug("SIG{} is left to the JVM: {}", name, e.getCause().toString());
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("signals are left to the JVM: {}", e.toString());
        }
    }

    private static Object objectMethod(Object proxy, Method method, Object[] args) {
        switch (method.getName()) {
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            default:
                return "toolkit server signal handler";
        }
    }

    private static void received(String signalName) {
        String name = "SIG" + signalName;
        List<Map.Entry<RunningServer<?>, Duration>> servers = new ArrayList<>(SERVERS.entrySet());
        if (RECEIVED.incrementAndGet() > 1) {
            LOG.warn("{} received again: closing {} server(s) now", name, servers.size());
            for (Map.Entry<RunningServer<?>, Duration> e : servers) {
                start("toolkit-signal-close", () -> e.getKey().closeGracefully(Duration.ZERO));
            }
            return;
        }
        start("toolkit-signal-drain", () -> drainAndExit(name, servers));
    }

    private static void drainAndExit(String name, List<Map.Entry<RunningServer<?>, Duration>> servers) {
        LOG.info("{} received: draining {} server(s)", name, servers.size());
        List<Thread> drains = new ArrayList<>();
        for (Map.Entry<RunningServer<?>, Duration> e : servers) {
            drains.add(start("toolkit-signal-drain", () -> e.getKey().closeGracefully(e.getValue())));
        }
        for (Thread t : drains) {
            try {
                t.join();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        LOG.info("{}: every server drained; exiting", name);
        System.exit(0);
    }

    private static Thread start(String name, Runnable task) {
        Thread t = new Thread(task, name);
        // Not a daemon like the signal's own thread: the process must not end before the drain does.
        t.setDaemon(false);
        t.start();
        return t;
    }
}

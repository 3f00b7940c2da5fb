package dev.toolkit.examples.ch07;

import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.time.Duration;

/**
 * Chapter 7's {@code in_zen2.py}: a Zen server for inetd's {@code wait} mode. inetd starts this program with
 * the listening socket as its standard input (fd 0) when the first client arrives; it accepts clients one
 * after the other and exits after 8.0 s without a new one, handing the socket back to inetd. It takes no
 * arguments and prints nothing (see {@link InetdZen} for its log file).
 *
 * <pre>
 * # /etc/inetd.conf
 * 1060 stream tcp wait nobody /path/to/toolkit toolkit ch07 in_zen2
 * # systemd: a socket unit (Accept=no) and a service with StandardInput=socket:
 * #   zen.socket:   [Socket] ListenStream=1060
 * #   zen.service:  [Service] ExecStart=/path/to/toolkit ch07 in_zen2
 * #                 StandardInput=socket
 * # or, to try it: systemd-socket-activate -l 1060 --inetd ./toolkit ch07 in_zen2
 * </pre>
 */
@Command(name = "in_zen2", description = "Zen server for inetd \"wait\": fd 0 is the listener; exits after 8 s idle")
public final class InZen2 extends InetdZen {

    /** The book's idle time-out. */
    static final Duration IDLE_EXIT = Duration.ofMillis(8000);

    @Override
    Duration acceptTimeout() {
        return IDLE_EXIT;
    }

    /** What the original logs when its accept times out and it exits. */
    static final String IDLE_LINE = "Waited 8 seconds with no further connections; shutting down";

    /** The original's {@code socket.timeout} handler. */
    @Override
    void exited(PrintWriter log) {
        log.println(IDLE_LINE);
    }
}

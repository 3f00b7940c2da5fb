package dev.toolkit.examples.ch07;

import picocli.CommandLine.Command;

import java.time.Duration;

/**
 * Chapter 7's {@code in_zen1.py}: a Zen server for inetd's {@code nowait} mode. inetd accepts each connection
 * and starts this program with the connected socket as its standard input (fd 0); it answers that one client
 * and exits. It takes no arguments and prints nothing (see {@link InetdZen} for its log file).
 *
 * <pre>
 * # /etc/inetd.conf
 * 1060 stream tcp nowait nobody /path/to/toolkit toolkit ch07 in_zen1
 * # or, to try it: systemd-socket-activate -l 1060 -a --inetd ./toolkit ch07 in_zen1
 * </pre>
 */
@Command(name = "in_zen1", description = "Zen server for inetd \"nowait\": fd 0 is the connected socket")
public final class InZen1 extends InetdZen {

    @Override
    Duration acceptTimeout() {
        return null;
    }
}

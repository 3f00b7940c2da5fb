package dev.toolkit.examples.ch04;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Port 80 on 127.0.0.1 for {@code www_ping}'s success case: a listener bound there if this process may bind
 * it (root on Linux), else whatever already listens. Nothing is accepted: the kernel completes the handshake
 * that {@code www_ping} needs.
 */
public final class Port80 implements AutoCloseable {

    /** The port {@code www_ping} connects to (the {@code www} service). */
    public static final int PORT = 80;

    private final ServerSocket socket;
    private final boolean listening;
    private final String note;

    private Port80(ServerSocket socket, boolean listening, String note) {
        this.socket = socket;
        this.listening = listening;
        this.note = note;
    }

    /** Binds 127.0.0.1:80 if possible and finds out whether anything listens there. */
    public static Port80 open() {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), PORT);
        ServerSocket s = null;
        try {
            s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(address, 50);
            return new Port80(s, true, "listening on 127.0.0.1:80");
        } catch (IOException e) {
            close(s);
            boolean inUse = e instanceof BindException && String.valueOf(e.getMessage()).contains("in use");
            boolean answers = answers(address);
            String why = inUse ? "127.0.0.1:80 is already in use" : "cannot bind 127.0.0.1:80 (" + e.getMessage() + ")";
            return new Port80(null, answers, why + (answers ? "; something else listens there"
                    : "; nothing listens there, so www_ping's success case cannot be shown"));
        }
    }

    private static boolean answers(InetSocketAddress address) {
        try (Socket probe = new Socket()) {
            probe.connect(address, 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether a connection to 127.0.0.1:80 succeeds. */
    public boolean listening() {
        return listening;
    }

    /** What was done or found, for the tour's console. */
    public String note() {
        return note;
    }

    @Override
    public void close() {
        close(socket);
    }

    private static void close(ServerSocket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // Nothing to do: the port is released either way when the process ends.
            }
        }
    }
}

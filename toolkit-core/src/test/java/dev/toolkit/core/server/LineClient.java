package dev.toolkit.core.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A blocking line client for loopback tests, with generous time-outs so that a hang fails the test. */
final class LineClient implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 10_000;

    private final Socket socket;
    private final OutputStream out;
    private final BufferedReader in;

    LineClient(InetSocketAddress address) throws IOException {
        socket = new Socket();
        try {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.connect(address, TIMEOUT_MILLIS);
            out = socket.getOutputStream();
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Sends {@code text} as it is (no line break added). */
    void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** The next line; fails at the end of the stream. */
    String readLine() throws IOException {
        String line = in.readLine();
        if (line == null) {
            throw new IOException("connection closed by the server before a full answer");
        }
        return line;
    }

    /** Sends one line and returns the answer as a number (a process id for {@link PidProtocol}). */
    long ask(String line) throws IOException {
        send(line + "\n");
        return Long.parseLong(readLine());
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

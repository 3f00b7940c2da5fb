package dev.toolkit.http.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A raw socket client for the loopback tests: sends bytes as given, reads answers as text. */
final class RawClient implements AutoCloseable {

    static final int TIMEOUT_MILLIS = 30_000;

    final Socket socket = new Socket();
    final InputStream in;
    final OutputStream out;
    private final StringBuilder received = new StringBuilder();

    RawClient(InetSocketAddress server) throws IOException {
        socket.connect(server, TIMEOUT_MILLIS);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    RawClient send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    /** Reads until the text received contains {@code part} {@code times} times; returns all received so far. */
    String readUntil(String part, int times) throws IOException {
        byte[] buffer = new byte[8192];
        while (count(received.toString(), part) < times) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("closed before \"" + part + "\" x" + times + "; received: " + received);
            }
            received.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
        }
        return received.toString();
    }

    String readUntil(String part) throws IOException {
        return readUntil(part, 1);
    }

    /** Reads to the end of the stream (the server closes); returns everything received. */
    String readToEnd() throws IOException {
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                rest.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new IOException("the server did not close; received: " + received + rest, e);
        } catch (IOException e) {
            // A reset after the answer counts as the end.
        }
        received.append(rest.toString(StandardCharsets.ISO_8859_1));
        return received.toString();
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

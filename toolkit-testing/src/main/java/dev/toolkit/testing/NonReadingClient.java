package dev.toolkit.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * A peer that sends requests and never reads the answers: it writes one request over and over, without
 * blocking, until the server stops taking bytes (the server's answers fill both sockets' buffers and it stops
 * reading), and then resets the connection (SO_LINGER 0), as a killed client's socket may. Loopback only.
 */
public final class NonReadingClient implements AutoCloseable {

    private static final int BATCH = 64 * 1024;

    private final SocketChannel channel;
    private long written;

    private NonReadingClient(SocketChannel channel) {
        this.channel = channel;
    }

    /** Connects to {@code server}. */
    public static NonReadingClient connect(InetSocketAddress server) throws IOException {
        SocketChannel channel = SocketChannel.open(server);
        try {
            channel.configureBlocking(false);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new NonReadingClient(channel);
    }

    /** The client's own port. */
    public int localPort() throws IOException {
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    /**
     * Writes {@code request} again and again until the server has taken no byte for {@code quiet}.
     *
     * @param giveUp how long to keep writing before deciding that the server never stops reading
     * @return the bytes written in all
     * @throws IllegalStateException if the server still takes bytes after {@code giveUp}
     */
    public long writeUntilStalled(byte[] request, Duration quiet, Duration giveUp)
            throws IOException, InterruptedException {
        ByteBuffer batch = ByteBuffer.allocate(Math.max(request.length, BATCH / request.length * request.length));
        while (batch.remaining() >= request.length) {
            batch.put(request);
        }
        batch.flip();
        long end = System.nanoTime() + giveUp.toNanos();
        long lastProgress = System.nanoTime();
        while (System.nanoTime() - lastProgress < quiet.toNanos()) {
            if (System.nanoTime() - end > 0) {
                throw new IllegalStateException("the server still reads after " + written + " bytes and " + giveUp);
            }
            if (!batch.hasRemaining()) {
                batch.rewind();
            }
            int n = channel.write(batch);
            if (n > 0) {
                written += n;
                lastProgress = System.nanoTime();
            } else {
                Thread.sleep(10);
            }
        }
        return written;
    }

    /** The bytes written so far. */
    public long written() {
        return written;
    }

    /** Resets the connection: closes it with SO_LINGER 0, dropping what it had not sent. */
    public void reset() throws IOException {
        if (channel.isOpen()) {
            channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            channel.close();
        }
    }

    /** Resets the connection if it is still open. */
    @Override
    public void close() throws IOException {
        reset();
    }
}

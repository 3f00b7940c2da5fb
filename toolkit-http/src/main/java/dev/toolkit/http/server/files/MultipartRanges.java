package dev.toolkit.http.server.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of a {@code multipart/byteranges} answer (RFC 9110, section 14.6), read as a stream: each range
 * after its boundary line, {@code Content-Type} and {@code Content-Range}, then the closing boundary. The file
 * is opened on the first read and closed at the end or on {@link #close()}.
 */
final class MultipartRanges extends InputStream {

    private final Path file;
    private final List<byte[]> heads = new ArrayList<>();
    private final List<ByteRanges.Range> ranges;
    private final byte[] tail;
    private final long length;

    private FileChannel channel;
    private int part;
    /** Within the current part: the head's bytes first, then the range's. */
    private long position;
    private boolean closed;

    MultipartRanges(Path file, List<ByteRanges.Range> ranges, long size, String contentType, String boundary) {
        this.file = file;
        this.ranges = ranges;
        long total = 0;
        for (int i = 0; i < ranges.size(); i++) {
            ByteRanges.Range range = ranges.get(i);
            String head = (i == 0 ? "" : "\r\n") + "--" + boundary + "\r\nContent-Type: " + contentType
                    + "\r\nContent-Range: " + range.contentRange(size) + "\r\n\r\n";
            byte[] bytes = head.getBytes(StandardCharsets.US_ASCII);
            heads.add(bytes);
            total += bytes.length + range.length();
        }
        this.tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        this.length = total + tail.length;
    }

    /** The number of bytes the body holds. */
    long length() {
        return length;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        if (closed) {
            throw new IOException("the multipart body of " + file + " is closed");
        }
        if (count == 0) {
            return 0;
        }
        while (part <= ranges.size()) {
            if (part == ranges.size()) {
                if (position < tail.length) {
                    int n = (int) Math.min(count, tail.length - position);
                    System.arraycopy(tail, (int) position, buffer, offset, n);
                    position += n;
                    return n;
                }
                closeChannel();
                part++;
                return -1;
            }
            byte[] head = heads.get(part);
            ByteRanges.Range range = ranges.get(part);
            if (position < head.length) {
                int n = (int) Math.min(count, head.length - position);
                System.arraycopy(head, (int) position, buffer, offset, n);
                position += n;
                return n;
            }
            long inRange = position - head.length;
            if (inRange < range.length()) {
                int n = (int) Math.min(count, range.length() - inRange);
                int read = channel().read(ByteBuffer.wrap(buffer, offset, n), range.first + inRange);
                if (read < 0) {
                    throw new IOException(file + " is shorter than when its ranges were chosen");
                }
                position += read;
                return read;
            }
            part++;
            position = 0;
        }
        return -1;
    }

    private FileChannel channel() throws IOException {
        if (channel == null) {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        }
        return channel;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        closeChannel();
    }

    private void closeChannel() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}

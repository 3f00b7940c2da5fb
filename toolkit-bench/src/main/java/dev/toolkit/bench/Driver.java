package dev.toolkit.bench;

import java.util.concurrent.CompletableFuture;

/**
 * One client and server pair under test, in this JVM: sends a request, completes when its reply came back.
 * Each implementation matches replies to requests by ID and gives up on a request after 100 ms, so that both
 * do the same work.
 */
interface Driver extends AutoCloseable {

    /** What this pair is, for the results: {@code toolkit} or {@code netty}. */
    String name();

    /** Sends {@code payload} and completes with the echoed payload, or fails (lost, timed out). */
    CompletableFuture<byte[]> request(byte[] payload);

    /** The name prefix of the server's event loop threads, to measure their CPU time. */
    String serverThreadPrefix();

    /** Stops client and server. */
    @Override
    void close();
}

package dev.toolkit.http.server;

import java.io.InputStream;
import java.util.concurrent.CompletableFuture;

/**
 * A request body, read as it arrives: the connection stops reading from the client while the body is not
 * consumed. It is aggregated only when the application asks for bytes, text, a form or JSON, and then only up
 * to {@link HttpServerConfig#maxBodySize()}: past it the client gets a 413 and the call fails. A body can be
 * read once, in one of these forms. A body the application does not read is discarded by the server after the
 * response.
 *
 * <p>The blocking forms are refused on an event loop ({@link IllegalStateException}); an application running
 * there uses the {@code Async} forms.
 */
public interface RequestBody {

    /** The announced length ({@code Content-Length}), or {@code -1} when unknown (chunked). */
    long contentLength();

    /**
     * The body as a stream of bytes as they arrive. Reads block until bytes come; the end of the stream is
     * the end of the body.
     *
     * @throws IllegalStateException on an event loop, or if the body was already read
     */
    InputStream stream();

    /** The whole body (at most {@code maxBodySize} bytes), blocking until it has arrived. */
    byte[] bytes();

    /** The whole body, when it has arrived. */
    CompletableFuture<byte[]> bytesAsync();

    /** The body as text in the charset of its {@code Content-Type}, else UTF-8. */
    String text();

    /** The body as text, when it has arrived. */
    CompletableFuture<String> textAsync();

    /**
     * The body parsed as JSON into {@code type} (Jackson).
     *
     * @throws IllegalArgumentException if it is not valid JSON for {@code type}
     */
    <T> T json(Class<T> type);

    /** The body parsed as JSON into {@code type}, when it has arrived. */
    <T> CompletableFuture<T> jsonAsync(Class<T> type);

    /** The body parsed as a urlencoded or multipart form; file parts are streamed to temporary files. */
    Form form();

    /** The body parsed as a form, when it has arrived. */
    CompletableFuture<Form> formAsync();
}

package dev.toolkit.http.server;

import dev.toolkit.core.error.ErrorKind;
import dev.toolkit.core.error.ToolkitException;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * A request body could not be read: it passed {@link HttpServerConfig#maxBodySize()} (413), the client stopped
 * sending it (408), it was malformed or cut short (400). The server answers the request with {@link #status()}
 * when the application lets the exception through.
 */
public final class RequestBodyException extends ToolkitException {

    private static final long serialVersionUID = 1L;

    private final transient HttpResponseStatus status;

    /**
     * An exception that answers the request with {@code status}.
     *
     * @param status the status to answer with
     * @param message what went wrong, and where
     */
    public RequestBodyException(HttpResponseStatus status, String message) {
        this(status, message, null);
    }

    /**
     * An exception that answers the request with {@code status}.
     *
     * @param status the status to answer with
     * @param message what went wrong, and where
     * @param cause the underlying failure, or {@code null}
     */
    public RequestBodyException(HttpResponseStatus status, String message, Throwable cause) {
        super(status.code() == 408 ? ErrorKind.TIMEOUT : ErrorKind.PROTOCOL, message, cause);
        this.status = status;
    }

    /** The status the request is answered with. */
    public HttpResponseStatus status() {
        return status;
    }
}

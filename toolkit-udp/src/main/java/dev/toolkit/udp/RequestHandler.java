package dev.toolkit.udp;

/**
 * Answers one request of the request/response layer (see {@link RequestProtocol}).
 *
 * <pre>{@code
 * UdpServer server = UdpServer.bind(config, RequestProtocol.server(request -> request.data()));  // echo
 * }</pre>
 */
@FunctionalInterface
public interface RequestHandler {

    /**
     * Answers {@code request}. Runs on the server's event loop, so it must not block. A client that timed out
     * sends the same request again with the same ID, so the handler may see a request twice: make it
     * idempotent, or remember what it answered.
     *
     * @param request the request's payload and sender
     * @return the reply's payload, or {@code null} to send no reply (the client will time out and retry)
     * @throws IllegalArgumentException to refuse a bad request: the client's request then fails at once with
     *     the exception's message; any other exception sends "internal error" and is reported on the server
     */
    byte[] handle(Datagram request) throws Exception;
}

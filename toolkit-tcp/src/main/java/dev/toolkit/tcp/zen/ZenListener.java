package dev.toolkit.tcp.zen;

import dev.toolkit.core.observe.Logging;
import org.slf4j.Logger;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * What happens in a Zen conversation, for a server to print or log (the book's servers print these lines).
 * Called from the thread serving the connection, so an implementation shared by connections must be
 * thread-safe; it must not block.
 */
public interface ZenListener {

    /** Logs every event through SLF4J (connections at DEBUG, clients leaving mid-question and failures at INFO). */
    ZenListener LOGGING = new ZenListener() {
        private final Logger log = Logging.logger(ZenHandler.class);

        @Override
        public void accepted(InetSocketAddress client) {
            log.debug("Accepted connection from {}", client);
        }

        @Override
        public void closed(InetSocketAddress client) {
            log.debug("Client socket to {} has closed", client);
        }

        @Override
        public void closedMidQuestion(InetSocketAddress client, byte[] received) {
            log.info("Client {} error: received {} bytes ({}) then socket closed", client, received.length,
                    new String(received, StandardCharsets.ISO_8859_1));
        }

        @Override
        public void failed(InetSocketAddress client, Throwable cause) {
            log.info("Client {} error: {}", client, cause.getMessage());
        }
    };

    /** A connection began (the book's {@code Accepted connection from ADDR}). */
    default void accepted(InetSocketAddress client) {
    }

    /** A question was answered; {@code question} has no {@code ?}. */
    default void answered(InetSocketAddress client, byte[] question, byte[] answer) {
    }

    /** The client closed between questions (the book's {@code Client socket to ADDR has closed}). */
    default void closed(InetSocketAddress client) {
    }

    /**
     * The client closed in the middle of a question (the book's {@code received b'...' then socket closed}).
     *
     * @param received the bytes of the unfinished question (at most the protocol's question limit)
     */
    default void closedMidQuestion(InetSocketAddress client, byte[] received) {
    }

    /**
     * The client closed (or reset) its connection between questions while answers were still waiting for the
     * socket to take them (the book's srv_async: {@code Client ADDR closed before we sent b'...'}); a client
     * that also left a question unfinished is reported by {@link #closedMidQuestion} instead, as the book's
     * loop does. Reported as {@link #closed} unless overridden: only a listener that overrides this method
     * makes the handler keep track of the answers not yet sent.
     *
     * @param unsent the bytes of the answers the socket had not taken, in order (bounded by the connection's
     *               limit on queued bytes)
     */
    default void closedBeforeSent(InetSocketAddress client, byte[] unsent) {
        closed(client);
    }

    /** The conversation failed: a question too long, a reset, a time-out. No {@code closed} event follows. */
    default void failed(InetSocketAddress client, Throwable cause) {
    }
}

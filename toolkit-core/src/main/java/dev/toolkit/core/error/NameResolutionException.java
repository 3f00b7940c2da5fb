package dev.toolkit.core.error;

import java.util.List;
import java.util.Objects;

/**
 * A name could not be resolved; lists every name tried (after search-domain expansion) and every server asked.
 *
 * <p>{@link #reason()} tells callers what kind of failure it was without parsing the message: a name that does
 * not exist ({@link Reason#NXDOMAIN}) is final, a time-out ({@link Reason#TIMEOUT}) or a server failure may
 * succeed later. DNS query time-outs are reported here, with reason {@code TIMEOUT}, rather than as an
 * {@link OperationTimeoutException}, so that the names and servers tried travel with the error.
 */
public class NameResolutionException extends ToolkitException {

    private static final long serialVersionUID = 1L;

    /** Why a name could not be resolved. */
    public enum Reason {
        /** The name does not exist (DNS NXDOMAIN, or not in the hosts file with no DNS to ask). */
        NXDOMAIN("no such domain"),
        /** The name exists but has no record of the type asked for. */
        NO_DATA("no records of the requested type"),
        /** No server answered in time. */
        TIMEOUT("no answer in time"),
        /** The server reported a failure (SERVFAIL) or answered something unusable. */
        SERVER_FAILURE("server failure"),
        /**
         * The answer was truncated (TC bit) and could not be had whole: the retry over TCP failed. A partial
         * answer is never used, since a forger can plant records in it.
         */
        TRUNCATED("truncated answer and the TCP retry failed"),
        /** The answer could not be parsed (garbage, a compression loop, records past its end). */
        MALFORMED("malformed answer"),
        /** The server refused the query (REFUSED, NOTIMP). */
        REFUSED("query refused"),
        /** The name is not a valid domain name or address; nothing was sent. */
        BAD_NAME("invalid name"),
        /** The service name or port is unknown or invalid for the socket type; nothing was sent. */
        BAD_SERVICE("unknown service"),
        /** The address family asked for is not supported for this name or host. */
        BAD_FAMILY("address family not supported"),
        /** The domain states that it accepts no mail (a null MX record, RFC 7505). */
        NO_MAIL("domain accepts no mail (null MX)"),
        /** A network error while talking to the servers. */
        NETWORK("network error"),
        /** Any other failure; see the message and cause. */
        OTHER("failed");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        /** A short human-readable description, e.g. "no such domain". */
        public String text() {
            return text;
        }
    }

    private final String name;
    private final List<String> namesTried;
    private final List<String> serversAsked;
    private final Reason reason;

    /**
     * A failure of reason {@link Reason#OTHER} described by {@code reason}.
     *
     * @param name the name as the caller gave it
     * @param namesTried every fully qualified name that was looked up, in order
     * @param serversAsked every server asked ({@code host:port}), or empty for the system resolver
     * @param reason why it failed, e.g. "no such domain"
     * @param cause the underlying exception, or {@code null}
     */
    public NameResolutionException(String name, List<String> namesTried, List<String> serversAsked, String reason,
                                   Throwable cause) {
        this(name, namesTried, serversAsked, Reason.OTHER, reason, cause);
    }

    /**
     * A failure of a known kind.
     *
     * @param name the name as the caller gave it
     * @param namesTried every fully qualified name that was looked up, in order
     * @param serversAsked every server asked ({@code host:port}); empty when none was asked
     * @param reason what kind of failure it was
     * @param detail more detail for the message, or {@code null} for the reason's text alone
     * @param cause the underlying exception, or {@code null}
     */
    public NameResolutionException(String name, List<String> namesTried, List<String> serversAsked, Reason reason,
                                   String detail, Throwable cause) {
        super(ErrorKind.RESOLUTION, describe(name, namesTried, serversAsked,
                detail == null ? reason.text() : detail), cause);
        this.name = name;
        this.namesTried = List.copyOf(namesTried);
        this.serversAsked = List.copyOf(serversAsked);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    private static String describe(String name, List<String> tried, List<String> servers, String reason) {
        StringBuilder sb = new StringBuilder("cannot resolve '").append(name).append("': ").append(reason);
        if (!tried.isEmpty() && !(tried.size() == 1 && tried.get(0).equals(name))) {
            sb.append("; names tried: ").append(String.join(", ", tried));
        }
        if (!servers.isEmpty()) {
            sb.append("; servers asked: ").append(String.join(", ", servers));
        }
        return sb.toString();
    }

    /** The name as the caller gave it. */
    public String name() {
        return name;
    }

    /** Every fully qualified name that was looked up, in order. */
    public List<String> namesTried() {
        return namesTried;
    }

    /** Every server asked, as {@code host:port}; empty when the system resolver answered. */
    public List<String> serversAsked() {
        return serversAsked;
    }

    /** What kind of failure this was. */
    public Reason reason() {
        return reason;
    }
}

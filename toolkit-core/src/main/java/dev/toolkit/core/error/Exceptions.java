package dev.toolkit.core.error;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.UnsupportedMessageTypeException;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.handler.timeout.WriteTimeoutException;

import javax.net.ssl.SSLException;
import java.io.EOFException;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Maps Netty and JDK exceptions to the toolkit's exception family.
 *
 * <p>Classification looks at exception types along the cause chain, never at message text, except for the
 * one case the JDK offers nothing else for: a plain {@link java.net.ConnectException} (refused) and the
 * native transports' "connection reset" and "address already in use" {@link IOException}s, which carry
 * their meaning only in the errno text.
 */
public final class Exceptions {

    private Exceptions() {
    }

    /** Maps {@code t} with no address known. */
    public static ToolkitException map(Throwable t) {
        return map(t, null);
    }

    /**
     * Maps {@code t} to a {@link ToolkitException}; one already of the family is returned unchanged
     * (after unwrapping Netty's and the JDK's wrapper exceptions).
     *
     * @param t the exception to map
     * @param remote the peer's address, used in messages; may be {@code null}
     * @return the toolkit exception, with {@code t} as its cause
     */
    public static ToolkitException map(Throwable t, SocketAddress remote) {
        Throwable e = unwrap(t);
        if (e instanceof ToolkitException) {
            return (ToolkitException) e;
        }
        if (e instanceof ConnectTimeoutException) {
            return new OperationTimeoutException(OperationTimeoutException.Phase.CONNECT, null,
                    remote == null ? e.getMessage() : String.valueOf(remote), e);
        }
        if (e instanceof ReadTimeoutException || e instanceof SocketTimeoutException) {
            return new OperationTimeoutException(OperationTimeoutException.Phase.READ, null, where(remote), e);
        }
        if (e instanceof WriteTimeoutException) {
            return new OperationTimeoutException(OperationTimeoutException.Phase.WRITE, null, where(remote), e);
        }
        if (e instanceof PortUnreachableException) {
            return new ConnectFailedException(remote, ConnectFailedException.Reason.REFUSED, e);
        }
        if (e instanceof NoRouteToHostException) {
            return new ConnectFailedException(remote, ConnectFailedException.Reason.UNREACHABLE, e);
        }
        if (e instanceof java.net.ConnectException) {
            return new ConnectFailedException(remote, connectReason(e), e);
        }
        if (e instanceof UnknownHostException) {
            String name = e.getMessage() == null ? "?" : e.getMessage();
            return new NameResolutionException(name, List.of(name), List.of(), "unknown host", e);
        }
        if (isAddressInUse(e)) {
            return new AddressInUseException(remote, e);
        }
        if (e instanceof java.net.BindException) {
            return new ToolkitException(ErrorKind.IO, "cannot bind" + (remote == null ? "" : " "
                    + AddressInUseException.text(remote)) + ": " + e.getMessage(), e);
        }
        if (isOutbound(e)) {
            return outbound(e, null, remote == null ? null : String.valueOf(remote), null);
        }
        if (e instanceof TooLongFrameException) {
            return new ProtocolViolationException("frame too long: " + e.getMessage(), null, e);
        }
        if (e instanceof CorruptedFrameException || e instanceof DecoderException) {
            return new ProtocolViolationException("malformed input: " + e.getMessage(), null, e);
        }
        if (e instanceof SSLException) {
            return tls((SSLException) e);
        }
        if (e instanceof ClosedChannelException) {
            return new ConnectionClosedException(ConnectionClosedException.Side.LOCAL, "using it" + at(remote), 0, e);
        }
        if (e instanceof EOFException) {
            return new ConnectionClosedException(ConnectionClosedException.Side.REMOTE, "reading" + at(remote), 0, e);
        }
        if (e instanceof IOException && isReset(e)) {
            return new ConnectionClosedException(ConnectionClosedException.Side.REMOTE,
                    "exchanging data" + at(remote) + " (connection reset)", 0, e);
        }
        if (e instanceof IOException) {
            return new ToolkitException(ErrorKind.IO, "I/O failure" + at(remote) + ": " + e, e);
        }
        return new ToolkitException(ErrorKind.INTERNAL, "unexpected failure" + at(remote) + ": " + e, e);
    }

    /** Strips the wrappers that carry no meaning of their own. */
    public static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while (e.getCause() != null && (e instanceof CompletionException || e instanceof ExecutionException
                || e instanceof InvocationTargetException
                || (e instanceof DecoderException && e.getCause() instanceof ToolkitException)
                || (e instanceof EncoderException && e.getCause() instanceof ToolkitException)
                || (e.getClass() == DecoderException.class && !(e instanceof TooLongFrameException)
                    && e.getCause() instanceof SSLException))) {
            e = e.getCause();
        }
        return e;
    }

    /**
     * Maps the failure of a write: an outbound failure (see {@link #isOutbound(Throwable)}) becomes an
     * {@link OutboundMessageException} naming the message's type, the connection and its pipeline; any other
     * failure is mapped by {@link #map(Throwable, SocketAddress)}.
     *
     * @param t the write's failure
     * @param messageType the class name of the message written, or {@code null}
     * @param where the connection, or {@code null}
     * @param pipeline the pipeline's handler names, or {@code null}
     */
    public static ToolkitException mapWrite(Throwable t, String messageType, String where, String pipeline) {
        return isOutbound(t) ? outbound(t, messageType, where, pipeline) : map(t);
    }

    /**
     * Whether {@code t} says that a message could not be sent at all: an encoder refused it
     * ({@link EncoderException}), or no handler takes its type (Netty's {@link UnsupportedMessageTypeException}
     * or the transport's "unsupported message type" refusal).
     */
    public static boolean isOutbound(Throwable t) {
        return outboundFailure(t) != null;
    }

    /** Whether {@code t} is a refusal of a message's type (nothing of the pipeline takes it). */
    public static boolean isUnsupportedType(Throwable t) {
        Throwable e = outboundFailure(t);
        return e instanceof UnsupportedMessageTypeException || e instanceof UnsupportedOperationException;
    }

    /** The outbound failure in {@code t}, under the JDK's wrappers; {@code null} if it is none. */
    private static Throwable outboundFailure(Throwable t) {
        for (Throwable e = t; e != null; e = e.getCause()) {
            if (e instanceof EncoderException || e instanceof UnsupportedMessageTypeException
                    || e instanceof OutboundMessageException
                    || (e instanceof UnsupportedOperationException
                        && String.valueOf(e.getMessage()).startsWith("unsupported message type"))) {
                return e;
            }
            if (!(e instanceof CompletionException || e instanceof ExecutionException)) {
                return null;
            }
        }
        return null;
    }

    private static ToolkitException outbound(Throwable t, String messageType, String where, String pipeline) {
        Throwable e = outboundFailure(t);
        if (e instanceof OutboundMessageException) {
            return (OutboundMessageException) e;
        }
        // An encoder's reason is its cause's message (a frame too long, a value it cannot write).
        String reason = e instanceof EncoderException && e.getCause() != null && e.getCause().getMessage() != null
                ? e.getCause().getMessage() : String.valueOf(e.getMessage());
        return new OutboundMessageException(messageType, where, pipeline, reason, e);
    }

    private static boolean isAddressInUse(Throwable e) {
        return e instanceof IOException
                && String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("address already in use");
    }

    private static TlsException tls(SSLException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof CertificateExpiredException) {
                return new TlsException(TlsException.Check.EXPIRED, String.valueOf(c.getMessage()), e);
            }
            if (c instanceof CertificateNotYetValidException) {
                return new TlsException(TlsException.Check.NOT_YET_VALID, String.valueOf(c.getMessage()), e);
            }
            if (c instanceof CertPathValidatorException) {
                CertPathValidatorException v = (CertPathValidatorException) c;
                if (v.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
                    return new TlsException(TlsException.Check.EXPIRED, String.valueOf(c.getMessage()), e);
                }
                if (v.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
                    return new TlsException(TlsException.Check.NOT_YET_VALID, String.valueOf(c.getMessage()), e);
                }
                return new TlsException(TlsException.Check.ISSUER, String.valueOf(c.getMessage()), e);
            }
            if (c.getClass().getName().equals("sun.security.provider.certpath.SunCertPathBuilderException")) {
                return new TlsException(TlsException.Check.ISSUER, "no trusted issuer for the peer's chain", e);
            }
        }
        return new TlsException(TlsException.Check.OTHER, String.valueOf(e.getMessage()), e);
    }

    private static ConnectFailedException.Reason connectReason(Throwable e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        if (m.contains("refused")) {
            return ConnectFailedException.Reason.REFUSED;
        }
        if (m.contains("unreachable") || m.contains("no route")) {
            return ConnectFailedException.Reason.UNREACHABLE;
        }
        return ConnectFailedException.Reason.OTHER;
    }

    private static boolean isReset(Throwable e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return m.contains("connection reset") || m.contains("broken pipe");
    }

    private static String where(SocketAddress remote) {
        return remote == null ? null : "waiting for " + remote;
    }

    private static String at(SocketAddress remote) {
        return remote == null ? "" : " with " + remote;
    }
}

package dev.toolkit.core.observe;

import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.Slf4JLoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPLoggerFactory;

/**
 * The one route of every log line of the toolkit, and of Netty's: through SLF4J, to whatever provider the
 * application has; with no SLF4J provider at all (where SLF4J would drop every line), WARN and ERROR lines
 * still reach stderr, one line per event ({@code WARN dev.toolkit.x.Y: message (cause)}), Netty's included,
 * and nothing goes through {@code java.util.logging}.
 *
 * <p>Netty binds each of its classes to a logger when the class is first used, so the route is set when this
 * class is initialised: by the first toolkit class that logs or makes an event loop, or by {@link #install()}
 * where a program that uses Netty directly before the toolkit starts.
 */
public final class Logging {

    private static final boolean NO_PROVIDER = LoggerFactory.getILoggerFactory() instanceof NOPLoggerFactory;

    static {
        InternalLoggerFactory.setDefaultFactory(
                NO_PROVIDER ? NettyLoggerAdapter.factory() : Slf4JLoggerFactory.INSTANCE);
    }

    private Logging() {
    }

    /** The logger of {@code type}: SLF4J's, or without a provider one that prints WARN and ERROR on stderr. */
    public static Logger logger(Class<?> type) {
        return logger(type.getName());
    }

    /** The logger named {@code name} (such as the wire log's), on the same route as {@link #logger(Class)}. */
    public static Logger logger(String name) {
        return NO_PROVIDER ? new StderrLogger(name) : LoggerFactory.getLogger(name);
    }

    /**
     * Routes Netty's logging the toolkit's way (through SLF4J, or without a provider to stderr); the toolkit
     * calls it before it makes an event loop, and a program that uses Netty itself first calls it first.
     */
    public static void install() {
        // The work is done once, by the class initializer.
    }

    /** WARN and ERROR lines on stderr: {@code WARN dev.toolkit.x.Y: message}. */
    private static final class StderrLogger extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;

        StderrLogger(String name) {
            this.name = name;
        }

        @Override
        public boolean isTraceEnabled() {
            return false;
        }

        @Override
        public boolean isDebugEnabled() {
            return false;
        }

        @Override
        public boolean isInfoEnabled() {
            return false;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String message, Object[] arguments,
                                                   Throwable throwable) {
            String text = MessageFormatter.basicArrayFormat(message, arguments);
            System.err.println(level + " " + name + ": " + text + (throwable == null ? "" : " (" + throwable + ")"));
        }
    }
}

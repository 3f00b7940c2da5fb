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
 * Where the toolkit's log lines go: through SLF4J, to whatever provider the application has; with no SLF4J
 * provider at all (where SLF4J would drop every line), WARN and ERROR lines still reach stderr, one line per
 * event. When a provider is present, Netty's own logging is routed through SLF4J as well.
 */
public final class Logging {

    private static final boolean NO_PROVIDER = LoggerFactory.getILoggerFactory() instanceof NOPLoggerFactory;

    static {
        if (!NO_PROVIDER) {
            InternalLoggerFactory.setDefaultFactory(Slf4JLoggerFactory.INSTANCE);
        }
    }

    private Logging() {
    }

    /** The logger of {@code type}: SLF4J's, or without a provider one that prints WARN and ERROR on stderr. */
    public static Logger logger(Class<?> type) {
        return NO_PROVIDER ? new StderrLogger(type.getName()) : LoggerFactory.getLogger(type);
    }

    /** Routes Netty's logging through SLF4J when a provider is present; call it where the toolkit starts. */
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

package dev.toolkit.core.observe;

import io.netty.util.internal.logging.AbstractInternalLogger;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import org.slf4j.Logger;

/**
 * Netty's logging on an SLF4J {@link Logger} of the toolkit's choosing: used with no SLF4J provider, so that
 * Netty's warnings and errors take the toolkit's one-line stderr route instead of JUL. Only WARN and ERROR
 * are passed on (the stderr route prints nothing else).
 */
final class NettyLoggerAdapter extends AbstractInternalLogger {

    private static final long serialVersionUID = 1L;

    private final transient Logger target;

    private NettyLoggerAdapter(String name, Logger target) {
        super(name);
        this.target = target;
    }

    /** Netty's logger factory that makes each of its loggers on {@code Logging.logger(name)}. */
    static InternalLoggerFactory factory() {
        return new InternalLoggerFactory() {
            @Override
            protected InternalLogger newInstance(String name) {
                return new NettyLoggerAdapter(name, Logging.logger(name));
            }
        };
    }

    @Override
    public boolean isTraceEnabled() {
        return false;
    }

    @Override
    public void trace(String msg) {
    }

    @Override
    public void trace(String format, Object arg) {
    }

    @Override
    public void trace(String format, Object argA, Object argB) {
    }

    @Override
    public void trace(String format, Object... arguments) {
    }

    @Override
    public void trace(String msg, Throwable t) {
    }

    @Override
    public boolean isDebugEnabled() {
        return false;
    }

    @Override
    public void debug(String msg) {
    }

    @Override
    public void debug(String format, Object arg) {
    }

    @Override
    public void debug(String format, Object argA, Object argB) {
    }

    @Override
    public void debug(String format, Object... arguments) {
    }

    @Override
    public void debug(String msg, Throwable t) {
    }

    @Override
    public boolean isInfoEnabled() {
        return false;
    }

    @Override
    public void info(String msg) {
    }

    @Override
    public void info(String format, Object arg) {
    }

    @Override
    public void info(String format, Object argA, Object argB) {
    }

    @Override
    public void info(String format, Object... arguments) {
    }

    @Override
    public void info(String msg, Throwable t) {
    }

    @Override
    public boolean isWarnEnabled() {
        return target.isWarnEnabled();
    }

    @Override
    public void warn(String msg) {
        target.warn(msg);
    }

    @Override
    public void warn(String format, Object arg) {
        target.warn(format, arg);
    }

    @Override
    public void warn(String format, Object argA, Object argB) {
        target.warn(format, argA, argB);
    }

    @Override
    public void warn(String format, Object... arguments) {
        target.warn(format, arguments);
    }

    @Override
    public void warn(String msg, Throwable t) {
        target.warn(msg, t);
    }

    @Override
    public boolean isErrorEnabled() {
        return target.isErrorEnabled();
    }

    @Override
    public void error(String msg) {
        target.error(msg);
    }

    @Override
    public void error(String format, Object arg) {
        target.error(format, arg);
    }

    @Override
    public void error(String format, Object argA, Object argB) {
        target.error(format, argA, argB);
    }

    @Override
    public void error(String format, Object... arguments) {
        target.error(format, arguments);
    }

    @Override
    public void error(String msg, Throwable t) {
        target.error(msg, t);
    }
}

package dev.toolkit.core.observe;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ReferenceCountUtil;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Logs one line per level through the toolkit's logging, then makes Netty log a warning with a cause (a buffer
 * released twice); run without an SLF4J provider on the class path. Counts the
 * toolkit's and Netty's records that reach {@code java.util.logging} at any level and prints the count last.
 */
public final class LogWithoutProviderMain {

    private LogWithoutProviderMain() {
    }

    public static void main(String[] args) {
        AtomicInteger julRecords = new AtomicInteger();
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.setLevel(Level.ALL);
        root.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                String name = String.valueOf(record.getLoggerName());
                if (name.startsWith("io.netty") || name.startsWith("dev.toolkit")) {
                    julRecords.incrementAndGet();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        org.slf4j.Logger log = Logging.logger(LogWithoutProviderMain.class);
        log.debug("a debug line {}", 1);
        log.info("an info line {}", 2);
        log.warn("a warning {}", 3);
        log.error("an error {}", 4, new IllegalStateException("why"));
        ByteBuf released = Unpooled.buffer(1);
        released.release();
        ReferenceCountUtil.safeRelease(released);
        System.err.println("records through java.util.logging: " + julRecords.get());
    }
}

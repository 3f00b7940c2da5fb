package dev.toolkit.testing.fuzz;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.EmptyByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ReferenceCounted;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * What every fuzz target shares: it runs one input, tells a clear error (which bad input may cause) from a
 * bug (which fails the target and becomes a finding), counts executions for {@link FuzzRunCheck}, and checks
 * buffers explicitly, since Netty's PARANOID leak detector reports a leak only after a garbage collection.
 *
 * <pre>{@code
 * @FuzzTarget
 * void decode(byte[] input) {
 *     Fuzzing.exercise(() -> decodeOnEmbeddedChannel(input), Fuzzing.clearErrorsOf(ToolkitException.class));
 * }
 * }</pre>
 */
public final class Fuzzing {

    /**
     * How long one input may take before it counts as a hang. While fuzzing, the build hands the same limit to
     * the fuzzer ({@code -timeout}); when replaying seeds, {@link #exercise} enforces it.
     */
    public static final Duration HANG = Duration.ofSeconds(10);

    private static final AtomicLong EXECUTIONS = new AtomicLong();
    private static volatile ExecutorService replayThread;
    /** The leak detector's level before the fuzzer's session turned it off, or {@code null}. */
    private static volatile ResourceLeakDetector.Level levelBeforeSession;
    private static volatile long invocationStart;
    /** Whether a JUnit invocation of a target is running: a test calling a target's method directly is not one. */
    private static volatile boolean inInvocation;

    private Fuzzing() {
    }

    /** One input's work; it may throw anything, which {@link #exercise} then judges. */
    @FunctionalInterface
    public interface Body {
        /** Runs the input. */
        void run() throws Exception;
    }

    /**
     * Whether this JVM fuzzes rather than replays the seed corpus: Jazzer's own rule, the environment variable
     * or system property {@code JAZZER_FUZZ} set to {@code true}, {@code 1} or {@code yes}.
     */
    public static boolean active() {
        return truthy(System.getenv("JAZZER_FUZZ")) || truthy(System.getProperty("JAZZER_FUZZ"));
    }

    private static boolean truthy(String value) {
        return value != null && (value.equalsIgnoreCase("true") || value.equals("1") || value.equalsIgnoreCase("yes"));
    }

    /** How many inputs {@link #exercise} has run in this JVM. */
    public static long executions() {
        return EXECUTIONS.get();
    }

    /** Marks the start of a JUnit invocation of a target (by {@link FuzzRunCheck}). */
    static void invocationStarted() {
        invocationStart = EXECUTIONS.get();
        inInvocation = true;
    }

    /**
     * Marks the end of a JUnit invocation of a target and restores the leak detector's level if the fuzzer's
     * session had turned it off.
     *
     * @return how many inputs the invocation ran
     */
    static long invocationEnded() {
        inInvocation = false;
        ResourceLeakDetector.Level level = levelBeforeSession;
        if (level != null) {
            ResourceLeakDetector.setLevel(level);
            levelBeforeSession = null;
        }
        return EXECUTIONS.get() - invocationStart;
    }

    /**
     * Runs one input. A failure that {@code clearError} accepts is the expected answer to bad input and
     * passes; any other (an unexpected exception type, an error such as {@link StackOverflowError}, a failed
     * check of the body) fails the target.
     *
     * @throws AssertionError wrapping what the body threw when it is not a clear error
     */
    public static void exercise(Body body, Predicate<Throwable> clearError) {
        long executions = EXECUTIONS.incrementAndGet();
        boolean fuzzing = active() && inInvocation;
        if (executions - invocationStart == 2 && fuzzing) {
            // A second input in one JUnit invocation: the fuzzer's session. At PARANOID the leak detector records
            // a stack trace on every buffer access and slows the fuzzer many times; the targets check reference
            // counts themselves, and the seeds were replayed at PARANOID.
            levelBeforeSession = ResourceLeakDetector.getLevel();
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
        try {
            if (fuzzing) {
                body.run();
            } else {
                runBounded(body);
            }
        } catch (AssertionError e) {
            throw e;
        } catch (Throwable t) {
            if (!clearError.test(t)) {
                throw new AssertionError("not a clear error for bad input: " + t, t);
            }
        }
    }

    /** Runs {@code body} on a helper thread and gives up waiting after {@link #HANG}: a hang fails the seed. */
    private static void runBounded(Body body) throws Throwable {
        Future<?> run = replayThread().submit(() -> {
            body.run();
            return null;
        });
        try {
            run.get(HANG.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause();
        } catch (TimeoutException e) {
            // The stuck thread is interrupted and abandoned; the next input gets a fresh one.
            ExecutorService stuck = replayThread;
            replayThread = null;
            stuck.shutdownNow();
            throw new AssertionError("input still running after " + HANG.toSeconds() + " s: a hang");
        }
    }

    private static ExecutorService replayThread() {
        ExecutorService thread = replayThread;
        if (thread == null) {
            thread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "fuzz-replay");
                t.setDaemon(true);
                return t;
            });
            replayThread = thread;
        }
        return thread;
    }

    /**
     * Accepts a failure of one of {@code types}, or Netty's {@link DecoderException} wrapping one (how a
     * decoder reports it), provided it has a message that says what was wrong.
     */
    @SafeVarargs
    public static Predicate<Throwable> clearErrorsOf(Class<? extends Throwable>... types) {
        List<Class<? extends Throwable>> accepted = List.of(types);
        return t -> {
            Throwable error = t instanceof DecoderException && t.getCause() != null ? t.getCause() : t;
            return accepted.stream().anyMatch(type -> type.isInstance(error)) && hasMessage(error);
        };
    }

    private static boolean hasMessage(Throwable t) {
        return t.getMessage() != null && !t.getMessage().isBlank();
    }

    /**
     * The bytes of {@code input} from {@code from} on, as buffers of {@code chunk} bytes (the last may be
     * shorter): how a stream arrives in reads of its own sizes. Each buffer is fresh and unreleased.
     */
    public static List<ByteBuf> chunks(byte[] input, int from, int chunk) {
        if (chunk <= 0) {
            throw new IllegalArgumentException("chunk must be positive: " + chunk);
        }
        List<ByteBuf> out = new ArrayList<>();
        for (int i = from; i < input.length; i += chunk) {
            out.add(Unpooled.copiedBuffer(input, i, Math.min(chunk, input.length - i)));
        }
        return out;
    }

    /**
     * Writes {@code input} to {@code channel} as inbound messages, one after the other, and keeps going after a
     * message fails (as a decoder that skips bad input must): each failure that {@code clearError} accepts is
     * counted, any other is thrown. Writing stops when a handler closed the channel (a closed connection reads
     * nothing more); the messages not written are released.
     *
     * @return how many of the writes failed with a clear error
     * @throws AssertionError for a failure that is not a clear error
     */
    public static int writeEachInbound(EmbeddedChannel channel, List<?> input, Predicate<Throwable> clearError) {
        int failures = 0;
        for (int i = 0; i < input.size(); i++) {
            Object message = input.get(i);
            if (!channel.isOpen()) {
                releaseAll(input.subList(i, input.size()));
                break;
            }
            try {
                channel.writeInbound(message);
            } catch (Throwable t) {
                if (!clearError.test(t)) {
                    throw new AssertionError("not a clear error for bad input: " + t, t);
                }
                failures++;
            }
        }
        return failures;
    }

    /**
     * Closes {@code channel} (the end of input), judging what that fails with like {@link #writeEachInbound},
     * and releases whatever it still holds.
     *
     * @return the inbound messages it produced, in order, not yet released
     */
    public static List<Object> finish(EmbeddedChannel channel, Predicate<Throwable> clearError) {
        List<Object> produced = new ArrayList<>();
        try {
            channel.finish();
        } catch (Throwable t) {
            if (!clearError.test(t)) {
                throw new AssertionError("not a clear error for bad input: " + t, t);
            }
        }
        for (Object m; (m = channel.readInbound()) != null; ) {
            produced.add(m);
        }
        for (Object m; (m = channel.readOutbound()) != null; ) {
            ReferenceCountUtil.release(m);
        }
        return produced;
    }

    /** Releases each message that is reference-counted. */
    public static void releaseAll(List<?> messages) {
        for (Object m : messages) {
            ReferenceCountUtil.release(m);
        }
    }

    /**
     * Checks that every buffer (or other reference-counted object) in {@code objects} has been released: what a
     * handler was given, what it produced and its consumer released, each exactly once.
     *
     * @throws AssertionError naming the first one still held
     */
    public static void assertAllReleased(String what, List<?> objects) {
        for (int i = 0; i < objects.size(); i++) {
            Object o = objects.get(i);
            // Netty's shared empty buffer (what copying no bytes returns) cannot be released or leak.
            if (o instanceof ReferenceCounted && !(o instanceof EmptyByteBuf) && ((ReferenceCounted) o).refCnt() != 0) {
                throw new AssertionError(what + " #" + i + " still held (refCnt " + ((ReferenceCounted) o).refCnt()
                        + "): " + o);
            }
        }
    }
}

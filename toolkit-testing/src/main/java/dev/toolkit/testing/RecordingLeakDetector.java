package dev.toolkit.testing;

import io.netty.util.ResourceLeakDetector;

import java.util.ArrayList;
import java.util.List;

/**
 * A Netty leak detector that, besides logging, records every leak it finds so that a test can fail on it.
 *
 * <p>Installed through the system property {@code io.netty.customResourceLeakDetector} (set by the build for
 * every test JVM); {@link LeakCheckExtension} reads and clears the records after each test.
 *
 * @param <T> the tracked resource type
 */
public final class RecordingLeakDetector<T> extends ResourceLeakDetector<T> {

    private static final List<String> LEAKS = new ArrayList<>();

    /**
     * Called reflectively by Netty's {@code ResourceLeakDetectorFactory}.
     *
     * @param resourceType the tracked type
     * @param samplingInterval the sampling interval (ignored at PARANOID, where every resource is tracked)
     */
    public RecordingLeakDetector(Class<?> resourceType, int samplingInterval) {
        super(resourceType, samplingInterval);
    }

    /**
     * The constructor shape Netty's factory looks up first; without it the factory logs an error before
     * falling back to the two-argument one.
     *
     * @param resourceType the tracked type
     * @param samplingInterval the sampling interval
     * @param maxActive ignored, as by Netty itself
     */
    public RecordingLeakDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
        this(resourceType, samplingInterval);
    }

    @Override
    protected boolean needReport() {
        return true;
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
        record("LEAK of " + resourceType + ":" + records);
        super.reportTracedLeak(resourceType, records);
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
        record("LEAK of " + resourceType + " (no access records)");
        super.reportUntracedLeak(resourceType);
    }

    private static void record(String leak) {
        synchronized (LEAKS) {
            LEAKS.add(leak);
        }
    }

    /** Returns the leaks recorded since the last call and forgets them. */
    static List<String> drain() {
        synchronized (LEAKS) {
            List<String> copy = new ArrayList<>(LEAKS);
            LEAKS.clear();
            return copy;
        }
    }
}

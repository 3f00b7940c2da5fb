package dev.toolkit.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

/**
 * Fails a test when Netty's leak detector found a {@code ByteBuf} (or other tracked resource) that was
 * garbage-collected without being released.
 *
 * <p>Registered for every test through JUnit's extension auto-detection. Before the first test of a class it
 * checks that the detector runs at PARANOID level with {@link RecordingLeakDetector} installed, so that a
 * misconfigured build cannot pass silently. After each test it provokes garbage collection and a few
 * allocations (a detector reports leaks when it tracks a new resource) and fails with every leak found.
 */
public final class LeakCheckExtension implements BeforeAllCallback, AfterEachCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        if (ResourceLeakDetector.getLevel() != ResourceLeakDetector.Level.PARANOID) {
            throw new IllegalStateException("Netty leak detection must run at PARANOID in tests, found "
                    + ResourceLeakDetector.getLevel() + " (set -Dio.netty.leakDetection.level=PARANOID)");
        }
        Object detector = ResourceLeakDetectorFactory.instance().newResourceLeakDetector(ByteBuf.class);
        if (!(detector instanceof RecordingLeakDetector)) {
            throw new IllegalStateException("the recording leak detector is not installed: set "
                    + "-Dio.netty.customResourceLeakDetector=" + RecordingLeakDetector.class.getName());
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        List<String> leaks = collect();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " Netty resource leak(s) detected during "
                    + context.getDisplayName() + ":\n" + String.join("\n\n", leaks));
        }
    }

    /** Runs the collector, lets the detectors poll their queues, and returns what they found. */
    static List<String> collect() throws InterruptedException {
        for (int round = 0; round < 3; round++) {
            System.gc();
            Thread.sleep(10);
            // Tracking a new buffer makes each detector drain its reference queue and report.
            ByteBuf pooled = ByteBufAllocator.DEFAULT.buffer(1);
            pooled.release();
            ByteBuf heap = Unpooled.buffer(1);
            heap.release();
            ByteBuf direct = Unpooled.directBuffer(1);
            direct.release();
        }
        return RecordingLeakDetector.drain();
    }
}

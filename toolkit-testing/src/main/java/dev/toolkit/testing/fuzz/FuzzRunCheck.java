package dev.toolkit.testing.fuzz;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Checks a fuzz target's run, registered by {@link FuzzTarget}.
 *
 * <p>JUnit calls the target once per seed (the empty input, then each file of the corpus), each a single
 * {@link Fuzzing#exercise} call; while fuzzing, one more invocation is the fuzzer's whole session, in which the
 * fuzzer calls the method itself (the default {@code Lifecycle.PER_TEST}). The session fails when the fuzzer ran
 * no more inputs than the seeds it replays first, and when it never happened at all, so that a green build
 * always means the target was fuzzed. A seed that does not go through {@code exercise} exactly once fails too
 * (a target that bypasses the checks).
 *
 * <p>While the session runs, Netty's leak detector is off ({@link Fuzzing#exercise}); the seeds are replayed at
 * PARANOID, in fuzzing runs too.
 */
public final class FuzzRunCheck implements BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(FuzzRunCheck.class);

    /** The target's invocations so far; closed (and checked) when the target's last invocation is done. */
    private static final class Run implements ExtensionContext.Store.CloseableResource {
        final String target;
        long invocations;
        long session = -1;

        Run(String target) {
            this.target = target;
        }

        @Override
        public void close() {
            if (Fuzzing.active() && session < 0) {
                throw new AssertionError("fuzz target " + target + " made no fuzzing executions: the fuzzer never "
                        + "ran it (is it the only fuzz test of its Surefire execution?)");
            }
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        run(context).invocations++;
        Fuzzing.invocationStarted();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Run run = run(context);
        long executions = Fuzzing.invocationEnded();
        if (!Fuzzing.active()) {
            if (executions != 1) {
                throw new AssertionError("fuzz target " + run.target + " ran " + executions + " inputs for one seed: "
                        + "it must hand its input to Fuzzing.exercise once");
            }
            return;
        }
        if (executions == 1) {
            return;
        }
        // The fuzzing session: before mutating, the fuzzer replays the seeds it was given (the corpus and the
        // inputs JUnit ran); more executions than that means it generated inputs of its own.
        run.session = executions;
        String summary = "fuzz target " + run.target + ": " + executions + " executions while fuzzing";
        System.out.println(summary);
        context.publishReportEntry("fuzzed", summary);
        if (executions <= 2 * run.invocations) {
            throw new AssertionError("fuzz target " + run.target + " made no fuzzing executions beyond its "
                    + run.invocations + " seeds (" + executions + " in the session)");
        }
    }

    private static Run run(ExtensionContext invocation) {
        // The invocation's parent is the fuzz test method's own context, which outlives its invocations.
        ExtensionContext method = invocation.getParent().orElse(invocation);
        return method.getStore(NAMESPACE).getOrComputeIfAbsent(Run.class,
                key -> new Run(invocation.getRequiredTestClass().getName() + "#"
                        + invocation.getRequiredTestMethod().getName()), Run.class);
    }
}

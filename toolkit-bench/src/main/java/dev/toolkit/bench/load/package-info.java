/**
 * The load harness every protocol benchmark plugs into: each server under test in its own JVM pinned to one
 * core ({@link dev.toolkit.bench.load.ServerProcess}), the C load generator pinned to the other
 * ({@link dev.toolkit.bench.load.LoadGenerator}), alternating rounds, medians with spread and CPU per operation
 * ({@link dev.toolkit.bench.load.Harness}), written as JSON and Markdown ({@link dev.toolkit.bench.load.Report}).
 * A benchmark names its servers and its scenarios; {@link dev.toolkit.bench.load.ZenBench} is the first.
 */
package dev.toolkit.bench.load;

/**
 * The load harness every protocol benchmark plugs into: each server under test in its own JVM pinned to one
 * core ({@link dev.toolkit.bench.load.ServerProcess}), the scenario's load generator pinned to the other (a
 * {@link dev.toolkit.bench.load.Load}: the C one, {@link dev.toolkit.bench.load.LoadGenerator}, or wrk,
 * {@link dev.toolkit.bench.load.WrkLoad}), alternating rounds, medians with spread and CPU per operation
 * ({@link dev.toolkit.bench.load.Harness}), written as JSON and Markdown ({@link dev.toolkit.bench.load.Report}).
 * A benchmark names its servers and its scenarios ({@link dev.toolkit.bench.load.ZenBench},
 * {@link dev.toolkit.bench.http.HttpBench}) and runs through {@link dev.toolkit.bench.load.BenchCommand}.
 */
package dev.toolkit.bench.load;

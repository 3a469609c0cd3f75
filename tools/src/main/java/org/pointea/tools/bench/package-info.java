/**
 * Benchmark runners, one main class per area ({@link org.pointea.tools.bench.CoreBench} for the
 * point-cloud core, {@link org.pointea.tools.bench.IoBench} for file formats, {@code EvalBench}
 * for metrics and rendering, ...), each printing a table or, with {@code --json}, JSON, with the
 * Python peer measured in the same run where one is installed;
 * {@link org.pointea.tools.bench.BenchRunner} does the warm-up and medians. Peer scripts for
 * side-by-side comparisons live in {@code tools/peers/} ({@link org.pointea.tools.bench.Peers}
 * finds them from any directory; {@link org.pointea.tools.bench.CorePeer} lines the core peer's
 * timings up with {@code CoreBench}'s). {@code pointea bench core|io|eval} runs them.
 */
package org.pointea.tools.bench;

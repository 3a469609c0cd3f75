/**
 * Benchmark runners, one per area ({@link org.pointea.tools.bench.CoreBench} for the point-cloud
 * core), each printing a table or, with {@code --json}, JSON; {@link
 * org.pointea.tools.bench.BenchRunner} does the warm-up and medians. Peer scripts for side-by-side
 * comparisons live in {@code tools/peers/}.
 */
package org.pointea.tools.bench;

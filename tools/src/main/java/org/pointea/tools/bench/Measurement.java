package org.pointea.tools.bench;

/**
 * One benchmark case's timings: the median of the measured runs after warm-up, with the
 * quartiles and minimum to show the spread.
 *
 * @param name case name, e.g. {@code fps_100k_to_1024}
 * @param threads threads used (1, or the number of available processors)
 * @param runs measured runs (warm-up excluded)
 * @param medianSeconds median wall time of one run
 * @param p25Seconds 25th percentile
 * @param p75Seconds 75th percentile
 * @param minSeconds fastest run
 * @param detail what the case computed (sizes, a checksum), for the reader
 */
public record Measurement(
    String name,
    int threads,
    int runs,
    double medianSeconds,
    double p25Seconds,
    double p75Seconds,
    double minSeconds,
    String detail) {}

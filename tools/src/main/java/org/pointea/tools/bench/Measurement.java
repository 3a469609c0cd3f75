package org.pointea.tools.bench;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One benchmark case's timings: the median of the measured runs after warm-up, with the
 * quartiles and minimum to show the spread. In JSON the fields are snake_case, as in every JSON
 * pointea writes: {@code median_seconds}, {@code p25_seconds}, {@code p75_seconds},
 * {@code min_seconds}.
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
    @JsonProperty("name") String name,
    @JsonProperty("threads") int threads,
    @JsonProperty("runs") int runs,
    @JsonProperty("median_seconds") double medianSeconds,
    @JsonProperty("p25_seconds") double p25Seconds,
    @JsonProperty("p75_seconds") double p75Seconds,
    @JsonProperty("min_seconds") double minSeconds,
    @JsonProperty("detail") String detail) {}

/**
 * The preprocessing cache of the dataset loaders: a split's sampled, pre-transformed shapes as
 * flat arrays in one binary file, keyed by a fingerprint of the source files and of every
 * parameter that shapes the result, written atomically and built by one process at a time.
 */
package org.pointea.io.dataset.cache;

package org.pointea.io.dataset.cache;

/**
 * How the source files of a cache are fingerprinted.
 *
 * <p>{@link #STAT} (the default) hashes each file's relative path, size and modification time:
 * it costs one {@code stat} per file (tens of milliseconds for ModelNet40's 12,311 files), and
 * catches every ordinary change (a re-unpacked archive, an edited or replaced file), as
 * {@code make}, rsync's quick check and Git's index do. {@link #CONTENT} hashes every byte
 * (SHA-256) instead: exact whatever the clock, but it reads the whole dataset (1.6 GB for
 * {@code modelnet40_normal_resampled}) on every {@code prepare()}, about as long as parsing it.
 */
public enum FingerprintMode {
  /** Relative path, size and modification time of each file. */
  STAT,
  /** Relative path and SHA-256 of the content of each file. */
  CONTENT
}

package org.pointea.eval;

/**
 * How per-class precision, recall and F1 are combined into one number, as scikit-learn's
 * {@code average} parameter with {@code labels=None}: the classes averaged over are those that
 * occur in the ground truth or in the predictions ("active" classes). A class that is neither seen
 * nor predicted takes no part in any average.
 */
public enum Average {
  /** Unweighted mean over the active classes (NaN scores skipped). */
  MACRO,
  /** Mean over the active classes weighted by their support (ground-truth count). */
  WEIGHTED,
  /**
   * Scores of the pooled counts; for single-label multi-class data precision, recall and F1 all
   * equal the overall accuracy.
   */
  MICRO
}

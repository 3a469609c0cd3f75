package org.pointea.eval;

/**
 * What a precision, recall or F1 score is when its denominator is zero, as scikit-learn's
 * {@code zero_division} parameter.
 *
 * <ul>
 *   <li>precision of class c: {@code tp / (tp + fp)}, undefined when c is never predicted;
 *   <li>recall of class c: {@code tp / (tp + fn)}, undefined when c is never in the ground truth;
 *   <li>F1 of class c: {@code 2 tp / (2 tp + fp + fn)}, undefined only when c is neither predicted
 *       nor in the ground truth. A class with an undefined precision or recall but some true or
 *       predicted samples has F1 = 0 under every policy (scikit-learn does the same).
 * </ul>
 *
 * <p>{@link #ZERO} is scikit-learn's default ({@code zero_division="warn"} scores 0.0).
 * {@link #NAN} is scikit-learn's {@code zero_division=np.nan} (1.3 and later): the undefined class
 * is left out of macro averages instead of counted as 0 or 1.
 */
public enum ZeroDivision {
  /** An undefined score is 0 (scikit-learn's default, {@code "warn"} or {@code 0}). */
  ZERO(0.0),
  /** An undefined score is 1 ({@code zero_division=1}). */
  ONE(1.0),
  /** An undefined score is NaN and is skipped by macro averages ({@code zero_division=np.nan}). */
  NAN(Double.NaN);

  private final double value;

  ZeroDivision(double value) {
    this.value = value;
  }

  /** Returns the score given to an undefined ratio: 0, 1 or NaN. */
  public double value() {
    return value;
  }

  /**
   * Divides, or returns {@link #value()} when the denominator is zero.
   *
   * @param numerator the numerator
   * @param denominator the denominator, non-negative
   * @return {@code numerator / denominator}, or this policy's value when {@code denominator == 0}
   */
  public double divide(double numerator, double denominator) {
    return denominator == 0 ? value : numerator / denominator;
  }

  /** Returns the policy as scikit-learn spells it: {@code "0"}, {@code "1"} or {@code "nan"}. */
  @Override
  public String toString() {
    return switch (this) {
      case ZERO -> "0";
      case ONE -> "1";
      case NAN -> "nan";
    };
  }
}

package org.pointea.eval;

import java.util.Arrays;
import java.util.Objects;

/**
 * Test-time voting: averages the scores of K passes over the same samples (each pass with its own
 * augmentation or sampling) and predicts from the average.
 *
 * <p>Holds {@code rows x width} running sums: for classification a row is a shape and the width the
 * number of classes; for part segmentation a row is a point and the width 50. Feed it one whole pass
 * with {@link #add(float[])} or a batch of rows at a time with {@link #add(int, float[], int, int)};
 * rows may receive different numbers of votes. Sums are kept in double precision.
 *
 * <p>{@link Mode#SCORES} averages the scores as given, which is what PointNet, PointNet++, PCT and
 * yanx27 do with logits or log-probabilities (summing and averaging give the same argmax);
 * {@link Mode#SOFTMAX} turns each pass into probabilities first, as RS-CNN and pointMLP do.
 *
 * <pre>{@code
 * LogitVotes votes = new LogitVotes(batchSize, 40);
 * for (int k = 0; k < 10; k++) {
 *   votes.add(predictor.logits(augment(batch, seed + k)));
 * }
 * int[] predicted = votes.argmax();
 * }</pre>
 */
public final class LogitVotes {
  /** What is averaged. */
  public enum Mode {
    /** The scores as given (logits or log-probabilities). */
    SCORES,
    /** The softmax of each pass's scores, row by row. */
    SOFTMAX
  }

  private final int rows;
  private final int width;
  private final Mode mode;
  private final double[] sums;
  private final int[] votes;

  /**
   * Creates an accumulator that averages raw scores.
   *
   * @param rows number of rows (samples or points)
   * @param width scores per row
   */
  public LogitVotes(int rows, int width) {
    this(rows, width, Mode.SCORES);
  }

  /**
   * Creates an accumulator.
   *
   * @param rows number of rows (samples or points), at least 0
   * @param width scores per row, at least 1
   * @param mode what is averaged
   */
  public LogitVotes(int rows, int width, Mode mode) {
    if (rows < 0 || width < 1) {
      throw new IllegalArgumentException("bad vote shape " + rows + " x " + width);
    }
    this.rows = rows;
    this.width = width;
    this.mode = Objects.requireNonNull(mode, "mode");
    this.sums = new double[Math.multiplyExact(rows, width)];
    this.votes = new int[rows];
  }

  /** Returns the number of rows. */
  public int rows() {
    return rows;
  }

  /** Returns the number of scores per row. */
  public int width() {
    return width;
  }

  /** Returns what is averaged. */
  public Mode mode() {
    return mode;
  }

  /**
   * Adds one pass over every row.
   *
   * @param scores packed {@code [rows, width]} scores
   */
  public void add(float[] scores) {
    if (scores.length != sums.length) {
      throw new IllegalArgumentException(
          "a pass has " + sums.length + " scores (" + rows + " x " + width + "), got "
              + scores.length);
    }
    add(0, scores, 0, rows);
  }

  /**
   * Adds one pass over some rows.
   *
   * @param firstRow the first row voted for
   * @param scores packed scores
   * @param offset index of the first score in {@code scores}
   * @param rowCount number of rows
   */
  public void add(int firstRow, float[] scores, int offset, int rowCount) {
    Objects.checkFromIndexSize(firstRow, rowCount, rows);
    Objects.checkFromIndexSize(offset, Math.multiplyExact(rowCount, width), scores.length);
    for (int r = 0; r < rowCount; r++) {
      int src = offset + r * width;
      int dst = (firstRow + r) * width;
      if (mode == Mode.SOFTMAX) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < width; j++) {
          max = Math.max(max, scores[src + j]);
        }
        double z = 0;
        for (int j = 0; j < width; j++) {
          z += Math.exp(scores[src + j] - max);
        }
        for (int j = 0; j < width; j++) {
          sums[dst + j] += Math.exp(scores[src + j] - max) / z;
        }
      } else {
        for (int j = 0; j < width; j++) {
          sums[dst + j] += scores[src + j];
        }
      }
      votes[firstRow + r]++;
    }
  }

  /**
   * Returns how many passes a row has received.
   *
   * @param row row index
   * @return the vote count
   */
  public int votes(int row) {
    return votes[Objects.checkIndex(row, rows)];
  }

  /** Returns the smallest vote count over all rows (0 when a row has none). */
  public int minVotes() {
    int min = Integer.MAX_VALUE;
    for (int v : votes) {
      min = Math.min(min, v);
    }
    return rows == 0 ? 0 : min;
  }

  /**
   * Writes the averaged scores.
   *
   * @param dest receives {@code rows x width} averages
   * @throws IllegalStateException when a row has no vote
   */
  public void mean(float[] dest) {
    Objects.checkFromIndexSize(0, sums.length, dest.length);
    for (int r = 0; r < rows; r++) {
      int k = checkVoted(r);
      for (int j = 0; j < width; j++) {
        dest[r * width + j] = (float) (sums[r * width + j] / k);
      }
    }
  }

  /** Returns the averaged scores, packed {@code [rows, width]}. */
  public float[] mean() {
    float[] out = new float[sums.length];
    mean(out);
    return out;
  }

  /**
   * Writes the argmax of each row's average (ties to the lowest index, a NaN wins, as
   * {@code numpy.argmax}).
   *
   * @param dest receives {@code rows} indices
   * @throws IllegalStateException when a row has no vote
   */
  public void argmax(int[] dest) {
    Objects.checkFromIndexSize(0, rows, dest.length);
    for (int r = 0; r < rows; r++) {
      checkVoted(r);
      int o = r * width;
      int best = 0;
      for (int j = 1; j < width && !Double.isNaN(sums[o + best]); j++) {
        if (sums[o + j] > sums[o + best] || Double.isNaN(sums[o + j])) {
          best = j;
        }
      }
      dest[r] = best;
    }
  }

  /** Returns the argmax of each row's average. */
  public int[] argmax() {
    int[] out = new int[rows];
    argmax(out);
    return out;
  }

  /** Forgets every vote, keeping the shape. */
  public void reset() {
    Arrays.fill(sums, 0);
    Arrays.fill(votes, 0);
  }

  private int checkVoted(int row) {
    if (votes[row] == 0) {
      throw new IllegalStateException("row " + row + " has no vote yet");
    }
    return votes[row];
  }

  @Override
  public String toString() {
    return "LogitVotes(" + rows + " x " + width + ", " + mode + ", min votes " + minVotes() + ")";
  }
}

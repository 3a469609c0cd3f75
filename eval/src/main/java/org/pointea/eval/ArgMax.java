package org.pointea.eval;

import java.util.Objects;

/**
 * Argmax over rows of packed scores, plain or restricted to a range of columns (the ShapeNet-part
 * "restricted argmax" over the parts of a shape's category). Ties go to the lowest index and a NaN
 * wins over every number, as {@code numpy.argmax}. Allocation-free.
 */
public final class ArgMax {
  private ArgMax() {}

  /**
   * Returns the index of the largest of {@code count} values.
   *
   * @param scores packed scores
   * @param offset index of the first value
   * @param count number of values, at least 1
   * @return the index in {@code [0, count)} of the (first) maximum
   */
  public static int argmax(float[] scores, int offset, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("argmax of no values");
    }
    Objects.checkFromIndexSize(offset, count, scores.length);
    int best = 0;
    float bestValue = scores[offset];
    if (Float.isNaN(bestValue)) {
      return 0;
    }
    for (int j = 1; j < count; j++) {
      float v = scores[offset + j];
      if (v > bestValue) {
        best = j;
        bestValue = v;
      } else if (Float.isNaN(v)) {
        return j;
      }
    }
    return best;
  }

  /**
   * Writes the argmax of each of {@code rows} rows of {@code width} packed scores.
   *
   * @param scores packed {@code [rows, width]} scores
   * @param rows number of rows
   * @param width scores per row
   * @param dest receives {@code rows} column indices
   */
  public static void argmax(float[] scores, int rows, int width, int[] dest) {
    Objects.checkFromIndexSize(0, Math.multiplyExact(rows, width), scores.length);
    Objects.checkFromIndexSize(0, rows, dest.length);
    for (int r = 0; r < rows; r++) {
      dest[r] = argmax(scores, r * width, width);
    }
  }

  /**
   * Returns the argmax of each row of packed scores.
   *
   * @param scores packed {@code [rows, width]} scores; the length must be a multiple of width
   * @param width scores per row
   * @return one column index per row
   */
  public static int[] argmax(float[] scores, int width) {
    if (width < 1 || scores.length % width != 0) {
      throw new IllegalArgumentException(
          scores.length + " scores are not a whole number of rows of " + width);
    }
    int[] out = new int[scores.length / width];
    argmax(scores, out.length, width, out);
    return out;
  }

  /**
   * Writes, for each point of a shape, the argmax over only the columns
   * {@code [first, first + count)} of its row of {@code width} scores, as a column index (not
   * relative to {@code first}). This is PointNet++'s restricted argmax:
   * {@code argmax(logits[:, parts]) + parts[0]}.
   *
   * @param scores packed {@code [points, width]} scores
   * @param offset index of the shape's first score
   * @param points number of points (rows)
   * @param width scores per point
   * @param first first allowed column
   * @param count number of allowed columns, at least 1
   * @param dest receives {@code points} column indices
   * @param destOffset index of the first one written
   */
  public static void restricted(
      float[] scores,
      int offset,
      int points,
      int width,
      int first,
      int count,
      int[] dest,
      int destOffset) {
    Objects.checkFromIndexSize(first, count, width);
    Objects.checkFromIndexSize(offset, Math.multiplyExact(points, width), scores.length);
    Objects.checkFromIndexSize(destOffset, points, dest.length);
    for (int i = 0; i < points; i++) {
      dest[destOffset + i] = first + argmax(scores, offset + i * width + first, count);
    }
  }

  /**
   * Writes, for each point of a shape, the argmax over only the given columns of its row of
   * {@code width} scores, as a column index: the restricted argmax over a category whose part ids
   * are not one range. Ties go to the first column listed; a NaN wins.
   *
   * @param scores packed {@code [points, width]} scores
   * @param offset index of the shape's first score
   * @param points number of points (rows)
   * @param width scores per point
   * @param columns the allowed columns (at least one, each in {@code [0, width)})
   * @param dest receives {@code points} column indices
   * @param destOffset index of the first one written
   */
  public static void restricted(
      float[] scores, int offset, int points, int width, int[] columns, int[] dest, int destOffset) {
    if (columns.length < 1) {
      throw new IllegalArgumentException("argmax over no columns");
    }
    for (int c : columns) {
      Objects.checkIndex(c, width);
    }
    Objects.checkFromIndexSize(offset, Math.multiplyExact(points, width), scores.length);
    Objects.checkFromIndexSize(destOffset, points, dest.length);
    for (int i = 0; i < points; i++) {
      int row = offset + i * width;
      int best = columns[0];
      float bestValue = scores[row + best];
      if (!Float.isNaN(bestValue)) {
        for (int j = 1; j < columns.length; j++) {
          float v = scores[row + columns[j]];
          if (v > bestValue) {
            best = columns[j];
            bestValue = v;
          } else if (Float.isNaN(v)) {
            best = columns[j];
            break;
          }
        }
      }
      dest[destOffset + i] = best;
    }
  }
}

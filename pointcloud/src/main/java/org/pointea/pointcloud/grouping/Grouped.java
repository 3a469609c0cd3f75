package org.pointea.pointcloud.grouping;

import java.util.Objects;

/**
 * The output of a sample-and-group step for one cloud: {@code m} centres, each with {@code k}
 * neighbours, and a {@code channels}-wide feature vector per (centre, neighbour) pair.
 *
 * <p>Layouts (row-major, flat):
 * <ul>
 *   <li>{@code centerIndices}: {@code int[m]}, indices of the centres in the input cloud;</li>
 *   <li>{@code centers}: {@code float[m * 3]}, their positions;</li>
 *   <li>{@code neighborIndices}: {@code int[m * k]}, input indices of each centre's group;</li>
 *   <li>{@code features}: {@code float[m * k * channels]}, element
 *       {@code features[(i * k + j) * channels + c]} is channel {@code c} of neighbour {@code j}
 *       of centre {@code i} — the {@code [M, k, C]} tensor of the reference implementations.</li>
 * </ul>
 *
 * @param m number of centres
 * @param k neighbours per centre
 * @param channels feature channels per neighbour
 * @param centerIndices {@code int[m]}
 * @param centers {@code float[m * 3]}
 * @param neighborIndices {@code int[m * k]}
 * @param features {@code float[m * k * channels]}
 */
public record Grouped(
    int m, int k, int channels, int[] centerIndices, float[] centers, int[] neighborIndices,
    float[] features) {

  /** Validates the array lengths against the shape. */
  public Grouped {
    Objects.requireNonNull(centerIndices, "centerIndices");
    Objects.requireNonNull(centers, "centers");
    Objects.requireNonNull(neighborIndices, "neighborIndices");
    Objects.requireNonNull(features, "features");
    if (centerIndices.length != m
        || centers.length != 3L * m
        || neighborIndices.length != (long) m * k
        || features.length != (long) m * k * channels) {
      throw new IllegalArgumentException(
          "arrays do not match the shape [" + m + ", " + k + ", " + channels + "]");
    }
  }

  /**
   * Returns one feature value.
   *
   * @param center centre index {@code [0, m)}
   * @param neighbor neighbour slot {@code [0, k)}
   * @param channel channel {@code [0, channels)}
   * @return the value
   */
  public float feature(int center, int neighbor, int channel) {
    Objects.checkIndex(center, m);
    Objects.checkIndex(neighbor, k);
    Objects.checkIndex(channel, channels);
    return features[(center * k + neighbor) * channels + channel];
  }

  @Override
  public String toString() {
    return "Grouped[" + m + " x " + k + " x " + channels + "]";
  }
}

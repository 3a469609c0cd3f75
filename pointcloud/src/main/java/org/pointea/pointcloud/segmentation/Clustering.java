package org.pointea.pointcloud.segmentation;

import java.util.Arrays;
import java.util.Objects;

/**
 * The result of a clustering: one label per point, {@code 0 .. clusterCount() - 1} for the
 * clusters and {@link #NOISE} (-1) for points in none (DBSCAN noise, or points of clusters outside
 * the size limits of Euclidean cluster extraction).
 *
 * <pre>{@code
 * Clustering c = new Dbscan(0.02, 10).cluster(xyz, n, 0);
 * int[] biggest = c.indicesOf(c.largest());
 * }</pre>
 */
public final class Clustering {
  /** The label of points in no cluster. */
  public static final int NOISE = -1;

  private final int[] labels;
  private final int[] sizes;

  /**
   * Wraps labels (taking ownership of the array).
   *
   * @param labels one label per point: {@link #NOISE} or {@code 0 .. k-1}, every one of those
   *     used at least once
   * @param clusterCount {@code k}
   */
  Clustering(int[] labels, int clusterCount) {
    this.labels = Objects.requireNonNull(labels, "labels");
    this.sizes = new int[clusterCount];
    for (int l : labels) {
      if (l != NOISE) {
        sizes[l]++;
      }
    }
  }

  /** Returns the number of points. */
  public int size() {
    return labels.length;
  }

  /** Returns the number of clusters. */
  public int clusterCount() {
    return sizes.length;
  }

  /** Returns a copy of the per-point labels. */
  public int[] labels() {
    return labels.clone();
  }

  /**
   * Returns the label of one point.
   *
   * @param point point index
   * @return its cluster, or {@link #NOISE}
   */
  public int label(int point) {
    return labels[Objects.checkIndex(point, labels.length)];
  }

  /** Returns the number of points of each cluster. */
  public int[] sizes() {
    return sizes.clone();
  }

  /** Returns the number of points in no cluster. */
  public int noiseCount() {
    int clustered = 0;
    for (int s : sizes) {
      clustered += s;
    }
    return labels.length - clustered;
  }

  /** Returns the label of the cluster with the most points (the lowest label on a tie), or -1. */
  public int largest() {
    int best = -1;
    for (int c = 0; c < sizes.length; c++) {
      if (best < 0 || sizes[c] > sizes[best]) {
        best = c;
      }
    }
    return best;
  }

  /**
   * Returns the points of one cluster, ascending.
   *
   * @param cluster a label in {@code [0, clusterCount())}, or {@link #NOISE}
   * @return its point indices
   */
  public int[] indicesOf(int cluster) {
    if (cluster != NOISE) {
      Objects.checkIndex(cluster, sizes.length);
    }
    int[] out = new int[cluster == NOISE ? noiseCount() : sizes[cluster]];
    for (int i = 0, j = 0; i < labels.length; i++) {
      if (labels[i] == cluster) {
        out[j++] = i;
      }
    }
    return out;
  }

  /** Returns the points of every cluster, in label order, each ascending. */
  public int[][] clusters() {
    int[][] out = new int[sizes.length][];
    int[] fill = new int[sizes.length];
    for (int c = 0; c < sizes.length; c++) {
      out[c] = new int[sizes[c]];
    }
    for (int i = 0; i < labels.length; i++) {
      int l = labels[i];
      if (l != NOISE) {
        out[l][fill[l]++] = i;
      }
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Clustering c && Arrays.equals(c.labels, labels);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(labels);
  }

  @Override
  public String toString() {
    return "Clustering[" + sizes.length + " clusters, " + noiseCount() + " noise of "
        + labels.length + " points]";
  }
}

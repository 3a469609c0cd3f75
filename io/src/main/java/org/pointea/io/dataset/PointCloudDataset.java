package org.pointea.io.dataset;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A random-access dataset of labelled point clouds for one {@link Split}: {@code size()} shapes,
 * each read with {@code get(i)}.
 *
 * <p>{@link #get(int)} returns the stored (pre-transformed) shape; {@link #get(int,
 * UniformRandomProvider)} also applies the dataset's per-access transform (augmentation) drawing
 * all its randomness from the given generator, so a trainer that derives the generator from
 * (seed, epoch, index), e.g. with {@link org.pointea.pointcloud.RandomStreams#of(long, long...)},
 * gets the same epoch whatever the thread or restart. Implementations are thread-safe once
 * prepared, and {@code get} costs one copy of the shape's arrays.
 *
 * <pre>{@code
 * for (int i = 0; i < data.size(); i++) {
 *   Sample s = data.get(i, RandomStreams.of(seed, epoch, i));
 *   float[] xyz = s.cloud().positions();
 *   int label = s.label();
 * }
 * }</pre>
 */
public interface PointCloudDataset {

  /** Returns what the labels are for. */
  Task task();

  /** Returns the split this dataset reads. */
  Split split();

  /** Returns the number of shapes. */
  int size();

  /**
   * Returns a shape as stored after the pre-transform, without the per-access transform.
   *
   * @param index shape index in {@code [0, size())}
   * @return the sample (a fresh cloud; the caller may keep it)
   */
  Sample get(int index);

  /**
   * Returns a shape with the per-access transform applied.
   *
   * @param index shape index in {@code [0, size())}
   * @param rng the generator the transform draws from
   * @return the sample
   */
  Sample get(int index, UniformRandomProvider rng);

  /**
   * Returns a shape's label without building its cloud.
   *
   * @param index shape index in {@code [0, size())}
   * @return class or category index
   */
  int label(int index);

  /**
   * Returns the label names: class names for classification (index = label), or the 16
   * ShapeNet-part category names for part segmentation (index = category id).
   */
  List<String> classNames();

  /** Returns the number of points in every sample (before the per-access transform). */
  int pointsPerShape();
}

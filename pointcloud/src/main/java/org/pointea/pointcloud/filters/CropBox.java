package org.pointea.pointcloud.filters;

import java.util.Arrays;
import org.pointea.pointcloud.Indices;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.Points;

/**
 * Crop by an axis-aligned box, as Open3D's {@code crop(AxisAlignedBoundingBox)} and PCL's {@code
 * CropBox} (without its transform): a point is inside when {@code min <= p <= max} on every axis,
 * bounds included, compared in double. Points with a NaN coordinate are never inside; infinite
 * coordinates compare as numbers. Returns indices, ascending.
 *
 * <pre>{@code
 * int[] inside = new CropBox(-1, -1, 0, 1, 1, 2).filter(xyz, n);
 * PointCloud outside = new CropBox(-1, -1, 0, 1, 1, 2).apply(cloud, true);
 * }</pre>
 *
 * @param minX lower x bound
 * @param minY lower y bound
 * @param minZ lower z bound
 * @param maxX upper x bound
 * @param maxY upper y bound
 * @param maxZ upper z bound
 */
public record CropBox(double minX, double minY, double minZ, double maxX, double maxY,
    double maxZ) {

  /** Validates the bounds: not NaN, and {@code min <= max} on every axis. */
  public CropBox {
    double[] all = {minX, minY, minZ, maxX, maxY, maxZ};
    for (double v : all) {
      if (Double.isNaN(v)) {
        throw new IllegalArgumentException("box bounds must not be NaN: " + Arrays.toString(all));
      }
    }
    if (minX > maxX || minY > maxY || minZ > maxZ) {
      throw new IllegalArgumentException("box min must be <= max on every axis: min ("
          + minX + ", " + minY + ", " + minZ + "), max (" + maxX + ", " + maxY + ", " + maxZ + ")");
    }
  }

  /**
   * Returns the box between two corners.
   *
   * @param min {@code {x, y, z}} lower corner
   * @param max {@code {x, y, z}} upper corner
   * @return the box
   */
  public static CropBox of(double[] min, double[] max) {
    if (min.length != 3 || max.length != 3) {
      throw new IllegalArgumentException("corners must be {x, y, z}");
    }
    return new CropBox(min[0], min[1], min[2], max[0], max[1], max[2]);
  }

  /**
   * Returns whether a point is inside.
   *
   * @param x x
   * @param y y
   * @param z z
   * @return whether {@code min <= (x, y, z) <= max}
   */
  public boolean contains(double x, double y, double z) {
    return x >= minX && x <= maxX && y >= minY && y <= maxY && z >= minZ && z <= maxZ;
  }

  /**
   * Marks the points inside. Allocates nothing.
   *
   * @param xyz packed positions
   * @param n number of points
   * @param outInside destination {@code boolean[n]}
   */
  public void classify(float[] xyz, int n, boolean[] outInside) {
    Points.checkPacked(xyz, n, "xyz");
    Points.checkCapacity(outInside.length, n, "outInside");
    for (int i = 0; i < n; i++) {
      outInside[i] = contains(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]);
    }
  }

  /**
   * Returns the indices of the points inside, ascending.
   *
   * @param xyz packed positions
   * @param n number of points
   * @return indices
   */
  public int[] filter(float[] xyz, int n) {
    Points.checkPacked(xyz, n, "xyz");
    int[] out = new int[n];
    int count = 0;
    for (int i = 0; i < n; i++) {
      double x = xyz[3 * i], y = xyz[3 * i + 1], z = xyz[3 * i + 2];
      // non-short-circuit tests and an unconditional store: no branch to mispredict
      boolean in = x >= minX & x <= maxX & y >= minY & y <= maxY & z >= minZ & z <= maxZ;
      out[count] = i;
      count += in ? 1 : 0;
    }
    return Arrays.copyOf(out, count);
  }

  /**
   * Returns the points inside, or with {@code invert} those outside, every channel carried along.
   *
   * @param cloud the cloud
   * @param invert keep the points outside instead
   * @return the cropped cloud
   */
  public PointCloud apply(PointCloud cloud, boolean invert) {
    int[] inside = filter(cloud.positions(), cloud.size());
    return cloud.select(invert ? Indices.complement(inside, cloud.size()) : inside);
  }
}

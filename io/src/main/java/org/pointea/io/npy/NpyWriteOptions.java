package org.pointea.io.npy;

import java.util.Objects;
import org.pointea.io.PointCloudFormat;
import org.pointea.io.WriteOptions;

/**
 * How to write a cloud as NPY: the element type, and whether normals follow the coordinates
 * ({@code [N, 6]}) when the cloud has them.
 *
 * @param dtype FLOAT32 or FLOAT64
 * @param withNormals append the normals as columns 3..5 when present
 */
public record NpyWriteOptions(NpyDtype dtype, boolean withNormals) implements WriteOptions {

  /** float32, normals included. */
  public static final NpyWriteOptions DEFAULT = new NpyWriteOptions(NpyDtype.FLOAT32, true);

  /** Validates the options. */
  public NpyWriteOptions {
    Objects.requireNonNull(dtype, "dtype");
    if (dtype != NpyDtype.FLOAT32 && dtype != NpyDtype.FLOAT64) {
      throw new IllegalArgumentException("clouds are written as float32 or float64, not " + dtype);
    }
  }

  @Override
  public PointCloudFormat format() {
    return PointCloudFormat.NPY;
  }
}

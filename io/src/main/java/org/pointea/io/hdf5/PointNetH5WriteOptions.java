package org.pointea.io.hdf5;

import org.pointea.io.PointCloudFormat;
import org.pointea.io.WriteOptions;

/**
 * How to write a PointNet HDF5 file.
 *
 * <p>Defaults follow PointNet's {@code save_h5_data_label_normal}: float32 {@code data} and
 * {@code normal}, uint8 {@code label} and {@code pid} (int32 when a value does not fit), int32
 * {@code faceId}, no compression.
 *
 * @param doublePrecision write {@code data} and {@code normal} as float64
 * @param deflateLevel gzip level 1..9 for chunked, compressed datasets; 0 for none
 * @param singleCloudLabel the label written when a single cloud is saved through
 *     {@link org.pointea.io.PointCloudIO#write}
 */
public record PointNetH5WriteOptions(boolean doublePrecision, int deflateLevel,
    int singleCloudLabel) implements WriteOptions {

  /** float32, uncompressed, label 0 for single clouds. */
  public static final PointNetH5WriteOptions DEFAULT = new PointNetH5WriteOptions(false, 0, 0);

  /** Validates the options. */
  public PointNetH5WriteOptions {
    if (deflateLevel < 0 || deflateLevel > 9) {
      throw new IllegalArgumentException("deflate level must be 0..9, got " + deflateLevel);
    }
  }

  /**
   * Returns these options with gzip compression.
   *
   * @param level 1..9, or 0 for none
   * @return the new options
   */
  public PointNetH5WriteOptions withDeflate(int level) {
    return new PointNetH5WriteOptions(doublePrecision, level, singleCloudLabel);
  }

  @Override
  public PointCloudFormat format() {
    return PointCloudFormat.HDF5;
  }
}

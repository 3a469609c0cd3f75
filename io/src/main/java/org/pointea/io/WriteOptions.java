package org.pointea.io;

import org.pointea.io.hdf5.PointNetH5WriteOptions;
import org.pointea.io.las.LasWriteOptions;
import org.pointea.io.npy.NpyWriteOptions;
import org.pointea.io.off.OffWriteOptions;
import org.pointea.io.pcd.PcdWriteOptions;
import org.pointea.io.ply.PlyWriteOptions;
import org.pointea.io.text.TextWriteOptions;

/**
 * How to write a file; each format has its own options record ({@link PlyWriteOptions},
 * {@link PcdWriteOptions}, {@link OffWriteOptions}, {@link TextWriteOptions},
 * {@link NpyWriteOptions}, {@link PointNetH5WriteOptions}, {@link LasWriteOptions}), and the
 * options decide the format.
 *
 * <pre>{@code
 * PointCloudIO.write(Path.of("scan.pcd"), cloud, PcdWriteOptions.binaryCompressed());
 * PointCloudIO.write(Path.of("scan.ply"), cloud, PlyWriteOptions.ascii());
 * PointCloudIO.write(Path.of("scan.ply"), cloud);   // the format's default: binary little endian
 * }</pre>
 */
public interface WriteOptions {

  /** Returns the format these options write. */
  PointCloudFormat format();

  /**
   * Returns the default options of a format: PLY binary little endian, PCD binary, OFF, text in
   * the layout the extension names with shortest exact numbers, NPY float32, HDF5 float32/uint8,
   * LAS with the point format its channels need at 1 mm.
   *
   * @param format the format
   * @return its default options
   */
  static WriteOptions defaults(PointCloudFormat format) {
    return switch (format) {
      case PLY -> PlyWriteOptions.binaryLittleEndian();
      case PCD -> PcdWriteOptions.binary();
      case OFF -> OffWriteOptions.DEFAULT;
      case XYZ, XYZN, XYZRGB, PTS, CSV, TXT -> TextWriteOptions.forFormat(format);
      case NPY -> NpyWriteOptions.DEFAULT;
      case HDF5 -> PointNetH5WriteOptions.DEFAULT;
      case LAS -> LasWriteOptions.DEFAULT;
    };
  }
}

package org.pointea.io.text;

import java.util.Objects;
import org.pointea.io.PointCloudFormat;
import org.pointea.io.WriteOptions;

/**
 * How to write a text cloud: the layout (columns and delimiter), the number of decimals, and
 * whether to write a header line of column names.
 *
 * <p>With {@code decimals = -1} every float is written in its shortest form that reads back to the
 * same float (bit-exact round trip); with {@code decimals >= 0} as C's {@code %.Nf}, as the
 * ModelNet and ShapeNet-part files are (labels included: {@code 2.000000}). A layout with no columns
 * writes {@code x y z}, then normals, colours, intensity and label when the cloud has them, with a
 * header line naming them.
 *
 * <pre>{@code
 * TextWriter.write(Path.of("airplane_0001.txt"), cloud, TextWriteOptions.modelNet());
 * }</pre>
 *
 * @param format the text format (XYZ, XYZN, XYZRGB, PTS, CSV or TXT)
 * @param layout columns and delimiter ({@code AUTO} delimiter: comma for CSV, space otherwise)
 * @param decimals digits after the point (0..9), or -1 for the shortest exact form
 * @param header write a first line with the column names
 */
public record TextWriteOptions(
    PointCloudFormat format, TextLayout layout, int decimals, boolean header)
    implements WriteOptions {

  /** Validates the options. */
  public TextWriteOptions {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(layout, "layout");
    if (!format.isText()) {
      throw new IllegalArgumentException(format + " is not a text format");
    }
    if (decimals < -1 || decimals > 9) {
      throw new IllegalArgumentException("decimals must be -1..9, got " + decimals);
    }
  }

  /**
   * Returns the default options of a text format: its layout, shortest exact numbers, a header for
   * CSV and TXT.
   *
   * @param format XYZ, XYZN, XYZRGB, PTS, CSV or TXT
   * @return the options
   */
  public static TextWriteOptions forFormat(PointCloudFormat format) {
    return switch (format) {
      case XYZ -> new TextWriteOptions(format, TextLayout.XYZ, -1, false);
      case XYZN -> new TextWriteOptions(format, TextLayout.XYZN, -1, false);
      case XYZRGB -> new TextWriteOptions(format, TextLayout.XYZRGB, -1, false);
      case PTS -> new TextWriteOptions(format, TextLayout.PTS, -1, false);
      case CSV -> new TextWriteOptions(format, TextLayout.AUTO.withDelimiter(
          TextLayout.Delimiter.COMMA), -1, true);
      case TXT -> new TextWriteOptions(format, TextLayout.AUTO, -1, true);
      default -> throw new IllegalArgumentException(format + " is not a text format");
    };
  }

  /** ModelNet40 {@code modelnet40_normal_resampled}: {@code x,y,z,nx,ny,nz}, 6 decimals. */
  public static TextWriteOptions modelNet() {
    return new TextWriteOptions(PointCloudFormat.TXT, TextLayout.MODELNET, 6, false);
  }

  /** ShapeNet-part normal files: {@code x y z nx ny nz label}, 6 decimals (label too). */
  public static TextWriteOptions shapeNetPart() {
    return new TextWriteOptions(PointCloudFormat.TXT, TextLayout.SHAPENET_PART, 6, false);
  }

  /**
   * Returns these options with another number of decimals.
   *
   * @param digits digits after the point, or -1 for the shortest exact form
   * @return the new options
   */
  public TextWriteOptions withDecimals(int digits) {
    return new TextWriteOptions(format, layout, digits, header);
  }

  /**
   * Returns these options with or without the header line; without it, the file is plain rows of
   * numbers that {@code numpy.loadtxt} (and PointNet-style loaders) read as they are.
   *
   * @param withHeader true to write the column names first
   * @return the new options
   */
  public TextWriteOptions withHeader(boolean withHeader) {
    return new TextWriteOptions(format, layout, decimals, withHeader);
  }
}

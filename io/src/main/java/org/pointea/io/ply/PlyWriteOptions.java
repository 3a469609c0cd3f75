package org.pointea.io.ply;

import java.util.List;
import java.util.Objects;
import org.pointea.io.PointCloudFormat;
import org.pointea.io.WriteOptions;
import org.pointea.io.ply.PlyHeader.Encoding;

/**
 * How to write PLY: the encoding, whether colours are written as floats (default uchar, which every
 * tool reads), and the header comments.
 *
 * <pre>{@code
 * PointCloudIO.write(path, cloud, PlyWriteOptions.binaryBigEndian());
 * PointCloudIO.write(path, cloud, PlyWriteOptions.ascii().withFloatColors(true));
 * }</pre>
 *
 * @param encoding body encoding
 * @param floatColors write {@code red green blue [alpha]} as floats in [0, 1] instead of uchar
 * @param comments {@code comment} lines for the header
 */
public record PlyWriteOptions(Encoding encoding, boolean floatColors, List<String> comments)
    implements WriteOptions {

  /** Validates the options. */
  public PlyWriteOptions {
    Objects.requireNonNull(encoding, "encoding");
    comments = List.copyOf(comments);
    for (String c : comments) {
      if (c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0 || !c.chars().allMatch(ch -> ch < 0x80)) {
        throw new IllegalArgumentException("PLY comments are single ASCII lines, got '" + c + "'");
      }
    }
  }

  /** Returns ASCII options. */
  public static PlyWriteOptions ascii() {
    return new PlyWriteOptions(Encoding.ASCII, false, List.of("Created by pointea"));
  }

  /** Returns binary little-endian options (the default). */
  public static PlyWriteOptions binaryLittleEndian() {
    return new PlyWriteOptions(Encoding.BINARY_LITTLE_ENDIAN, false, List.of("Created by pointea"));
  }

  /** Returns binary big-endian options. */
  public static PlyWriteOptions binaryBigEndian() {
    return new PlyWriteOptions(Encoding.BINARY_BIG_ENDIAN, false, List.of("Created by pointea"));
  }

  /**
   * Returns these options with colours written as floats or uchar.
   *
   * @param asFloat true for floats in [0, 1]
   * @return the new options
   */
  public PlyWriteOptions withFloatColors(boolean asFloat) {
    return new PlyWriteOptions(encoding, asFloat, comments);
  }

  /**
   * Returns these options with other header comments.
   *
   * @param lines comment lines
   * @return the new options
   */
  public PlyWriteOptions withComments(String... lines) {
    return new PlyWriteOptions(encoding, floatColors, List.of(lines));
  }

  @Override
  public PointCloudFormat format() {
    return PointCloudFormat.PLY;
  }
}

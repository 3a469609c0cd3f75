package org.pointea.io.pcd;

import java.util.Objects;
import org.pointea.io.PointCloudFormat;
import org.pointea.io.WriteOptions;
import org.pointea.io.pcd.PcdHeader.Encoding;

/**
 * How to write PCD: ascii, binary (the default) or binary_compressed.
 *
 * <pre>{@code
 * PointCloudIO.write(Path.of("scan.pcd"), cloud, PcdWriteOptions.binaryCompressed());
 * }</pre>
 *
 * @param encoding the DATA encoding
 */
public record PcdWriteOptions(Encoding encoding) implements WriteOptions {

  /** Validates the options. */
  public PcdWriteOptions {
    Objects.requireNonNull(encoding, "encoding");
  }

  /** Returns ascii options. */
  public static PcdWriteOptions ascii() {
    return new PcdWriteOptions(Encoding.ASCII);
  }

  /** Returns binary options (the default). */
  public static PcdWriteOptions binary() {
    return new PcdWriteOptions(Encoding.BINARY);
  }

  /** Returns binary_compressed (LZF) options. */
  public static PcdWriteOptions binaryCompressed() {
    return new PcdWriteOptions(Encoding.BINARY_COMPRESSED);
  }

  @Override
  public PointCloudFormat format() {
    return PointCloudFormat.PCD;
  }
}

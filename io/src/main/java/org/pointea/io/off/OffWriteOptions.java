package org.pointea.io.off;

import org.pointea.io.PointCloudFormat;
import org.pointea.io.WriteOptions;

/**
 * How to write OFF.
 *
 * <p>{@code gluedHeader} writes ModelNet's malformed-but-common first line {@code OFF<nv> <nf> 0},
 * for producing test data that looks like ModelNet; {@code decimals} fixes the number of digits
 * after the point (-1: shortest exact form).
 *
 * @param gluedHeader write the counts on the keyword's line, glued to it
 * @param decimals digits after the point, 0..9, or -1 for the shortest exact form
 */
public record OffWriteOptions(boolean gluedHeader, int decimals) implements WriteOptions {

  /** Plain {@code OFF} header, shortest exact numbers. */
  public static final OffWriteOptions DEFAULT = new OffWriteOptions(false, -1);

  /** Validates the options. */
  public OffWriteOptions {
    if (decimals < -1 || decimals > 9) {
      throw new IllegalArgumentException("decimals must be -1..9, got " + decimals);
    }
  }

  @Override
  public PointCloudFormat format() {
    return PointCloudFormat.OFF;
  }
}

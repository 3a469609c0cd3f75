package org.pointea.io.las;

import java.util.Objects;

/**
 * One extra-bytes field of LAS point records, as its descriptor in the {@code LASF_Spec} 4 record
 * describes it (LAS 1.4 R15, 2.6.4): a name, a data type with 1 to 3 elements, optional scale
 * and offset, and where it lies in the record. Undescribed trailing bytes are an "undocumented"
 * field of {@code count} raw bytes (data type 0).
 *
 * @param name the field's name (the channel's name)
 * @param dataType 0 (undocumented bytes) or 1 to 10: uchar, char, ushort, short, ulong, long,
 *     ulonglong, longlong, float, double
 * @param count elements: 1 to 3 (types 11-30 of earlier revisions are 2- and 3-element arrays),
 *     or the number of bytes for type 0
 * @param scale per element, or null when not scaled
 * @param offset per element, or null when not offset
 * @param description the descriptor's description
 * @param recordOffset byte offset of the field in a point record
 */
public record LasExtraDimension(String name, int dataType, int count, double[] scale,
    double[] offset, String description, int recordOffset) {

  private static final int[] TYPE_SIZES = {1, 1, 1, 2, 2, 4, 4, 8, 8, 4, 8};

  /** Validates the descriptor. */
  public LasExtraDimension {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    if (dataType < 0 || dataType > 10) {
      throw new IllegalArgumentException("extra-bytes data type " + dataType + " (0 to 10)");
    }
    if (count < 1 || (dataType != 0 && count > 3)) {
      throw new IllegalArgumentException("extra-bytes count " + count);
    }
  }

  /** Returns the bytes of one element. */
  public int elementSize() {
    return TYPE_SIZES[dataType];
  }

  /** Returns the bytes the field occupies in a record. */
  public int size() {
    return elementSize() * count;
  }

  /** Returns true when values are stored as integers (types 1 to 8, or raw bytes). */
  public boolean isInteger() {
    return dataType <= 8;
  }

  /** Returns true when the values are scaled or offset (read as doubles). */
  public boolean isScaled() {
    return scale != null || offset != null;
  }
}

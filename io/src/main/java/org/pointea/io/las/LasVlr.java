package org.pointea.io.las;

import java.util.Arrays;
import java.util.Objects;

/**
 * A variable-length record of a LAS file (before the points), or an extended one (after them,
 * LAS 1.3+): the user id and record id say what it holds, e.g. {@code LASF_Projection} 34735
 * (GeoTIFF keys) or 2112 (OGC WKT), {@code LASF_Spec} 4 (extra-bytes descriptions).
 *
 * @param userId the user id (up to 16 ASCII characters)
 * @param recordId the record id
 * @param description the description (up to 32 ASCII characters)
 * @param data the payload (shared, not copied)
 * @param extended true for an EVLR (64-bit length, after the point data)
 */
public record LasVlr(String userId, int recordId, String description, byte[] data,
    boolean extended) {

  /** The user id of the records the LAS specification defines. */
  public static final String LASF_SPEC = "LASF_Spec";
  /** The user id of coordinate-reference-system records. */
  public static final String LASF_PROJECTION = "LASF_Projection";

  /** Validates the record. */
  public LasVlr {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(data, "data");
    if (recordId < 0 || recordId > 0xFFFF) {
      throw new IllegalArgumentException("record id " + recordId + " is not a uint16");
    }
    if (!extended && data.length > 0xFFFF) {
      throw new IllegalArgumentException("a VLR holds at most 65535 bytes; " + data.length
          + " need an extended VLR");
    }
  }

  /** Returns true for the coordinate-reference-system records (GeoTIFF keys, WKT). */
  public boolean isCrs() {
    return userId.equals(LASF_PROJECTION)
        && (recordId == 34735 || recordId == 34736 || recordId == 34737 || recordId == 2111
            || recordId == 2112);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LasVlr v && v.userId.equals(userId) && v.recordId == recordId
        && v.description.equals(description) && Arrays.equals(v.data, data)
        && v.extended == extended;
  }

  @Override
  public int hashCode() {
    return Objects.hash(userId, recordId, description, Arrays.hashCode(data), extended);
  }

  @Override
  public String toString() {
    return (extended ? "EVLR" : "VLR") + "[" + userId + " " + recordId + ", " + data.length
        + " bytes" + (description.isEmpty() ? "" : ", " + description) + "]";
  }
}

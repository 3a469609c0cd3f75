package org.pointea.io.las;

import java.util.List;
import java.util.Objects;

/**
 * The public header block of a LAS file (versions 1.0 to 1.4) with its variable-length records
 * and extra-bytes descriptions.
 *
 * @param versionMajor 1
 * @param versionMinor 0 to 4
 * @param fileSourceId file source (flight line) id
 * @param globalEncoding bit field: bit 0 adjusted standard GPS time, bit 4 WKT coordinate system
 * @param systemIdentifier who recorded the data
 * @param generatingSoftware what wrote the file
 * @param creationDayOfYear day of the year the file was created (1-366; 0 when unknown)
 * @param creationYear year the file was created (0 when unknown)
 * @param headerSize bytes of this header in the file
 * @param pointDataOffset byte offset of the first point record
 * @param pointFormat the point data record format
 * @param pointRecordLength bytes per point record (the format's size plus extra bytes)
 * @param compressed true for LAZ (compressed point data)
 * @param pointCount number of point records (the 64-bit count of LAS 1.4 when set)
 * @param pointsByReturn points of return 1, 2, ... (5 entries before LAS 1.4, 15 in LAS 1.4)
 * @param scale x, y, z scale factors
 * @param offset x, y, z offsets
 * @param min x, y, z minimum, as the header states it
 * @param max x, y, z maximum, as the header states it
 * @param vlrs the variable-length records, then the extended ones (LAS 1.4)
 * @param extraDimensions the extra-bytes fields of each record, in record order
 */
public record LasHeader(
    int versionMajor,
    int versionMinor,
    int fileSourceId,
    int globalEncoding,
    String systemIdentifier,
    String generatingSoftware,
    int creationDayOfYear,
    int creationYear,
    int headerSize,
    long pointDataOffset,
    LasPointFormat pointFormat,
    int pointRecordLength,
    boolean compressed,
    long pointCount,
    long[] pointsByReturn,
    double[] scale,
    double[] offset,
    double[] min,
    double[] max,
    List<LasVlr> vlrs,
    List<LasExtraDimension> extraDimensions) {

  /** Validates and freezes the lists. */
  public LasHeader {
    Objects.requireNonNull(pointFormat, "pointFormat");
    vlrs = List.copyOf(vlrs);
    extraDimensions = List.copyOf(extraDimensions);
  }

  /** Returns the version, e.g. {@code 1.4}. */
  public String version() {
    return versionMajor + "." + versionMinor;
  }

  /** Returns true when GPS times are adjusted standard GPS time rather than seconds of the week. */
  public boolean adjustedStandardGpsTime() {
    return (globalEncoding & 1) != 0;
  }

  /** Returns the coordinate-reference-system records (GeoTIFF keys, WKT). */
  public List<LasVlr> crsVlrs() {
    return vlrs.stream().filter(LasVlr::isCrs).toList();
  }
}

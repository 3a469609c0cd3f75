package org.pointea.io.las;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.pointea.io.PointCloudFormat;
import org.pointea.io.WriteOptions;

/**
 * How to write a cloud as LAS: the point format and version (by default the smallest that hold the
 * cloud's channels: 1.2 and format 0-3 unless 15 returns, classes above 31, scanner channels or
 * NIR need LAS 1.4's formats 6-10, and 1.4 when other channels become extra bytes), the scale
 * (default 1 mm) and offset (default: the cloud's origin, or the nearest kilometre of its centre
 * when that lies farther than 1e5 from zero), VLRs to copy (a coordinate reference system), and the
 * header's identification.
 *
 * <pre>{@code
 * LasHeader source = LasReader.readHeader(in);
 * LasWriteOptions o = LasWriteOptions.builder().optVlrs(source.crsVlrs())
 *     .optScale(0.01, 0.01, 0.01).build();
 * PointCloudIO.write(Path.of("tile.las"), cloud, o);
 * }</pre>
 *
 * @param pointFormat 0 to 10, or -1 to choose
 * @param versionMinor 0 to 4 (LAS 1.x), or -1 to choose
 * @param scale x, y, z scale factors
 * @param offset x, y, z offsets, or null to choose
 * @param vlrs records to write after the header (an extra-bytes description is added when needed;
 *     extended ones go after the points in LAS 1.4)
 * @param systemIdentifier the header's system identifier (32 characters at most)
 * @param generatingSoftware the header's generating software (32 characters at most)
 * @param creationDate the header's creation date, or null for today (UTC)
 * @param extraBytes write channels LAS has no field for as extra bytes (else drop them)
 */
public record LasWriteOptions(int pointFormat, int versionMinor, double[] scale, double[] offset,
    List<LasVlr> vlrs, String systemIdentifier, String generatingSoftware, LocalDate creationDate,
    boolean extraBytes) implements WriteOptions {

  /** Format and version chosen from the channels, 1 mm scale, extra bytes written. */
  public static final LasWriteOptions DEFAULT = builder().build();

  /** Validates the options. */
  public LasWriteOptions {
    if (pointFormat < -1 || pointFormat > 10) {
      throw new IllegalArgumentException("LAS point format " + pointFormat + " (0 to 10, or -1)");
    }
    if (versionMinor < -1 || versionMinor > 4) {
      throw new IllegalArgumentException("LAS version 1." + versionMinor + " (1.0 to 1.4)");
    }
    if (pointFormat >= 0 && versionMinor >= 0
        && versionMinor < new LasPointFormat(pointFormat).minMinorVersion()) {
      throw new IllegalArgumentException("point format " + pointFormat + " needs LAS 1."
          + new LasPointFormat(pointFormat).minMinorVersion() + " or later, not 1." + versionMinor);
    }
    Objects.requireNonNull(scale, "scale");
    if (scale.length != 3 || (offset != null && offset.length != 3)) {
      throw new IllegalArgumentException("scale and offset have 3 values (x, y, z)");
    }
    for (double s : scale) {
      if (!(s > 0) || !Double.isFinite(s)) {
        throw new IllegalArgumentException("scale factors must be positive and finite, got " + s);
      }
    }
    vlrs = List.copyOf(vlrs);
    Objects.requireNonNull(systemIdentifier, "systemIdentifier");
    Objects.requireNonNull(generatingSoftware, "generatingSoftware");
    if (systemIdentifier.length() > 32 || generatingSoftware.length() > 32) {
      throw new IllegalArgumentException("system identifier and generating software hold 32 "
          + "characters at most");
    }
  }

  @Override
  public PointCloudFormat format() {
    return PointCloudFormat.LAS;
  }

  /** Returns a builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link LasWriteOptions}. */
  public static final class Builder {
    private int pointFormat = -1;
    private int versionMinor = -1;
    private double[] scale = {0.001, 0.001, 0.001};
    private double[] offset;
    private final List<LasVlr> vlrs = new ArrayList<>();
    private String systemIdentifier = "OTHER";
    private String generatingSoftware = "pointea";
    private LocalDate creationDate;
    private boolean extraBytes = true;

    private Builder() {}

    /**
     * Writes this point format (channels it has no field for become extra bytes).
     *
     * @param id 0 to 10
     * @return this builder
     */
    public Builder optPointFormat(int id) {
      this.pointFormat = id;
      return this;
    }

    /**
     * Writes this LAS version.
     *
     * @param minor the x of LAS 1.x, 0 to 4
     * @return this builder
     */
    public Builder optVersion(int minor) {
      this.versionMinor = minor;
      return this;
    }

    /**
     * Sets the scale factors (the coordinate resolution).
     *
     * @param x x scale
     * @param y y scale
     * @param z z scale
     * @return this builder
     */
    public Builder optScale(double x, double y, double z) {
      this.scale = new double[] {x, y, z};
      return this;
    }

    /**
     * Sets the offsets.
     *
     * @param x x offset
     * @param y y offset
     * @param z z offset
     * @return this builder
     */
    public Builder optOffset(double x, double y, double z) {
      this.offset = new double[] {x, y, z};
      return this;
    }

    /**
     * Adds records to write (e.g. {@link LasHeader#crsVlrs()} of a source file).
     *
     * @param records the records
     * @return this builder
     */
    public Builder optVlrs(List<LasVlr> records) {
      vlrs.addAll(records);
      return this;
    }

    /**
     * Sets the header's system identifier.
     *
     * @param id up to 32 characters
     * @return this builder
     */
    public Builder optSystemIdentifier(String id) {
      this.systemIdentifier = id;
      return this;
    }

    /**
     * Sets the header's generating software.
     *
     * @param name up to 32 characters
     * @return this builder
     */
    public Builder optGeneratingSoftware(String name) {
      this.generatingSoftware = name;
      return this;
    }

    /**
     * Sets the header's creation date (default: today, UTC).
     *
     * @param date the date
     * @return this builder
     */
    public Builder optCreationDate(LocalDate date) {
      this.creationDate = date;
      return this;
    }

    /**
     * Whether channels LAS has no field for become extra bytes (default) or are dropped.
     *
     * @param write true to write them
     * @return this builder
     */
    public Builder optExtraBytes(boolean write) {
      this.extraBytes = write;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     * @throws IllegalArgumentException when a value is out of range
     */
    public LasWriteOptions build() {
      return new LasWriteOptions(pointFormat, versionMinor, scale, offset, vlrs, systemIdentifier,
          generatingSoftware, creationDate, extraBytes);
    }
  }
}

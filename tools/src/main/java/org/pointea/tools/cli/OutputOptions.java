package org.pointea.tools.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.pointea.io.PointCloudFormat;
import org.pointea.io.PointCloudIO;
import org.pointea.io.WriteOptions;
import org.pointea.io.hdf5.PointNetH5WriteOptions;
import org.pointea.io.pcd.PcdWriteOptions;
import org.pointea.io.ply.PlyWriteOptions;
import org.pointea.io.text.TextWriteOptions;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.TriangleMesh;
import picocli.CommandLine.Option;

/**
 * The output-file options shared by the commands that write a cloud ({@code convert},
 * {@code sample}, {@code normals}): the format comes from the output file's extension, the
 * encoding from {@code --encoding}. Checks run before any input is read, so a typo in the output
 * name fails at once.
 */
public final class OutputOptions {

  @Option(
      names = "--encoding",
      converter = Encoding.Converter.class,
      paramLabel = "ENC",
      description = {
        "ascii, binary or binary_compressed (PCD); ascii, binary (little endian) or"
            + " binary_big_endian (PLY); binary_compressed = gzip chunks for HDF5."
            + " Default: the format's (binary PLY/PCD)."
      })
  Encoding encoding;

  @Option(
      names = "--no-header",
      description = "Text output (.csv .txt) without the first line of column names: plain rows"
          + " of numbers, as numpy.loadtxt and PointNet-style loaders read them.")
  boolean noHeader;

  /**
   * Returns the write options for an output file, checking that its extension names a format,
   * that the encoding suits it and that its folder exists.
   *
   * @param out the output file
   * @return the options
   * @throws IOException when the output's folder does not exist
   * @throws UserException on an unknown extension or an encoding the format does not have
   */
  public WriteOptions forFile(Path out) throws IOException {
    if (Files.isDirectory(out)) {
      throw new UserException(out + ": is a directory; give an output file name, e.g. "
          + out.resolve("out.ply"));
    }
    PointCloudFormat format = PointCloudFormat.fromExtension(out).orElseThrow(() ->
        new UserException(out + ": cannot tell the output format from the extension; use one of "
            + extensions()));
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new NoSuchFileException(parent.toString(), null, "the output folder does not exist");
    }
    WriteOptions o = options(format, encoding, out);
    if (noHeader) {
      if (!(o instanceof TextWriteOptions t)) {
        throw new UserException(out + ": --no-header applies to text outputs (.csv .txt .xyz"
            + " ...); " + format + " files have no header line to leave out");
      }
      o = t.withHeader(false);
    }
    return o;
  }

  /**
   * Returns the write options of a format and encoding.
   *
   * @param format the format
   * @param encoding the encoding, or null for the format's default
   * @param out the file, for messages
   * @return the options
   */
  static WriteOptions options(PointCloudFormat format, Encoding encoding, Path out) {
    if (encoding == null) {
      return WriteOptions.defaults(format);
    }
    WriteOptions o = switch (format) {
      case PLY -> switch (encoding) {
        case ASCII -> PlyWriteOptions.ascii();
        case BINARY -> PlyWriteOptions.binaryLittleEndian();
        case BINARY_BIG_ENDIAN -> PlyWriteOptions.binaryBigEndian();
        default -> null;
      };
      case PCD -> switch (encoding) {
        case ASCII -> PcdWriteOptions.ascii();
        case BINARY -> PcdWriteOptions.binary();
        case BINARY_COMPRESSED -> PcdWriteOptions.binaryCompressed();
        default -> null;
      };
      case HDF5 -> switch (encoding) {
        case BINARY -> PointNetH5WriteOptions.DEFAULT;
        case BINARY_COMPRESSED -> PointNetH5WriteOptions.DEFAULT.withDeflate(4);
        default -> null;
      };
      case NPY -> encoding == Encoding.BINARY ? WriteOptions.defaults(format) : null;
      case OFF, XYZ, XYZN, XYZRGB, PTS, CSV, TXT ->
          encoding == Encoding.ASCII ? WriteOptions.defaults(format) : null;
    };
    if (o == null) {
      throw new UserException(out + ": " + format + " files have no " + encoding
          + " encoding (" + format + ": " + encodings(format) + ")");
    }
    return o;
  }

  private static String encodings(PointCloudFormat format) {
    return switch (format) {
      case PLY -> "ascii, binary, binary_big_endian";
      case PCD -> "ascii, binary, binary_compressed";
      case HDF5 -> "binary, binary_compressed";
      case NPY -> "binary";
      default -> "ascii";
    };
  }

  /** Returns the known extensions, e.g. {@code .ply .pcd ...}. */
  static String extensions() {
    List<String> all = new ArrayList<>();
    for (PointCloudFormat f : PointCloudFormat.values()) {
      all.addAll(f.extensions());
    }
    return all.stream().map(e -> "." + e).collect(Collectors.joining(" "));
  }

  /**
   * Returns what a user should know before a cloud is written in a format that holds it only
   * partly: an OFF file without faces (OFF is a mesh format: Open3D and most mesh tools refuse
   * it), a PointNet HDF5 file, whose per-cloud class {@code label} a single cloud does not have.
   *
   * @param out the file
   * @param format its format
   * @param cloud the cloud to write
   * @return warnings, one line each, without the "warning: " prefix
   */
  public static List<String> caveats(Path out, PointCloudFormat format, PointCloud cloud) {
    List<String> w = new ArrayList<>();
    if (format == PointCloudFormat.OFF) {
      w.add(out + ": OFF is a mesh format: this file has vertices and no faces, which Open3D,"
          + " MeshLab and most mesh tools refuse to read; .ply or .xyz hold a cloud for every tool");
    }
    if (format == PointCloudFormat.HDF5) {
      w.add(out + ": a single cloud has no class label: the PointNet 'label' dataset is written as"
          + " 0" + (cloud.hasLabels() ? " (the per-point labels go to 'pid')" : ""));
    }
    return w;
  }

  /**
   * Writes a cloud, reporting a cloud the format cannot hold (e.g. {@code .xyzn} without
   * normals) as a user error naming the output.
   *
   * @param out the file
   * @param cloud the cloud
   * @param options from {@link #forFile}
   * @throws IOException on a write error
   */
  public static void write(Path out, PointCloud cloud, WriteOptions options) throws IOException {
    try {
      PointCloudIO.write(out, cloud, options);
    } catch (IllegalArgumentException e) {
      throw new UserException(out + ": cannot write this cloud as " + options.format() + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * Writes a triangle mesh (PLY or OFF).
   *
   * @param out the file
   * @param mesh the mesh
   * @param options from {@link #forFile}; PLY or OFF
   * @throws IOException on a write error
   */
  public static void writeMesh(Path out, TriangleMesh mesh, WriteOptions options)
      throws IOException {
    try {
      PointCloudIO.writeMesh(out, mesh, options);
    } catch (IllegalArgumentException e) {
      throw new UserException(out + ": cannot write this mesh: " + e.getMessage(), e);
    }
  }

  /**
   * Returns the channels of a cloud that a format does not store, in the cloud's order.
   *
   * @param format the output format
   * @param cloud the cloud
   * @return channel names that would be lost
   */
  public static List<String> droppedChannels(PointCloudFormat format, PointCloud cloud) {
    List<String> kept = Arrays.asList(keptChannels(format));
    List<String> dropped = new ArrayList<>();
    for (String name : cloud.channelNames()) {
      if (kept.contains("*") || kept.contains(name)) {
        continue;
      }
      dropped.add(name);
    }
    return dropped;
  }

  /** Which channels each format's writer stores ("*": all). */
  static String[] keptChannels(PointCloudFormat format) {
    return switch (format) {
      case PLY, PCD -> new String[] {"*"};
      case OFF, XYZ -> new String[0];
      case XYZN, NPY -> new String[] {"normals"};
      case XYZRGB -> new String[] {"colors"};
      case PTS -> new String[] {"intensity", "colors"};
      case CSV, TXT -> new String[] {"normals", "colors", "intensity", "labels"};
      case HDF5 -> new String[] {"normals", "labels", "face_id"};
    };
  }
}

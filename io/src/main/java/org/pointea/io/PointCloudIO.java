package org.pointea.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.pointea.io.hdf5.PointNetBatch;
import org.pointea.io.hdf5.PointNetH5Reader;
import org.pointea.io.hdf5.PointNetH5WriteOptions;
import org.pointea.io.hdf5.PointNetH5Writer;
import org.pointea.io.las.LasReader;
import org.pointea.io.las.LasWriteOptions;
import org.pointea.io.las.LasWriter;
import org.pointea.io.internal.Input;
import org.pointea.io.npy.NpyReader;
import org.pointea.io.npy.NpyWriteOptions;
import org.pointea.io.npy.NpyWriter;
import org.pointea.io.off.OffReader;
import org.pointea.io.off.OffWriteOptions;
import org.pointea.io.off.OffWriter;
import org.pointea.io.pcd.PcdReader;
import org.pointea.io.pcd.PcdWriteOptions;
import org.pointea.io.pcd.PcdWriter;
import org.pointea.io.ply.PlyReader;
import org.pointea.io.ply.PlyWriteOptions;
import org.pointea.io.ply.PlyWriter;
import org.pointea.io.text.TextLayout;
import org.pointea.io.text.TextReader;
import org.pointea.io.text.TextWriteOptions;
import org.pointea.io.text.TextWriter;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.TriangleMesh;

/**
 * Reads and writes point clouds and meshes in every supported format: the one entry point, as
 * Open3D's {@code read_point_cloud} / {@code write_point_cloud}.
 *
 * <p>The format comes from the file's signature (PLY, PCD, OFF, NPY, HDF5) or, for text, from its
 * extension ({@code .xyz .xyzn .xyzrgb .pts .csv .txt}); when writing, from the options, or the
 * extension when none are given. Malformed files raise {@link PointCloudFormatException} naming the
 * file and the line or byte offset; never an unchecked exception, a hang or an allocation the file
 * size cannot justify. Writes go to a temporary sibling renamed into place.
 *
 * <pre>{@code
 * PointCloud cloud = PointCloudIO.read(Path.of("scan.pcd"));
 * PointCloud dense = PointCloudIO.read(Path.of("scan.pcd"),
 *     ReadOptions.builder().optRemoveNonFinite(true).build());
 * PointCloudIO.write(Path.of("scan.ply"), cloud, PlyWriteOptions.binaryLittleEndian());
 * TriangleMesh mesh = PointCloudIO.readMesh(Path.of("chair_0001.off"));
 * }</pre>
 */
public final class PointCloudIO {
  private PointCloudIO() {}

  /**
   * Reads a cloud with the default options.
   *
   * @param path the file
   * @return the cloud
   * @throws IOException when the file cannot be read or is malformed
   */
  public static PointCloud read(Path path) throws IOException {
    return read(path, ReadOptions.DEFAULT);
  }

  /**
   * Reads a cloud.
   *
   * @param path the file
   * @param options read options
   * @return the cloud
   * @throws IOException when the file cannot be read or is malformed
   */
  public static PointCloud read(Path path, ReadOptions options) throws IOException {
    return read(path, PointCloudFormat.detect(path), options);
  }

  /**
   * Reads a cloud in a given format.
   *
   * @param path the file
   * @param format its format
   * @param options read options
   * @return the cloud
   * @throws IOException when the file cannot be read or is malformed
   */
  public static PointCloud read(Path path, PointCloudFormat format, ReadOptions options)
      throws IOException {
    Objects.requireNonNull(options, "options");
    if (format == PointCloudFormat.HDF5) {
      return single(PointNetH5Reader.read(path, options), path.toString());
    }
    try (Input in = Input.open(path)) {
      return read(in, format, options);
    }
  }

  /**
   * Reads a cloud from bytes in memory.
   *
   * @param bytes the file content
   * @param format its format
   * @param options read options
   * @return the cloud
   * @throws IOException when the bytes are malformed
   */
  public static PointCloud read(byte[] bytes, PointCloudFormat format, ReadOptions options)
      throws IOException {
    return read(bytes, format, options, "<memory>");
  }

  /**
   * Reads a cloud from bytes in memory, naming them in error messages.
   *
   * @param bytes the file content
   * @param format its format
   * @param options read options
   * @param name the name used in error messages
   * @return the cloud
   * @throws IOException when the bytes are malformed
   */
  public static PointCloud read(
      byte[] bytes, PointCloudFormat format, ReadOptions options, String name) throws IOException {
    if (format == PointCloudFormat.HDF5) {
      return single(PointNetH5Reader.read(bytes, name, options), name);
    }
    return read(Input.of(bytes, name), format, options);
  }

  /**
   * Reads a cloud from a stream (read to its end into memory first).
   *
   * @param stream the content
   * @param format its format
   * @param options read options
   * @return the cloud
   * @throws IOException when the stream cannot be read or is malformed
   */
  public static PointCloud read(InputStream stream, PointCloudFormat format, ReadOptions options)
      throws IOException {
    return read(stream.readAllBytes(), format, options, "<stream>");
  }

  private static PointCloud read(Input in, PointCloudFormat format, ReadOptions options)
      throws IOException {
    return switch (format) {
      case PLY -> PlyReader.read(in, options);
      case PCD -> PcdReader.read(in, options);
      case OFF -> OffReader.read(in, options);
      case NPY -> NpyReader.read(in, options);
      case XYZ, XYZN, XYZRGB, PTS, CSV, TXT -> TextReader.read(in, textLayout(format, options),
          options);
      case HDF5 -> throw new IllegalStateException("HDF5 is read through jhdf");
      case LAS -> LasReader.read(in, options);
    };
  }

  private static TextLayout textLayout(PointCloudFormat format, ReadOptions options) {
    if (options.textLayout() != null) {
      return options.textLayout();
    }
    return switch (format) {
      case XYZ -> TextLayout.XYZ;
      case XYZN -> TextLayout.XYZN;
      case XYZRGB -> TextLayout.XYZRGB;
      case PTS -> TextLayout.PTS;
      default -> TextLayout.AUTO;
    };
  }

  private static PointCloud single(PointNetBatch batch, String name)
      throws PointCloudFormatException {
    if (batch.size() != 1) {
      throw new PointCloudFormatException(name, -1, -1, "holds a batch of " + batch.size()
          + " clouds; read it with PointCloudIO.readAll or PointNetH5Reader.read");
    }
    return batch.cloud(0);
  }

  /**
   * Reads every cloud of a file: the batch of a PointNet HDF5 file, or the one cloud of any other
   * format.
   *
   * @param path the file
   * @param options read options
   * @return the clouds
   * @throws IOException when the file cannot be read or is malformed
   */
  public static List<PointCloud> readAll(Path path, ReadOptions options) throws IOException {
    PointCloudFormat format = PointCloudFormat.detect(path);
    if (format == PointCloudFormat.HDF5) {
      return PointNetH5Reader.read(path, options).clouds();
    }
    return List.of(read(path, format, options));
  }

  /**
   * Reads a triangle mesh from a PLY or OFF file.
   *
   * @param path the file
   * @return the mesh (polygons fan-triangulated)
   * @throws IOException when the file cannot be read, is malformed, or holds no mesh format
   */
  public static TriangleMesh readMesh(Path path) throws IOException {
    PointCloudFormat format = PointCloudFormat.detect(path);
    try (Input in = Input.open(path)) {
      return switch (format) {
        case PLY -> PlyReader.readMesh(in);
        case OFF -> OffReader.readMesh(in);
        default -> throw new PointCloudFormatException(path.toString(), -1, -1,
            format + " files hold no meshes (PLY and OFF do)");
      };
    }
  }

  /**
   * Writes a cloud with the default options of the format its extension names.
   *
   * @param path destination
   * @param cloud the cloud
   * @throws IOException on a write error or an unknown extension
   */
  public static void write(Path path, PointCloud cloud) throws IOException {
    write(path, cloud, WriteOptions.defaults(formatOf(path)));
  }

  /**
   * Writes a cloud in the format of the options.
   *
   * @param path destination
   * @param cloud the cloud
   * @param options format and encoding
   * @throws IOException on a write error
   */
  public static void write(Path path, PointCloud cloud, WriteOptions options) throws IOException {
    Objects.requireNonNull(cloud, "cloud");
    if (options instanceof PlyWriteOptions o) {
      PlyWriter.write(path, cloud, o);
    } else if (options instanceof PcdWriteOptions o) {
      PcdWriter.write(path, cloud, o);
    } else if (options instanceof OffWriteOptions o) {
      OffWriter.write(path, cloud, o);
    } else if (options instanceof TextWriteOptions o) {
      TextWriter.write(path, cloud, o);
    } else if (options instanceof NpyWriteOptions o) {
      NpyWriter.write(path, cloud, o);
    } else if (options instanceof LasWriteOptions o) {
      LasWriter.write(path, cloud, o);
    } else if (options instanceof PointNetH5WriteOptions o) {
      PointNetH5Writer.write(path, new PointNetBatch(List.of(cloud),
          new int[] {o.singleCloudLabel()}), o);
    } else {
      throw new IllegalArgumentException("unsupported write options " + options);
    }
  }

  /**
   * Writes a triangle mesh as PLY (binary little endian) or OFF, by extension.
   *
   * @param path destination
   * @param mesh the mesh
   * @throws IOException on a write error or an extension other than .ply/.off
   */
  public static void writeMesh(Path path, TriangleMesh mesh) throws IOException {
    writeMesh(path, mesh, WriteOptions.defaults(formatOf(path)));
  }

  /**
   * Writes a triangle mesh.
   *
   * @param path destination
   * @param mesh the mesh
   * @param options PLY or OFF options
   * @throws IOException on a write error
   */
  public static void writeMesh(Path path, TriangleMesh mesh, WriteOptions options)
      throws IOException {
    if (options instanceof PlyWriteOptions o) {
      PlyWriter.writeMesh(path, mesh, o);
    } else if (options instanceof OffWriteOptions o) {
      OffWriter.writeMesh(path, mesh, o);
    } else {
      throw new IllegalArgumentException(options.format() + " cannot hold a mesh (PLY and OFF "
          + "can)");
    }
  }

  private static PointCloudFormat formatOf(Path path) throws IOException {
    return PointCloudFormat.fromExtension(path).orElseThrow(() -> new IOException(
        "cannot tell the format of " + path + " from its extension; pass WriteOptions"));
  }

}

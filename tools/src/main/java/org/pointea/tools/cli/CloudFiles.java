package org.pointea.tools.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.pointea.io.PointCloudFormat;
import org.pointea.io.bag.BagFormat;
import org.pointea.io.PointCloudIO;
import org.pointea.io.ReadOptions;
import org.pointea.io.hdf5.PointNetBatch;
import org.pointea.io.hdf5.PointNetH5Reader;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.TriangleMesh;

/**
 * Reads the input files of the commands: one cloud (choosing one cloud of an HDF5 batch with
 * {@code --index}), or a triangle mesh. Missing files and directories are reported as user errors
 * naming the file; malformed files raise the io module's {@code PointCloudFormatException}, which
 * {@link Errors} prints as the one-line user error.
 */
public final class CloudFiles {
  private CloudFiles() {}

  /**
   * Fails unless the path is an existing regular file.
   *
   * @param path the input
   * @throws NoSuchFileException when it does not exist
   * @throws UserException when it is a directory or not a regular file
   */
  public static void requireFile(Path path) throws NoSuchFileException {
    if (!Files.exists(path)) {
      throw new NoSuchFileException(path.toString());
    }
    if (Files.isDirectory(path)) {
      throw new UserException(path + ": is a directory, not a point-cloud file");
    }
    if (!Files.isRegularFile(path)) {
      throw new UserException(path + ": not a regular file");
    }
  }

  /**
   * Returns true when a path is a robot recording: an MCAP, ROS 1 or rosbag2 SQLite file (by its
   * signature), or a directory holding {@code .mcap} or {@code .db3} storage files (a rosbag2 bag).
   *
   * @param path a file or directory
   * @return whether {@link org.pointea.io.bag.BagReader} reads it
   * @throws IOException when a file cannot be read
   */
  public static boolean isBag(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      try (var s = Files.list(path)) {
        return s.anyMatch(p -> {
          String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
          return Files.isRegularFile(p) && (n.endsWith(".mcap") || n.endsWith(".db3"));
        });
      }
    }
    return Files.isRegularFile(path) && BagFormat.detect(path).isPresent();
  }

  /**
   * Tells a file's format (signature first, extension second).
   *
   * @param path an existing file
   * @return the format
   * @throws IOException when it cannot be read or its format cannot be told
   */
  public static PointCloudFormat format(Path path) throws IOException {
    requireFile(path);
    return PointCloudFormat.detect(path);
  }

  /**
   * Reads one cloud.
   *
   * @param path the file
   * @param options read options
   * @param index which cloud of an HDF5 batch, or null (then the file must hold one cloud)
   * @return the cloud
   * @throws IOException when the file cannot be read or is malformed
   */
  public static PointCloud readCloud(Path path, ReadOptions options, Integer index)
      throws IOException {
    PointCloudFormat format = format(path);
    if (format == PointCloudFormat.HDF5) {
      PointNetBatch batch = PointNetH5Reader.read(path, options);
      return pick(path, batch.clouds(), index);
    }
    if (index != null && index != 0) {
      throw new UserException(path + ": holds one cloud; --index applies to HDF5 batches");
    }
    return PointCloudIO.read(path, format, options);
  }

  /**
   * Reads the triangle mesh of a PLY or OFF file.
   *
   * @param path the file
   * @return the mesh, or null when the file holds no triangles (a cloud, or another format)
   * @throws IOException when the file cannot be read or is malformed
   */
  public static TriangleMesh readMeshOrNull(Path path) throws IOException {
    PointCloudFormat format = format(path);
    if (!format.holdsMeshes()) {
      return null;
    }
    TriangleMesh mesh = PointCloudIO.readMesh(path);
    return mesh.triangleCount() > 0 ? mesh : null;
  }

  private static PointCloud pick(Path path, List<PointCloud> clouds, Integer index) {
    int n = clouds.size();
    if (index == null) {
      if (n == 1) {
        return clouds.get(0);
      }
      throw new UserException(path + ": holds a batch of " + n + " clouds; choose one with"
          + " --index I (0 to " + (n - 1) + ")");
    }
    if (index < 0 || index >= n) {
      throw new UserException(path + ": --index " + index + " is out of range: the batch holds "
          + n + " clouds (0 to " + (n - 1) + ")");
    }
    return clouds.get(index);
  }
}

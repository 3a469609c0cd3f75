package org.pointea.io.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.pointea.io.internal.AtomicOutput;
import org.pointea.pointcloud.IntChannel;
import org.pointea.pointcloud.PointCloud;

/**
 * Writes a {@link PointNetBatch} as an HDF5 file in PointNet's layout, readable by h5py and the
 * PointNet / PointNet++ / DGCNN loaders: {@code data [B,N,3]}, {@code label [B,1]}, and, when every
 * cloud has them, {@code normal [B,N,3]}, {@code pid [B,N]} (from the {@code labels} channel) and
 * {@code faceId [B,N]} (from the {@code face_id} channel). Every cloud must have the same number
 * of points.
 *
 * <pre>{@code
 * PointNetH5Writer.write(Path.of("ply_data_train0.h5"), new PointNetBatch(clouds, labels),
 *     PointNetH5WriteOptions.DEFAULT.withDeflate(4));
 * }</pre>
 */
public final class PointNetH5Writer {
  private PointNetH5Writer() {}

  /**
   * Writes a batch (through a temporary sibling renamed into place).
   *
   * @param path destination
   * @param batch the clouds and labels
   * @param options precision and compression
   * @throws IOException on a write error
   * @throws IllegalArgumentException when the clouds differ in size
   */
  public static void write(Path path, PointNetBatch batch, PointNetH5WriteOptions options)
      throws IOException {
    List<PointCloud> clouds = batch.clouds();
    int b = clouds.size();
    int n = b == 0 ? 0 : clouds.get(0).size();
    for (PointCloud c : clouds) {
      if (c.size() != n) {
        throw new IllegalArgumentException("every cloud of a PointNet batch has the same number of "
            + "points; found " + n + " and " + c.size());
      }
    }
    boolean normals = b > 0 && clouds.stream().allMatch(PointCloud::hasNormals);
    boolean pid = b > 0 && clouds.stream().allMatch(PointCloud::hasLabels);
    boolean face = b > 0 && clouds.stream().allMatch(c -> c.channel(PointNetBatch.FACE_ID)
        .filter(ch -> ch instanceof IntChannel && ch.width() == 1).isPresent());
    int[] labels = batch.labels();
    AtomicOutput.writeVia(path, temp -> {
      try (WritableHdfFile f = HdfFile.write(temp)) {
        int level = options.deflateLevel();
        f.putDataset("data", points(clouds, n, false, options.doublePrecision()),
            chunked(level, 1, Math.max(n, 1), 3));
        if (normals) {
          f.putDataset("normal", points(clouds, n, true, options.doublePrecision()),
              chunked(level, 1, Math.max(n, 1), 3));
        }
        f.putDataset("label", column(labels), intOptions(labels, level, b, 1));
        if (pid) {
          int[][] p = new int[b][];
          for (int i = 0; i < b; i++) {
            p[i] = clouds.get(i).labels();
          }
          f.putDataset("pid", narrow(p), intOptions(flatten(p), level, 1, Math.max(n, 1)));
        }
        if (face) {
          int[][] p = new int[b][];
          for (int i = 0; i < b; i++) {
            p[i] = clouds.get(i).intChannel(PointNetBatch.FACE_ID).toArray();
          }
          f.putDataset("faceId", p, chunked(level, 1, Math.max(n, 1)));
        }
      } catch (RuntimeException e) {
        throw new IOException("cannot write HDF5 file " + path + ": " + e.getMessage(), e);
      }
    });
  }

  private static Object points(List<PointCloud> clouds, int n, boolean normals, boolean dbl) {
    int b = clouds.size();
    if (dbl) {
      double[][][] out = new double[b][n][3];
      for (int i = 0; i < b; i++) {
        PointCloud c = clouds.get(i);
        float[] v = normals ? c.normals() : c.positions();
        double[] o = normals ? new double[3] : c.origin();
        for (int k = 0; k < n; k++) {
          for (int a = 0; a < 3; a++) {
            out[i][k][a] = o[a] + v[3 * k + a];
          }
        }
      }
      return out;
    }
    float[][][] out = new float[b][n][3];
    for (int i = 0; i < b; i++) {
      PointCloud c = clouds.get(i);
      float[] v = normals ? c.normals() : c.positions();
      double[] o = normals ? new double[3] : c.origin();
      for (int k = 0; k < n; k++) {
        for (int a = 0; a < 3; a++) {
          out[i][k][a] = (float) (o[a] + v[3 * k + a]);
        }
      }
    }
    return out;
  }

  /**
   * Chunked storage, deflated when {@code level > 0}. Chunked even uncompressed: in contiguous
   * layout jhdf 0.13 issues one write call per innermost array (12 bytes of a [B, N, 3] dataset),
   * which made writing 3.5-4.5x slower.
   */
  private static DatasetCreationOptions chunked(int level, int... chunk) {
    DatasetCreationOptions.Builder b = DatasetCreationOptions.builder().chunkDimensions(chunk);
    if (level > 0) {
      b.deflate(level);
    }
    return b.build();
  }

  private static boolean fitsUint8(int[] values) {
    for (int v : values) {
      if (v < 0 || v > 255) {
        return false;
      }
    }
    return true;
  }

  private static DatasetCreationOptions intOptions(int[] values, int level, int... chunk) {
    if (!fitsUint8(values)) {
      return chunked(level, chunk);
    }
    DatasetCreationOptions.Builder b = DatasetCreationOptions.builder().unsigned();
    if (level > 0) {
      b.chunkDimensions(chunk).deflate(level);
    }
    return b.build();
  }

  private static Object column(int[] labels) {
    if (fitsUint8(labels)) {
      byte[][] out = new byte[labels.length][1];
      for (int i = 0; i < labels.length; i++) {
        out[i][0] = (byte) labels[i];
      }
      return out;
    }
    int[][] out = new int[labels.length][1];
    for (int i = 0; i < labels.length; i++) {
      out[i][0] = labels[i];
    }
    return out;
  }

  private static int[] flatten(int[][] p) {
    return java.util.Arrays.stream(p).flatMapToInt(java.util.Arrays::stream).toArray();
  }

  private static Object narrow(int[][] p) {
    if (!fitsUint8(flatten(p))) {
      return p;
    }
    byte[][] out = new byte[p.length][];
    for (int i = 0; i < p.length; i++) {
      out[i] = new byte[p[i].length];
      for (int k = 0; k < p[i].length; k++) {
        out[i][k] = (byte) p[i][k];
      }
    }
    return out;
  }

}

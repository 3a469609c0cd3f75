package org.pointea.io.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.pointea.io.PointCloudFormatException;
import org.pointea.io.ReadOptions;
import org.pointea.pointcloud.Channel;
import org.pointea.pointcloud.IntChannel;
import org.pointea.pointcloud.PointCloud;

/**
 * Reads HDF5 files in PointNet's layout as a {@link PointNetBatch}: {@code data [B,N,3]} (float32
 * or float64), {@code label [B,1]} or {@code [B]} of any integer or float type (floats must hold
 * whole numbers), and the optional per-point {@code normal [B,N,3]}, {@code pid [B,N]} (part ids,
 * the clouds' {@code labels} channel) and {@code faceId [B,N]} (channel {@code face_id}).
 *
 * <p>jhdf does the HDF5 decoding (contiguous and chunked datasets, gzip); every error it raises
 * is reported as a {@link PointCloudFormatException}, and dataset sizes are checked against the
 * file size before any data is read.
 *
 * <pre>{@code
 * PointNetBatch batch = PointNetH5Reader.read(Path.of("ply_data_train0.h5"));
 * PointCloud first = batch.cloud(0);
 * int cls = batch.label(0);
 * }</pre>
 */
public final class PointNetH5Reader {
  private PointNetH5Reader() {}

  /**
   * Reads a file with every dataset it has.
   *
   * @param path the file
   * @return the batch
   * @throws IOException when the file cannot be read or is not in PointNet's layout
   */
  public static PointNetBatch read(Path path) throws IOException {
    return read(path, ReadOptions.DEFAULT);
  }

  /**
   * Reads a file.
   *
   * @param path the file
   * @param options channel filter and NaN removal (applied per cloud)
   * @return the batch
   * @throws IOException when the file cannot be read or is not in PointNet's layout
   */
  public static PointNetBatch read(Path path, ReadOptions options) throws IOException {
    long size = Files.size(path);
    String name = path.toString();
    try (HdfFile h = H5Files.open(path)) {
      return read(h, name, size, options);
    } catch (PointCloudFormatException e) {
      throw e;
    } catch (RuntimeException | IOException | StackOverflowError e) {
      throw wrap(name, e);
    }
  }

  /**
   * Reads HDF5 bytes held in memory.
   *
   * @param bytes the file content
   * @param name the name used in error messages
   * @param options channel filter and NaN removal
   * @return the batch
   * @throws IOException when the bytes are not an HDF5 file in PointNet's layout
   */
  public static PointNetBatch read(byte[] bytes, String name, ReadOptions options)
      throws IOException {
    try (HdfFile h = HdfFile.fromByteBuffer(ByteBuffer.wrap(bytes))) {
      return read(h, name, bytes.length, options);
    } catch (PointCloudFormatException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      throw wrap(name, e);
    }
  }

  private static PointCloudFormatException wrap(String name, Throwable e) {
    return H5Files.unreadable(name, e);
  }

  /** An error about a dataset: at the byte of its object header. */
  private static PointCloudFormatException error(String name, Node node, String detail) {
    return new PointCloudFormatException(name, -1, node == null ? 0 : node.getAddress(), detail);
  }

  private static PointNetBatch read(HdfFile h, String name, long fileSize, ReadOptions options)
      throws IOException {
    Dataset data = dataset(h, "data", name);
    if (data == null) {
      throw error(name, null,
          "no 'data' dataset: not PointNet's layout (datasets: " + h.getChildren().keySet() + ")");
    }
    int[] dd = dims(data, name, fileSize);
    if (dd.length != 3 || dd[2] != 3) {
      throw error(name, data, "'data' must be [B, N, 3], it is " + Arrays.toString(dd));
    }
    if (!(data.getDataType() instanceof FloatingPoint)) {
      throw error(name, data, "'data' must hold floats");
    }
    int b = dd[0];
    int n = dd[1];
    Dataset label = dataset(h, "label", name);
    if (label == null) {
      throw error(name, null, "no 'label' dataset");
    }
    int[] ld = dims(label, name, fileSize);
    if (!(ld.length == 1 && ld[0] == b) && !(ld.length == 2 && ld[0] == b && ld[1] == 1)) {
      throw error(name, label,
          "'label' must be [B] or [B, 1] with B = " + b + ", it is " + Arrays.toString(ld));
    }
    int[] labels = toInts(label.getDataFlat(), name, label, "label");
    double[] xyz = toDoubles(data.getDataFlat(), name, data, "data");
    double[] nrm = null;
    int[] pid = null;
    int[] face = null;
    Dataset normal = dataset(h, "normal", name);
    if (normal != null && options.wants(Channel.NORMALS)) {
      int[] nd = dims(normal, name, fileSize);
      if (!Arrays.equals(nd, dd)) {
        throw error(name, normal, "'normal' must match 'data' "
            + Arrays.toString(dd) + ", it is " + Arrays.toString(nd));
      }
      nrm = toDoubles(normal.getDataFlat(), name, normal, "normal");
    }
    Dataset pidSet = dataset(h, "pid", name);
    if (pidSet != null && options.wants(Channel.LABELS)) {
      pid = perPoint(pidSet, b, n, name, fileSize, "pid");
    }
    Dataset faceSet = dataset(h, "faceId", name);
    if (faceSet != null && options.wants(PointNetBatch.FACE_ID)) {
      face = perPoint(faceSet, b, n, name, fileSize, "faceId");
    }
    List<PointCloud> clouds = new ArrayList<>(b);
    for (int i = 0; i < b; i++) {
      double[] origin = origin(xyz, i * n * 3, n, options.autoOrigin()
          && data.getDataType().getSize() == 8);
      float[] p = new float[3 * n];
      for (int k = 0; k < 3 * n; k++) {
        p[k] = (float) (xyz[i * n * 3 + k] - origin[k % 3]);
      }
      PointCloud.Builder cb = PointCloud.builder(p);
      if (nrm != null) {
        float[] q = new float[3 * n];
        for (int k = 0; k < 3 * n; k++) {
          q[k] = (float) nrm[i * n * 3 + k];
        }
        cb.normals(q);
      }
      if (pid != null) {
        cb.labels(Arrays.copyOfRange(pid, i * n, (i + 1) * n));
      }
      if (face != null) {
        cb.channel(new IntChannel(PointNetBatch.FACE_ID, 1,
            Arrays.copyOfRange(face, i * n, (i + 1) * n)));
      }
      if (origin[0] != 0 || origin[1] != 0 || origin[2] != 0) {
        cb.origin(origin[0], origin[1], origin[2]);
      }
      PointCloud c = cb.build();
      clouds.add(options.removeNonFinite() ? c.removeNonFinite() : c);
      options.progress().onProgress((double) (i + 1) / b);
    }
    return new PointNetBatch(clouds, labels);
  }

  private static double[] origin(double[] xyz, int off, int n, boolean enabled) {
    double[] o = new double[3];
    if (!enabled) {
      return o;
    }
    for (int i = 0; i < n; i++) {
      int k = off + 3 * i;
      if (Double.isFinite(xyz[k]) && Double.isFinite(xyz[k + 1]) && Double.isFinite(xyz[k + 2])) {
        for (int a = 0; a < 3; a++) {
          if (Math.abs(xyz[k + a]) > 1e5) {
            o[a] = Math.rint(xyz[k + a] / 1000) * 1000;
          }
        }
        return o;
      }
    }
    return o;
  }

  private static int[] perPoint(Dataset d, int b, int n, String name, long fileSize, String what)
      throws IOException {
    int[] pd = dims(d, name, fileSize);
    if (!(pd.length == 2 && pd[0] == b && pd[1] == n)
        && !(pd.length == 3 && pd[0] == b && pd[1] == n && pd[2] == 1)) {
      throw error(name, d, "'" + what + "' must be [B, N] = ["
          + b + ", " + n + "], it is " + Arrays.toString(pd));
    }
    return toInts(d.getDataFlat(), name, d, what);
  }

  private static Dataset dataset(HdfFile h, String key, String name)
      throws PointCloudFormatException {
    Node node = h.getChildren().get(key);
    if (node == null) {
      return null;
    }
    if (!(node instanceof Dataset d)) {
      throw error(name, node, "'" + key + "' is not a dataset");
    }
    if (!(d.getDataType() instanceof FloatingPoint) && !(d.getDataType() instanceof FixedPoint)) {
      throw error(name, d, "'" + key + "' has a "
          + d.getDataType().getClass().getSimpleName() + " type, not numbers");
    }
    return d;
  }

  private static int[] dims(Dataset d, String name, long fileSize)
      throws PointCloudFormatException {
    return H5Files.dimensions(d, name, fileSize);
  }

  private static double[] toDoubles(Object flat, String name, Node node, String what)
      throws PointCloudFormatException {
    if (flat instanceof float[] f) {
      double[] d = new double[f.length];
      for (int i = 0; i < f.length; i++) {
        d[i] = f[i];
      }
      return d;
    }
    if (flat instanceof double[] d) {
      return d;
    }
    throw error(name, node, "'" + what + "' must hold floats, it holds "
        + flat.getClass().getSimpleName());
  }

  private static int[] toInts(Object flat, String name, Node node, String what)
      throws PointCloudFormatException {
    int n = java.lang.reflect.Array.getLength(flat);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      double v;
      if (flat instanceof byte[] a) {
        v = a[i];
      } else if (flat instanceof short[] a) {
        v = a[i];
      } else if (flat instanceof int[] a) {
        v = a[i];
      } else if (flat instanceof long[] a) {
        v = a[i];
      } else if (flat instanceof float[] a) {
        v = a[i];
      } else if (flat instanceof double[] a) {
        v = a[i];
      } else {
        throw error(name, node, "'" + what + "' holds "
            + flat.getClass().getSimpleName() + ", not integers");
      }
      if (v != Math.rint(v) || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
        throw error(name, node, "'" + what + "' value " + v
            + " at index " + i + " is not an integer");
      }
      out[i] = (int) v;
    }
    return out;
  }
}

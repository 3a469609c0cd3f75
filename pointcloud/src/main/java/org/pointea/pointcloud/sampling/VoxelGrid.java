package org.pointea.pointcloud.sampling;

import java.util.Arrays;
import java.util.Objects;
import org.pointea.pointcloud.Channel;
import org.pointea.pointcloud.DoubleChannel;
import org.pointea.pointcloud.FloatChannel;
import org.pointea.pointcloud.IntChannel;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.Points;

/**
 * Voxel-grid down-sampling: one point per occupied cubic voxel, as Open3D's
 * {@code voxel_down_sample} and PCL's {@code VoxelGrid}.
 *
 * <p>The grid is anchored at the origin: point {@code (x, y, z)} falls in voxel
 * {@code (floor(x / size), floor(y / size), floor(z / size))}, computed in double precision, so
 * the same point always lands in the same voxel whatever the rest of the cloud. Two modes:
 * <ul>
 *   <li>{@link Mode#CENTROID}: each voxel becomes the mean of its points; every float channel is
 *       averaged too (double channels in double; normals are re-normalised; a zero mean normal
 *       stays zero), and every int
 *       channel takes its most frequent value in the voxel (ties: the smallest value);</li>
 *   <li>{@link Mode#NEAREST_TO_CENTROID}: each voxel keeps its original point closest to the
 *       centroid (ties: the lowest index), so channels are carried unchanged; {@link
 *       #nearestToCentroid} returns those indices.</li>
 * </ul>
 * Output order is by voxel, x-major ({@code ix}, then {@code iy}, then {@code iz}), deterministic.
 * Points with a NaN or infinite coordinate are dropped. A size so small that the voxel indices
 * overflow ({@code > 2^62} voxels spanned) is rejected with {@link IllegalArgumentException}.
 *
 * <p>Implementation: voxel keys are packed into {@code long}s and points grouped by a stable LSD
 * radix sort of the keys (no hash map, no per-point objects): O(N) time, about 24 bytes per point.
 *
 * <pre>{@code
 * PointCloud down = VoxelGrid.downsample(cloud, 0.01f);                   // centroids
 * int[] kept = VoxelGrid.nearestToCentroid(xyz, n, 0.01f);                // original points
 * }</pre>
 */
public final class VoxelGrid {
  private VoxelGrid() {}

  /** What each occupied voxel becomes. */
  public enum Mode {
    /** The mean of the voxel's points, with channels averaged. */
    CENTROID,
    /** The voxel's original point nearest to its centroid. */
    NEAREST_TO_CENTROID
  }

  /**
   * The points grouped by voxel: the points of voxel {@code v} are
   * {@code pointOrder[voxelStarts[v] .. voxelStarts[v + 1])}, in ascending index order.
   *
   * @param pointOrder indices of the finite points, grouped by voxel
   * @param voxelStarts {@code int[voxelCount + 1]} group starts
   */
  public record Assignment(int[] pointOrder, int[] voxelStarts) {
    /** Validates the layout. */
    public Assignment {
      Objects.requireNonNull(pointOrder, "pointOrder");
      Objects.requireNonNull(voxelStarts, "voxelStarts");
      if (voxelStarts.length == 0 || voxelStarts[voxelStarts.length - 1] != pointOrder.length) {
        throw new IllegalArgumentException("voxelStarts must end at pointOrder.length");
      }
    }

    /** Returns the number of occupied voxels. */
    public int voxelCount() {
      return voxelStarts.length - 1;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Assignment a
          && Arrays.equals(a.pointOrder, pointOrder)
          && Arrays.equals(a.voxelStarts, voxelStarts);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(pointOrder) + Arrays.hashCode(voxelStarts);
    }

    @Override
    public String toString() {
      return "Assignment[" + pointOrder.length + " points in " + voxelCount() + " voxels]";
    }
  }

  /**
   * Groups the finite points by voxel.
   *
   * @param xyz packed positions
   * @param n number of points
   * @param voxelSize edge length of a voxel, finite and {@code > 0}
   * @return the grouping
   */
  public static Assignment assign(float[] xyz, int n, float voxelSize) {
    Points.checkPacked(xyz, n, "xyz");
    if (!(voxelSize > 0) || Float.isInfinite(voxelSize)) {
      throw new IllegalArgumentException("voxelSize must be finite and > 0, got " + voxelSize);
    }
    double size = voxelSize;
    // pass 1: integer voxel coordinates and their range
    long minX = Long.MAX_VALUE, minY = Long.MAX_VALUE, minZ = Long.MAX_VALUE;
    long maxX = Long.MIN_VALUE, maxY = Long.MIN_VALUE, maxZ = Long.MIN_VALUE;
    int finite = 0;
    for (int i = 0; i < n; i++) {
      if (!Points.isFinite(xyz, i)) {
        continue;
      }
      finite++;
      long ix = cell(xyz[3 * i], size), iy = cell(xyz[3 * i + 1], size), iz = cell(xyz[3 * i + 2], size);
      minX = Math.min(minX, ix);
      maxX = Math.max(maxX, ix);
      minY = Math.min(minY, iy);
      maxY = Math.max(maxY, iy);
      minZ = Math.min(minZ, iz);
      maxZ = Math.max(maxZ, iz);
    }
    if (finite == 0) {
      return new Assignment(new int[0], new int[] {0});
    }
    long ny = maxY - minY + 1, nz = maxZ - minZ + 1, nx = maxX - minX + 1;
    if (nx <= 0 || ny <= 0 || nz <= 0 || overflows(nx, ny, nz)) {
      throw new IllegalArgumentException(
          "voxel size " + voxelSize + " is too small for the extent of the cloud: the grid would span "
              + nx + " x " + ny + " x " + nz + " voxels");
    }
    // pass 2: packed keys, in point order
    long[] keys = new long[finite];
    int[] order = new int[finite];
    for (int i = 0, j = 0; i < n; i++) {
      if (!Points.isFinite(xyz, i)) {
        continue;
      }
      long ix = cell(xyz[3 * i], size) - minX;
      long iy = cell(xyz[3 * i + 1], size) - minY;
      long iz = cell(xyz[3 * i + 2], size) - minZ;
      keys[j] = (ix * ny + iy) * nz + iz;
      order[j++] = i;
    }
    long maxKey = nx * ny * nz - 1;
    radixSort(keys, order, 64 - Long.numberOfLeadingZeros(maxKey));
    int voxels = 1;
    for (int j = 1; j < finite; j++) {
      if (keys[j] != keys[j - 1]) {
        voxels++;
      }
    }
    int[] starts = new int[voxels + 1];
    for (int j = 1, v = 1; j < finite; j++) {
      if (keys[j] != keys[j - 1]) {
        starts[v++] = j;
      }
    }
    starts[voxels] = finite;
    return new Assignment(order, starts);
  }

  /**
   * Returns the centroid of each occupied voxel, packed, in voxel order.
   *
   * @param xyz packed positions
   * @param n number of points
   * @param voxelSize voxel edge length
   * @return packed centroids {@code float[3V]}
   */
  public static float[] centroids(float[] xyz, int n, float voxelSize) {
    return centroids(xyz, assign(xyz, n, voxelSize));
  }

  /**
   * Returns, for each occupied voxel, the index of its point nearest to the voxel's centroid
   * (ties: the lowest index), in voxel order.
   *
   * @param xyz packed positions
   * @param n number of points
   * @param voxelSize voxel edge length
   * @return indices, one per occupied voxel
   */
  public static int[] nearestToCentroid(float[] xyz, int n, float voxelSize) {
    Assignment a = assign(xyz, n, voxelSize);
    float[] c = centroids(xyz, a);
    int[] order = a.pointOrder();
    int[] starts = a.voxelStarts();
    int[] out = new int[a.voxelCount()];
    for (int v = 0; v < out.length; v++) {
      float cx = c[3 * v], cy = c[3 * v + 1], cz = c[3 * v + 2];
      int best = order[starts[v]];
      float bestD = Float.POSITIVE_INFINITY;
      for (int j = starts[v]; j < starts[v + 1]; j++) {
        int p = order[j];
        float dx = xyz[3 * p] - cx, dy = xyz[3 * p + 1] - cy, dz = xyz[3 * p + 2] - cz;
        float d = dx * dx + dy * dy + dz * dz;
        if (d < bestD) {
          bestD = d;
          best = p;
        }
      }
      out[v] = best;
    }
    return out;
  }

  /**
   * Down-samples a cloud to voxel centroids with averaged channels ({@link Mode#CENTROID}).
   *
   * @param cloud the cloud
   * @param voxelSize voxel edge length
   * @return one point per occupied voxel
   */
  public static PointCloud downsample(PointCloud cloud, float voxelSize) {
    return downsample(cloud, voxelSize, Mode.CENTROID);
  }

  /**
   * Down-samples a cloud; the result is unorganized and keeps the viewpoint and origin.
   *
   * @param cloud the cloud
   * @param voxelSize voxel edge length
   * @param mode what each voxel becomes
   * @return one point per occupied voxel
   */
  public static PointCloud downsample(PointCloud cloud, float voxelSize, Mode mode) {
    float[] xyz = cloud.positions();
    int n = cloud.size();
    if (mode == Mode.NEAREST_TO_CENTROID) {
      return cloud.select(nearestToCentroid(xyz, n, voxelSize));
    }
    Assignment a = assign(xyz, n, voxelSize);
    double[] o = cloud.origin();
    PointCloud.Builder b =
        PointCloud.builder(centroids(xyz, a)).viewpoint(cloud.viewpoint()).origin(o[0], o[1], o[2]);
    for (Channel ch : cloud.channels().values()) {
      if (ch instanceof FloatChannel f) {
        b.channel(averaged(f, a));
      } else if (ch instanceof DoubleChannel d) {
        b.channel(averaged(d, a));
      } else {
        b.channel(majority((IntChannel) ch, a));
      }
    }
    return b.build();
  }

  // ------------------------------------------------------------------------------ internals

  private static long cell(float v, double size) {
    return (long) Math.floor(v / size);
  }

  private static boolean overflows(long nx, long ny, long nz) {
    long limit = 1L << 62;
    return nx > limit / ny || nx * ny > limit / nz;
  }

  private static float[] centroids(float[] xyz, Assignment a) {
    int[] order = a.pointOrder();
    int[] starts = a.voxelStarts();
    int voxels = a.voxelCount();
    float[] out = new float[3 * voxels];
    for (int v = 0; v < voxels; v++) {
      double sx = 0, sy = 0, sz = 0;
      for (int j = starts[v]; j < starts[v + 1]; j++) {
        int p = 3 * order[j];
        sx += xyz[p];
        sy += xyz[p + 1];
        sz += xyz[p + 2];
      }
      int count = starts[v + 1] - starts[v];
      out[3 * v] = (float) (sx / count);
      out[3 * v + 1] = (float) (sy / count);
      out[3 * v + 2] = (float) (sz / count);
    }
    return out;
  }

  private static FloatChannel averaged(FloatChannel ch, Assignment a) {
    int w = ch.width();
    float[] data = ch.toArray();
    int[] order = a.pointOrder();
    int[] starts = a.voxelStarts();
    int voxels = a.voxelCount();
    float[] out = new float[voxels * w];
    double[] sum = new double[w];
    for (int v = 0; v < voxels; v++) {
      Arrays.fill(sum, 0);
      for (int j = starts[v]; j < starts[v + 1]; j++) {
        int p = order[j] * w;
        for (int c = 0; c < w; c++) {
          sum[c] += data[p + c];
        }
      }
      int count = starts[v + 1] - starts[v];
      for (int c = 0; c < w; c++) {
        out[v * w + c] = (float) (sum[c] / count);
      }
      if (Channel.NORMALS.equals(ch.name())) {
        double len = Math.sqrt(sum[0] * sum[0] + sum[1] * sum[1] + sum[2] * sum[2]);
        if (len > 0) {
          for (int c = 0; c < 3; c++) {
            out[v * 3 + c] = (float) (sum[c] / len);
          }
        }
      }
    }
    return new FloatChannel(ch.name(), w, out);
  }

  private static DoubleChannel averaged(DoubleChannel ch, Assignment a) {
    int w = ch.width();
    double[] data = ch.toArray();
    int[] order = a.pointOrder();
    int[] starts = a.voxelStarts();
    int voxels = a.voxelCount();
    double[] out = new double[voxels * w];
    for (int v = 0; v < voxels; v++) {
      int count = starts[v + 1] - starts[v];
      for (int c = 0; c < w; c++) {
        double sum = 0;
        for (int j = starts[v]; j < starts[v + 1]; j++) {
          sum += data[order[j] * w + c];
        }
        out[v * w + c] = sum / count;
      }
    }
    return new DoubleChannel(ch.name(), w, out);
  }

  private static IntChannel majority(IntChannel ch, Assignment a) {
    int w = ch.width();
    int[] data = ch.toArray();
    int[] order = a.pointOrder();
    int[] starts = a.voxelStarts();
    int voxels = a.voxelCount();
    int[] out = new int[voxels * w];
    int[] values = new int[16];
    for (int v = 0; v < voxels; v++) {
      int count = starts[v + 1] - starts[v];
      if (values.length < count) {
        values = new int[Math.max(count, 2 * values.length)];
      }
      for (int c = 0; c < w; c++) {
        for (int j = 0; j < count; j++) {
          values[j] = data[order[starts[v] + j] * w + c];
        }
        Arrays.sort(values, 0, count);
        int best = values[0], bestRun = 0;
        for (int j = 0; j < count; ) {
          int e = j;
          while (e < count && values[e] == values[j]) {
            e++;
          }
          if (e - j > bestRun) { // strictly longer: ties keep the smaller value
            bestRun = e - j;
            best = values[j];
          }
          j = e;
        }
        out[v * w + c] = best;
      }
    }
    return new IntChannel(ch.name(), w, out);
  }

  /** Stable LSD radix sort of {@code keys} (non-negative, below {@code 2^bits}), carrying {@code order}. */
  static void radixSort(long[] keys, int[] order, int bits) {
    int n = keys.length;
    if (n < 2 || bits == 0) {
      return;
    }
    int passes = (bits + 10) / 11;
    int digitBits = (bits + passes - 1) / passes;
    int buckets = 1 << digitBits;
    int mask = buckets - 1;
    long[] k2 = new long[n];
    int[] o2 = new int[n];
    int[] count = new int[buckets];
    long[] srcK = keys, dstK = k2;
    int[] srcO = order, dstO = o2;
    for (int pass = 0, shift = 0; pass < passes; pass++, shift += digitBits) {
      Arrays.fill(count, 0);
      for (int i = 0; i < n; i++) {
        count[(int) (srcK[i] >>> shift) & mask]++;
      }
      for (int b = 0, sum = 0; b < buckets; b++) {
        int c = count[b];
        count[b] = sum;
        sum += c;
      }
      for (int i = 0; i < n; i++) {
        int pos = count[(int) (srcK[i] >>> shift) & mask]++;
        dstK[pos] = srcK[i];
        dstO[pos] = srcO[i];
      }
      long[] tk = srcK;
      srcK = dstK;
      dstK = tk;
      int[] to = srcO;
      srcO = dstO;
      dstO = to;
    }
    if (srcK != keys) {
      System.arraycopy(srcK, 0, keys, 0, n);
      System.arraycopy(srcO, 0, order, 0, n);
    }
  }
}

package org.pointea.pointcloud.sampling;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.pointea.pointcloud.Parallel;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.Points;

/**
 * Exact farthest-point sampling (FPS): starting from one point, repeatedly picks the point whose
 * distance to the points picked so far is largest (Eldar et al. 1997; the sampler of PointNet++,
 * <a href="https://arxiv.org/abs/1706.02413">arXiv:1706.02413</a>, and PCT).
 *
 * <p>Semantics, shared by every method:
 * <ul>
 *   <li>The default start is index 0, as in the PointNet++ / PCT CUDA kernels.</li>
 *   <li>Distances are squared Euclidean in float ({@code dx*dx + dy*dy + dz*dz}); among equally
 *       far points the lowest index wins; a picked point is never picked again, so for
 *       {@code m <= n} the indices are distinct even when points coincide.</li>
 *   <li><b>Fewer points than requested</b> ({@code m > n}): the first {@code n} entries are every
 *       point in FPS order, and the rest repeat that sequence from its start
 *       ({@code out[i] = out[i % n]}), so the output always has {@code m} entries.</li>
 *   <li>An empty cloud with {@code m > 0}, and any NaN or infinite coordinate, are rejected with
 *       {@link IllegalArgumentException} (call {@link PointCloud#removeNonFinite()} first).</li>
 * </ul>
 *
 * <p>Cost: O(N·M) time and O(N) scratch. The positions are transposed once per call into
 * per-thread column buffers (kept between calls for clouds up to 1M points), so in steady state
 * the caller-buffer kernel allocates nothing, and no step ever does. Thread-safe.
 *
 * <pre>{@code
 * int[] centres = FarthestPointSampler.sample(xyz, n, 512);          // start at 0
 * int[] batch = FarthestPointSampler.sampleBatch(xyzBnc, b, n, 512, 0); // B clouds on all cores
 * }</pre>
 */
public final class FarthestPointSampler {
  private FarthestPointSampler() {}

  /**
   * Samples {@code m} points starting at index 0.
   *
   * @param xyz packed positions
   * @param n number of points
   * @param m number of points to pick
   * @return {@code m} indices in pick order
   */
  public static int[] sample(float[] xyz, int n, int m) {
    return sample(xyz, n, m, 0);
  }

  /**
   * Samples {@code m} points from a given start index.
   *
   * @param xyz packed positions
   * @param n number of points
   * @param m number of points to pick
   * @param start first pick, in {@code [0, n)}
   * @return {@code m} indices in pick order
   */
  public static int[] sample(float[] xyz, int n, int m, int start) {
    Points.checkNonNegative(m, "m");
    int[] out = new int[m];
    sample(xyz, n, m, start, out, new float[Math.max(n, 0)]);
    return out;
  }

  /**
   * Samples {@code m} points from a start drawn uniformly from {@code [0, n)}.
   *
   * @param xyz packed positions
   * @param n number of points
   * @param m number of points to pick
   * @param rng source of the start index
   * @return {@code m} indices in pick order
   */
  public static int[] sample(float[] xyz, int n, int m, UniformRandomProvider rng) {
    if (n <= 0) {
      return sample(xyz, n, m, 0);
    }
    return sample(xyz, n, m, rng.nextInt(n));
  }

  /**
   * Samples {@code m} points from a seeded random start.
   *
   * @param xyz packed positions
   * @param n number of points
   * @param m number of points to pick
   * @param seed seed of the start index
   * @return {@code m} indices in pick order
   */
  public static int[] sampleRandomStart(float[] xyz, int n, int m, long seed) {
    return sample(xyz, n, m, RandomSource.XO_RO_SHI_RO_128_PP.create(seed));
  }

  /**
   * The allocation-free kernel: writes {@code m} indices into {@code out[0, m)}.
   *
   * @param xyz packed positions
   * @param n number of points
   * @param m number of points to pick
   * @param start first pick, in {@code [0, n)} (ignored when {@code m == 0})
   * @param out destination, at least {@code m} long
   * @param scratch work space, at least {@code n} long; overwritten
   */
  public static void sample(float[] xyz, int n, int m, int start, int[] out, float[] scratch) {
    check(xyz, n, m, start);
    Points.checkCapacity(out.length, m, "out");
    Points.checkCapacity(scratch.length, n, "scratch");
    Points.requireFinite(xyz, n, "xyz");
    run(xyz, 0, n, m, start, out, 0, scratch);
  }

  /**
   * Samples {@code m} points from each of {@code batch} clouds of {@code n} points, running the
   * clouds in parallel; every cloud starts at its index 0.
   *
   * @param xyz packed {@code [batch, n, 3]}
   * @param batch number of clouds
   * @param n points per cloud
   * @param m points to pick per cloud
   * @param threads thread count ({@link Parallel}: 0 = all processors)
   * @return {@code [batch, m]} indices, each local to its cloud
   */
  public static int[] sampleBatch(float[] xyz, int batch, int n, int m, int threads) {
    Points.checkNonNegative(batch, "batch");
    Points.checkNonNegative(m, "m");
    int[] out = new int[Math.multiplyExact(batch, m)];
    sampleBatch(xyz, batch, n, m, out, threads);
    return out;
  }

  /**
   * Batched form writing into a caller-owned {@code [batch, m]} buffer; each worker thread
   * allocates one {@code float[n]} scratch.
   *
   * @param xyz packed {@code [batch, n, 3]}
   * @param batch number of clouds
   * @param n points per cloud
   * @param m points to pick per cloud
   * @param out destination {@code [batch, m]}, indices local to each cloud
   * @param threads thread count ({@link Parallel}: 0 = all processors)
   */
  public static void sampleBatch(float[] xyz, int batch, int n, int m, int[] out, int threads) {
    Points.checkNonNegative(batch, "batch");
    Points.checkPacked(xyz, Math.multiplyExact(batch, Math.max(n, 0)), "xyz");
    if (batch > 0) {
      check(xyz, n, m, 0);
    }
    Points.checkCapacity(out.length, (long) batch * m, "out");
    Points.requireFinite(xyz, batch * n, "xyz");
    Parallel.forRange(
        batch,
        threads,
        1,
        (from, to) -> {
          float[] scratch = new float[n];
          for (int b = from; b < to; b++) {
            run(xyz, 3 * b * n, n, m, 0, out, b * m, scratch);
          }
        });
  }

  /**
   * Returns the cloud of {@code m} farthest points from index 0, with every channel gathered (the
   * equivalent of Open3D's {@code farthest_point_down_sample}).
   *
   * @param cloud the cloud
   * @param m number of points
   * @return the sampled cloud
   */
  public static PointCloud downsample(PointCloud cloud, int m) {
    float[] xyz = cloud.positions();
    return cloud.select(sample(xyz, cloud.size(), m));
  }

  private static void check(float[] xyz, int n, int m, int start) {
    Points.checkPacked(xyz, n, "xyz");
    Points.checkNonNegative(m, "m");
    if (m > 0) {
      if (n == 0) {
        throw new IllegalArgumentException("cannot sample " + m + " points from an empty cloud");
      }
      if (start < 0 || start >= n) {
        throw new IllegalArgumentException("start " + start + " is not in [0, " + n + ")");
      }
    }
  }

  /** The largest cloud whose transposed copy is kept per thread between calls (12 MiB). */
  static final int CACHED_POINTS = 1 << 20;

  private static final ThreadLocal<Columns> COLUMNS = ThreadLocal.withInitial(() -> new Columns(0));

  /** The positions as separate x, y and z arrays: the layout the JIT turns into SIMD code. */
  private static final class Columns {
    final float[] x;
    final float[] y;
    final float[] z;

    Columns(int n) {
      x = new float[n];
      y = new float[n];
      z = new float[n];
    }

    /**
     * Returns this thread's columns, at least {@code n} long. Columns up to {@link
     * #CACHED_POINTS} points are kept for the next call on the same thread; larger ones are
     * allocated per call (negligible next to the O(N·M) work).
     */
    static Columns forThread(int n) {
      Columns c = COLUMNS.get();
      if (c.x.length >= n) {
        return c;
      }
      Columns fresh = new Columns(n);
      if (n <= CACHED_POINTS) {
        COLUMNS.set(fresh);
      }
      return fresh;
    }
  }

  /**
   * The kernel over points {@code [base/3, base/3 + n)} of {@code xyz}; indices are local.
   *
   * <p>The positions are first transposed to x, y and z columns so that the per-step loop (update
   * the distance to the picked set, track the maximum) compiles to SIMD code; the argmax is then
   * found by a scan for the first index holding the maximum, which gives the lowest-index tie rule.
   */
  private static void run(
      float[] xyz, int base, int n, int m, int start, int[] out, int outOff, float[] dist) {
    if (m == 0) {
      return;
    }
    Columns c = Columns.forThread(n);
    float[] x = c.x;
    float[] y = c.y;
    float[] z = c.z;
    for (int i = 0; i < n; i++) {
      int o = base + 3 * i;
      x[i] = xyz[o];
      y[i] = xyz[o + 1];
      z[i] = xyz[o + 2];
    }
    int picks = Math.min(m, n);
    Arrays.fill(dist, 0, n, Float.POSITIVE_INFINITY);
    int last = start;
    out[outOff] = start;
    dist[start] = -1f; // picked: below every real distance, so never the maximum again
    for (int s = 1; s < picks; s++) {
      float best = update(x, y, z, n, last, dist);
      int pick = 0;
      while (dist[pick] != best) {
        pick++;
      }
      out[outOff + s] = pick;
      dist[pick] = -1f;
      last = pick;
    }
    for (int s = picks; s < m; s++) {
      out[outOff + s] = out[outOff + s - picks];
    }
  }

  /** Lowers each distance to the newly picked point and returns the largest distance left. */
  private static float update(float[] x, float[] y, float[] z, int n, int picked, float[] dist) {
    float px = x[picked];
    float py = y[picked];
    float pz = z[picked];
    float best = -1f;
    for (int i = 0; i < n; i++) {
      float dx = x[i] - px;
      float dy = y[i] - py;
      float dz = z[i] - pz;
      float c = Math.min(dist[i], dx * dx + dy * dy + dz * dz);
      dist[i] = c;
      best = Math.max(best, c);
    }
    return best;
  }
}

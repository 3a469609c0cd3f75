package org.pointea.pointcloud.segmentation;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.pointea.pointcloud.Parallel;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.Points;
import org.pointea.pointcloud.RandomStreams;

/**
 * RANSAC plane segmentation (Fischler and Bolles, "Random sample consensus", CACM 1981) with
 * Open3D 0.16's {@code segment_plane(distance_threshold, ransac_n, num_iterations, probability)}
 * semantics, seeded:
 * <ul>
 *   <li>each hypothesis is the plane through {@code ransacN} distinct random points (three: their
 *       triangle's plane; more: Open3D's least-squares fit); collinear samples are skipped;</li>
 *   <li>a point is an inlier when its distance is strictly below the threshold; the best
 *       hypothesis has the most inliers, ties going to the lower sum of inlier distances;</li>
 *   <li>the search stops early once {@code log(1 - probability) / log(1 - fitness^ransacN)}
 *       hypotheses have been evaluated (with the default probability, 0.99999999, after a few
 *       hundred for a plane holding half the points);</li>
 *   <li>the inliers of the best hypothesis are returned, and the plane is refitted to them by
 *       least squares (Open3D's {@code GetPlaneFromPoints}).</li>
 * </ul>
 * Open3D draws from a global generator shared by its threads, so its result varies from run to
 * run; this one depends only on the seed, not on the thread count. Hypotheses are evaluated in
 * parallel in fixed blocks, each abandoned as soon as it cannot beat the best so far. Points with
 * a NaN or infinite coordinate are never sampled nor inliers (they count in the fitness's
 * denominator, as in Open3D).
 *
 * <pre>{@code
 * PlaneFit floor = PlaneSegmentation.of(0.01, 3, 1000).segment(xyz, n, 42, 0);
 * int[] rest = Indices.complement(floor.inliers(), n);
 * }</pre>
 *
 * @param distanceThreshold inlier distance, positive
 * @param ransacN points per hypothesis, at least 3
 * @param iterations hypotheses to draw, at least 1
 * @param probability confidence for the early stop, in (0, 1]; 1 never stops early
 */
public record PlaneSegmentation(double distanceThreshold, int ransacN, int iterations,
    double probability) {

  /** Open3D's default confidence for the early stop. */
  public static final double DEFAULT_PROBABILITY = 0.99999999;

  /** Hypotheses evaluated together; fixed, so results do not depend on the thread count. */
  private static final int BLOCK = 16;

  /** Validates the parameters. */
  public PlaneSegmentation {
    if (!(distanceThreshold > 0) || Double.isInfinite(distanceThreshold)) {
      throw new IllegalArgumentException("distanceThreshold must be positive and finite, got "
          + distanceThreshold);
    }
    if (ransacN < 3) {
      throw new IllegalArgumentException("ransacN must be >= 3, got " + ransacN);
    }
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
    }
    if (!(probability > 0 && probability <= 1)) {
      throw new IllegalArgumentException("probability must be in (0, 1], got " + probability);
    }
  }

  /**
   * Returns Open3D's {@code segment_plane(distance_threshold, ransac_n, num_iterations)} with the
   * default probability.
   *
   * @param distanceThreshold inlier distance
   * @param ransacN points per hypothesis
   * @param iterations hypotheses to draw
   * @return the segmentation
   */
  public static PlaneSegmentation of(double distanceThreshold, int ransacN, int iterations) {
    return new PlaneSegmentation(distanceThreshold, ransacN, iterations, DEFAULT_PROBABILITY);
  }

  /**
   * Finds the dominant plane of a cloud.
   *
   * @param cloud the cloud
   * @param seed random seed
   * @return the plane and its inliers
   */
  public PlaneFit segment(PointCloud cloud, long seed) {
    return segment(cloud.positions(), cloud.size(), seed, 0);
  }

  /**
   * Finds the dominant plane of {@code n} packed points.
   *
   * @param xyz packed positions
   * @param n number of points
   * @param seed random seed
   * @param threads thread count ({@link Parallel}: 0 = all processors)
   * @return the plane and its inliers
   */
  public PlaneFit segment(float[] xyz, int n, long seed, int threads) {
    return segment(xyz, n, RandomStreams.of(seed), threads);
  }

  /**
   * Finds the dominant plane of {@code n} packed points, drawing from {@code rng}.
   *
   * @param xyz packed positions
   * @param n number of points
   * @param rng the random source (used on the calling thread only)
   * @param threads thread count ({@link Parallel})
   * @return the plane and its inliers; empty when there are fewer than {@code ransacN} finite
   *     points or every sample was collinear
   */
  public PlaneFit segment(float[] xyz, int n, UniformRandomProvider rng, int threads) {
    Points.checkPacked(xyz, n, "xyz");
    int[] finite = finiteIndices(xyz, n);
    int m = finite.length;
    if (m < ransacN) {
      return new PlaneFit(0, 0, 0, 0, new int[0], 0, 0, 0);
    }
    int[] samples = draw(rng, m);
    double[] best = null;
    int bestCount = 0;
    double bestError = 0;
    double breakIteration = Double.POSITIVE_INFINITY;
    int evaluated = 0;
    double[][] planes = new double[BLOCK][];
    int[] counts = new int[BLOCK];
    double[] errors = new double[BLOCK];
    search:
    for (int start = 0; start < iterations; start += BLOCK) {
      int size = Math.min(BLOCK, iterations - start);
      int blockStart = start;
      int floor = bestCount; // hypotheses that cannot reach it are abandoned
      Parallel.forRange(size, threads, 1, (from, to) -> {
        double[] scratch = new double[ransacN * 3];
        for (int h = from; h < to; h++) {
          double[] plane = hypothesis(xyz, finite, samples, (blockStart + h) * ransacN, scratch);
          planes[h] = plane;
          if (plane != null) {
            evaluate(xyz, finite, plane, floor, counts, errors, h);
          }
        }
      });
      for (int h = 0; h < size; h++) {
        if (evaluated > breakIteration) {
          break search;
        }
        if (planes[h] == null) {
          continue;
        }
        evaluated++;
        // Open3D compares fitness, then inlier_rmse = error / sqrt(count): both follow the count
        int count = counts[h];
        if (count > bestCount || (count == bestCount && count > 0 && errors[h] < bestError)) {
          best = planes[h];
          bestCount = count;
          bestError = errors[h];
          double fitness = (double) count / n;
          breakIteration = fitness < 1 ? stopAfter(fitness) : 0;
        }
      }
    }
    if (best == null) {
      return new PlaneFit(0, 0, 0, 0, new int[0], 0, 0, evaluated);
    }
    int[] inliers = inliersOf(xyz, finite, best);
    double[] refined = fitPlane(xyz, inliers, inliers.length);
    if (refined == null) {
      refined = best;
    }
    double sq = 0;
    for (int i : inliers) {
      double r = refined[0] * xyz[3 * i] + refined[1] * xyz[3 * i + 1]
          + refined[2] * xyz[3 * i + 2] + refined[3];
      sq += r * r;
    }
    return new PlaneFit(refined[0], refined[1], refined[2], refined[3], inliers,
        (double) inliers.length / n, Math.sqrt(sq / inliers.length), evaluated);
  }

  /**
   * Returns Open3D's bound on the hypotheses worth evaluating once a plane of this fitness is
   * known, at most {@code iterations}; when {@code fitness^ransacN} vanishes against 1 (Open3D
   * then computes a meaningless bound and never stops early) no bound.
   */
  private double stopAfter(double fitness) {
    double bound = Math.log(1 - probability) / Math.log(1 - Math.pow(fitness, ransacN));
    return bound >= 0 ? Math.min(bound, iterations) : iterations;
  }

  /** Draws the samples of every hypothesis up front: distinct positions in {@code [0, m)}. */
  private int[] draw(UniformRandomProvider rng, int m) {
    int[] s = new int[iterations * ransacN];
    for (int it = 0; it < iterations; it++) {
      int base = it * ransacN;
      for (int j = 0; j < ransacN; j++) {
        int pick;
        boolean repeat;
        do {
          pick = rng.nextInt(m);
          repeat = false;
          for (int q = 0; q < j; q++) {
            repeat |= s[base + q] == pick;
          }
        } while (repeat);
        s[base + j] = pick;
      }
    }
    return s;
  }

  /** Returns the plane through one hypothesis's sample, or null when it is degenerate. */
  private double[] hypothesis(float[] xyz, int[] finite, int[] samples, int at, double[] scratch) {
    if (ransacN == 3) {
      int p0 = 3 * finite[samples[at]];
      int p1 = 3 * finite[samples[at + 1]];
      int p2 = 3 * finite[samples[at + 2]];
      return trianglePlane(xyz[p0], xyz[p0 + 1], xyz[p0 + 2], xyz[p1], xyz[p1 + 1], xyz[p1 + 2],
          xyz[p2], xyz[p2 + 1], xyz[p2 + 2]);
    }
    int[] idx = new int[ransacN];
    for (int j = 0; j < ransacN; j++) {
      idx[j] = finite[samples[at + j]];
    }
    return fitPlane(xyz, idx, ransacN);
  }

  /** Counts the inliers of a plane and sums their distances, giving up below {@code floor}. */
  private void evaluate(float[] xyz, int[] finite, double[] plane, int floor, int[] counts,
      double[] errors, int slot) {
    double a = plane[0], b = plane[1], c = plane[2], d = plane[3];
    double t = distanceThreshold;
    int m = finite.length;
    int count = 0;
    double error = 0;
    final int step = 4096;
    for (int start = 0; start < m; start += step) {
      int end = Math.min(m, start + step);
      for (int j = start; j < end; j++) {
        int o = 3 * finite[j];
        double dist = Math.abs(a * xyz[o] + b * xyz[o + 1] + c * xyz[o + 2] + d);
        if (dist < t) {
          count++;
          error += dist;
        }
      }
      if (count + (m - end) < floor) {
        break; // cannot reach the best so far: strictly worse whatever the rest holds
      }
    }
    counts[slot] = count;
    errors[slot] = error;
  }

  private int[] inliersOf(float[] xyz, int[] finite, double[] plane) {
    int[] out = new int[finite.length];
    int count = 0;
    for (int i : finite) {
      int o = 3 * i;
      double dist = Math.abs(plane[0] * xyz[o] + plane[1] * xyz[o + 1] + plane[2] * xyz[o + 2]
          + plane[3]);
      if (dist < distanceThreshold) {
        out[count++] = i;
      }
    }
    return Arrays.copyOf(out, count);
  }

  /** Open3D's {@code ComputeTrianglePlane}: the unit normal of the triangle, or null. */
  static double[] trianglePlane(double x0, double y0, double z0, double x1, double y1, double z1,
      double x2, double y2, double z2) {
    double ex = x1 - x0, ey = y1 - y0, ez = z1 - z0;
    double fx = x2 - x0, fy = y2 - y0, fz = z2 - z0;
    double a = ey * fz - ez * fy;
    double b = ez * fx - ex * fz;
    double c = ex * fy - ey * fx;
    double norm = Math.sqrt(a * a + b * b + c * c);
    if (norm == 0) {
      return null;
    }
    a /= norm;
    b /= norm;
    c /= norm;
    return new double[] {a, b, c, -(a * x0 + b * y0 + c * z0)};
  }

  /**
   * Open3D's {@code GetPlaneFromPoints}: the least-squares plane through the centroid, its
   * normal from the largest of the covariance's 2x2 minors, or null when the points span no plane.
   */
  static double[] fitPlane(float[] xyz, int[] idx, int count) {
    if (count == 0) {
      return null;
    }
    double cx = 0, cy = 0, cz = 0;
    for (int j = 0; j < count; j++) {
      int o = 3 * idx[j];
      cx += xyz[o];
      cy += xyz[o + 1];
      cz += xyz[o + 2];
    }
    cx /= count;
    cy /= count;
    cz /= count;
    double xx = 0, xy = 0, xz = 0, yy = 0, yz = 0, zz = 0;
    for (int j = 0; j < count; j++) {
      int o = 3 * idx[j];
      double rx = xyz[o] - cx, ry = xyz[o + 1] - cy, rz = xyz[o + 2] - cz;
      xx += rx * rx;
      xy += rx * ry;
      xz += rx * rz;
      yy += ry * ry;
      yz += ry * rz;
      zz += rz * rz;
    }
    double detX = yy * zz - yz * yz;
    double detY = xx * zz - xz * xz;
    double detZ = xx * yy - xy * xy;
    double a, b, c;
    if (detX > detY && detX > detZ) {
      a = detX;
      b = xz * yz - xy * zz;
      c = xy * yz - xz * yy;
    } else if (detY > detZ) {
      a = xz * yz - xy * zz;
      b = detY;
      c = xy * xz - yz * xx;
    } else {
      a = xy * yz - xz * yy;
      b = xy * xz - yz * xx;
      c = detZ;
    }
    double norm = Math.sqrt(a * a + b * b + c * c);
    if (norm == 0 || Double.isNaN(norm)) {
      return null;
    }
    a /= norm;
    b /= norm;
    c /= norm;
    return new double[] {a, b, c, -(a * cx + b * cy + c * cz)};
  }

  private static int[] finiteIndices(float[] xyz, int n) {
    int[] out = new int[n];
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (Points.isFinite(xyz, i)) {
        out[m++] = i;
      }
    }
    return m == n ? out : Arrays.copyOf(out, m);
  }

  @Override
  public String toString() {
    return "PlaneSegmentation(distance_threshold=" + distanceThreshold + ", ransac_n=" + ransacN
        + ", num_iterations=" + iterations + ", probability=" + probability + ")";
  }
}

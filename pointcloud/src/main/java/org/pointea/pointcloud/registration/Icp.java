package org.pointea.pointcloud.registration;

import java.util.Arrays;
import java.util.Objects;
import org.pointea.pointcloud.Parallel;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.Points;
import org.pointea.pointcloud.neighbors.KdTree;
import org.pointea.pointcloud.neighbors.RadiusRule;
import org.pointea.pointcloud.neighbors.RadiusSearch;

/**
 * Iterative closest point registration (Besl and McKay, "A method for registration of 3-D
 * shapes", PAMI 1992) with Open3D 0.16's {@code registration_icp} semantics: point-to-point or
 * point-to-plane ({@link IcpMethod}), correspondences to the nearest target point strictly within
 * {@code maxCorrespondenceDistance} (double arithmetic, {@link RadiusRule#OPEN3D}), and Open3D's
 * {@code ICPConvergenceCriteria}: at most {@code maxIterations} updates, stopping once both the
 * fitness and the inlier RMSE change by less than {@code relativeFitness} and {@code
 * relativeRmse} (absolute changes, despite the names, as in Open3D).
 *
 * <p>Each iteration: find the correspondences of the source under the current transformation,
 * solve for the update that best aligns them, apply it. The source is kept in double, as Open3D
 * keeps it. Source points with a NaN or infinite coordinate have no correspondence and count in
 * the fitness's denominator; for point-to-plane, correspondences whose target normal is not
 * finite are left out of the step.
 *
 * <pre>{@code
 * Icp icp = Icp.builder().setMaxCorrespondenceDistance(0.02)
 *     .optMethod(IcpMethod.POINT_TO_PLANE).build();
 * RegistrationResult r = icp.register(source, target, Transforms.identity());
 * float[] aligned = Transforms.apply(r.transformation(), source.positions(), source.size());
 * }</pre>
 */
public final class Icp {
  private final double maxCorrespondenceDistance;
  private final IcpMethod method;
  private final int maxIterations;
  private final double relativeFitness;
  private final double relativeRmse;

  private Icp(Builder b) {
    this.maxCorrespondenceDistance = b.maxCorrespondenceDistance;
    this.method = b.method;
    this.maxIterations = b.maxIterations;
    this.relativeFitness = b.relativeFitness;
    this.relativeRmse = b.relativeRmse;
  }

  /** Starts a configuration with Open3D's defaults (point-to-point, 30 iterations, 1e-6, 1e-6). */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the maximum correspondence distance. */
  public double maxCorrespondenceDistance() {
    return maxCorrespondenceDistance;
  }

  /** Returns the error minimised. */
  public IcpMethod method() {
    return method;
  }

  /** Returns the maximum number of updates. */
  public int maxIterations() {
    return maxIterations;
  }

  /** Returns the fitness change below which the iteration may stop. */
  public double relativeFitness() {
    return relativeFitness;
  }

  /** Returns the RMSE change below which the iteration may stop. */
  public double relativeRmse() {
    return relativeRmse;
  }

  /**
   * Registers a source cloud to a target cloud.
   *
   * @param source the cloud to move
   * @param target the fixed cloud (with normals for point-to-plane)
   * @param init initial transformation, row-major 4x4
   * @return the result
   */
  public RegistrationResult register(PointCloud source, PointCloud target, double[] init) {
    float[] normals = target.hasNormals() ? target.normals() : null;
    return register(source.positions(), source.size(), target.positions(), target.size(),
        normals, init, 0);
  }

  /**
   * Registers {@code n} packed source points to {@code m} packed target points.
   *
   * @param source packed source positions
   * @param n source points
   * @param target packed target positions
   * @param m target points
   * @param targetNormals packed target normals (point-to-plane), or null
   * @param init initial transformation, row-major 4x4
   * @param threads thread count ({@link Parallel}: 0 = all processors)
   * @return the result
   */
  public RegistrationResult register(float[] source, int n, float[] target, int m,
      float[] targetNormals, double[] init, int threads) {
    Points.checkPacked(target, m, "target");
    return register(source, n, target, KdTree.build(target, m, KdTree.DEFAULT_LEAF_SIZE, threads),
        targetNormals, init, threads);
  }

  /**
   * Registers {@code n} packed source points to a target with a prebuilt tree (to register many
   * sources to one target).
   *
   * @param source packed source positions
   * @param n source points
   * @param target packed target positions
   * @param targetTree a tree over the target
   * @param targetNormals packed target normals (point-to-plane), or null
   * @param init initial transformation, row-major 4x4
   * @param threads thread count ({@link Parallel})
   * @return the result
   */
  public RegistrationResult register(float[] source, int n, float[] target, KdTree targetTree,
      float[] targetNormals, double[] init, int threads) {
    Points.checkPacked(source, n, "source");
    int m = targetTree.size();
    Points.checkPacked(target, m, "target");
    Transforms.requireRigid(init);
    if (method == IcpMethod.POINT_TO_PLANE) {
      if (targetNormals == null) {
        throw new IllegalArgumentException("point-to-plane ICP needs the target's normals;"
            + " estimate them first (NormalEstimator)");
      }
      Points.checkPacked(targetNormals, m, "targetNormals");
    }
    RadiusSearch search =
        new RadiusSearch(targetTree, target, RadiusRule.OPEN3D, maxCorrespondenceDistance);
    double[] current = new double[3 * n];
    transform(init, source, n, current);
    double[] transformation = init.clone();
    Scratch scratch = new Scratch(n);
    int[] corr = scratch.corr;
    Step step = correspond(current, n, search, target, scratch, threads);
    int iterations = 0;
    for (int i = 0; i < maxIterations; i++) {
      double[] update = method == IcpMethod.POINT_TO_POINT
          ? PointToPoint.solve(current, target, corr, n)
          : PointToPlane.solve(current, target, targetNormals, corr, n);
      transformation = Transforms.multiply(update, transformation);
      transform(update, current, n, current);
      iterations++;
      Step previous = step;
      step = correspond(current, n, search, target, scratch, threads);
      if (Math.abs(previous.fitness - step.fitness) < relativeFitness
          && Math.abs(previous.rmse - step.rmse) < relativeRmse) {
        break;
      }
    }
    return new RegistrationResult(transformation, step.fitness, step.rmse, pairs(corr, n),
        iterations);
  }

  /**
   * Evaluates a transformation without moving it, as Open3D's {@code evaluate_registration}.
   *
   * @param source packed source positions
   * @param n source points
   * @param target packed target positions
   * @param m target points
   * @param transformation row-major 4x4 applied to the source
   * @param threads thread count ({@link Parallel})
   * @return fitness, inlier RMSE and correspondences, with 0 iterations
   */
  public RegistrationResult evaluate(float[] source, int n, float[] target, int m,
      double[] transformation, int threads) {
    Points.checkPacked(source, n, "source");
    Points.checkPacked(target, m, "target");
    Transforms.check(transformation);
    KdTree tree = KdTree.build(target, m, KdTree.DEFAULT_LEAF_SIZE, threads);
    RadiusSearch search =
        new RadiusSearch(tree, target, RadiusRule.OPEN3D, maxCorrespondenceDistance);
    double[] current = new double[3 * n];
    transform(transformation, source, n, current);
    Scratch scratch = new Scratch(n);
    Step step = correspond(current, n, search, target, scratch, threads);
    return new RegistrationResult(transformation, step.fitness, step.rmse, pairs(scratch.corr, n),
        0);
  }

  /** Fitness and inlier RMSE of one correspondence search. */
  private record Step(double fitness, double rmse) {}

  /** Finds each source point's correspondence ({@code -1}: none) and its squared distance. */
  private static Step correspond(double[] src, int n, RadiusSearch search, float[] target,
      Scratch s, int threads) {
    search.nearest(src, n, s.queries, s.corr, threads); // the previous answers are the hints
    int count = 0;
    double error2 = 0;
    int[] corr = s.corr;
    for (int i = 0; i < n; i++) {
      int j = corr[i];
      if (j >= 0) {
        double dx = src[3 * i] - target[3 * j];
        double dy = src[3 * i + 1] - target[3 * j + 1];
        double dz = src[3 * i + 2] - target[3 * j + 2];
        count++;
        error2 += dx * dx + dy * dy + dz * dz;
      }
    }
    return count == 0 ? new Step(0, 0) : new Step((double) count / n, Math.sqrt(error2 / count));
  }

  /** Buffers reused by every correspondence search of one registration. */
  private static final class Scratch {
    final int[] corr;
    final float[] queries;

    Scratch(int n) {
      corr = new int[n];
      java.util.Arrays.fill(corr, -1);
      queries = new float[3 * n];
    }
  }

  private static int[] pairs(int[] corr, int n) {
    int[] out = new int[2 * n];
    int c = 0;
    for (int i = 0; i < n; i++) {
      if (corr[i] >= 0) {
        out[c++] = i;
        out[c++] = corr[i];
      }
    }
    return Arrays.copyOf(out, c);
  }

  /** Applies a transformation to packed points, in double, into {@code out} (may alias). */
  private static void transform(double[] m, float[] xyz, int n, double[] out) {
    for (int i = 0; i < n; i++) {
      int o = 3 * i;
      double x = xyz[o], y = xyz[o + 1], z = xyz[o + 2];
      out[o] = m[0] * x + m[1] * y + m[2] * z + m[3];
      out[o + 1] = m[4] * x + m[5] * y + m[6] * z + m[7];
      out[o + 2] = m[8] * x + m[9] * y + m[10] * z + m[11];
    }
  }

  private static void transform(double[] m, double[] xyz, int n, double[] out) {
    for (int i = 0; i < n; i++) {
      int o = 3 * i;
      double x = xyz[o], y = xyz[o + 1], z = xyz[o + 2];
      out[o] = m[0] * x + m[1] * y + m[2] * z + m[3];
      out[o + 1] = m[4] * x + m[5] * y + m[6] * z + m[7];
      out[o + 2] = m[8] * x + m[9] * y + m[10] * z + m[11];
    }
  }

  @Override
  public String toString() {
    return "Icp(" + method.name().toLowerCase(java.util.Locale.ROOT) + ", max_distance="
        + maxCorrespondenceDistance + ", max_iteration=" + maxIterations + ", relative_fitness="
        + relativeFitness + ", relative_rmse=" + relativeRmse + ")";
  }

  /** Builds an {@link Icp}: {@code setX} for required values, {@code optX} for optional ones. */
  public static final class Builder {
    private double maxCorrespondenceDistance = Double.NaN;
    private IcpMethod method = IcpMethod.POINT_TO_POINT;
    private int maxIterations = 30;
    private double relativeFitness = 1e-6;
    private double relativeRmse = 1e-6;

    private Builder() {}

    /**
     * Sets the distance beyond which points do not correspond (required).
     *
     * @param distance positive and finite
     * @return this
     */
    public Builder setMaxCorrespondenceDistance(double distance) {
      this.maxCorrespondenceDistance = distance;
      return this;
    }

    /**
     * Sets the error minimised (default point-to-point).
     *
     * @param method the method
     * @return this
     */
    public Builder optMethod(IcpMethod method) {
      this.method = Objects.requireNonNull(method, "method");
      return this;
    }

    /**
     * Sets the maximum number of updates (default 30, Open3D's {@code max_iteration}).
     *
     * @param iterations at least 0
     * @return this
     */
    public Builder optMaxIterations(int iterations) {
      this.maxIterations = iterations;
      return this;
    }

    /**
     * Sets the fitness change that may stop the iteration (default 1e-6).
     *
     * @param change at least 0
     * @return this
     */
    public Builder optRelativeFitness(double change) {
      this.relativeFitness = change;
      return this;
    }

    /**
     * Sets the RMSE change that may stop the iteration (default 1e-6).
     *
     * @param change at least 0
     * @return this
     */
    public Builder optRelativeRmse(double change) {
      this.relativeRmse = change;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the configuration
     * @throws IllegalArgumentException naming the invalid value
     */
    public Icp build() {
      if (!(maxCorrespondenceDistance > 0) || Double.isInfinite(maxCorrespondenceDistance)) {
        throw new IllegalArgumentException("maxCorrespondenceDistance must be positive and finite,"
            + " got " + maxCorrespondenceDistance);
      }
      if (maxIterations < 0) {
        throw new IllegalArgumentException("maxIterations must be >= 0, got " + maxIterations);
      }
      if (!(relativeFitness >= 0) || !(relativeRmse >= 0)) {
        throw new IllegalArgumentException("relative changes must be >= 0, got "
            + relativeFitness + ", " + relativeRmse);
      }
      return new Icp(this);
    }
  }
}

package org.pointea.tools.demo;

import java.util.Locale;
import java.util.function.Supplier;
import org.apache.commons.rng.UniformRandomProvider;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.RandomStreams;
import org.pointea.pointcloud.TriangleMesh;
import org.pointea.pointcloud.grouping.Grouped;
import org.pointea.pointcloud.grouping.PctGrouping;
import org.pointea.pointcloud.neighbors.KdTree;
import org.pointea.pointcloud.neighbors.KnnSearch;
import org.pointea.pointcloud.normals.Neighborhood;
import org.pointea.pointcloud.normals.NormalEstimator;
import org.pointea.pointcloud.sampling.FarthestPointSampler;
import org.pointea.pointcloud.sampling.MeshSampler;
import org.pointea.pointcloud.sampling.VoxelGrid;
import org.pointea.pointcloud.transform.Compose;
import org.pointea.pointcloud.transform.NormalizeToUnitSphere;
import org.pointea.pointcloud.transform.PointTransform;
import org.pointea.pointcloud.transform.RandomDropout;
import org.pointea.pointcloud.transform.RandomScale;
import org.pointea.pointcloud.transform.RandomTranslate;
import org.pointea.pointcloud.transform.Shuffle;

/**
 * A tour of the point-cloud core on a generated scene (a cube and a floor sampled from meshes, a
 * sphere sampled analytically), printing counts, timings and a self-check per step: the
 * {@code pointea demo} command.
 */
public final class CoreDemo {
  private CoreDemo() {}

  /**
   * The demo's printed report and whether every check passed.
   *
   * @param text the report, one line per step
   * @param passed checks passed
   * @param total checks run
   */
  public record Report(String text, int passed, int total) {
    /** Returns true when every check passed. */
    public boolean allPassed() {
      return passed == total;
    }
  }

  private static final class Log {
    final StringBuilder sb = new StringBuilder();
    int passed;
    int total;

    <T> T step(String what, Supplier<T> work) {
      long t = System.nanoTime();
      T result = work.get();
      line("%-44s %9.1f ms", what, (System.nanoTime() - t) / 1e6);
      return result;
    }

    void check(boolean ok, String format, Object... args) {
      total++;
      if (ok) {
        passed++;
      }
      line("  %s  " + format, concat(ok ? "ok  " : "FAIL", args));
    }

    void line(String format, Object... args) {
      sb.append(String.format(Locale.ROOT, format, args)).append(System.lineSeparator());
    }

    private static Object[] concat(Object first, Object[] rest) {
      Object[] all = new Object[rest.length + 1];
      all[0] = first;
      System.arraycopy(rest, 0, all, 1, rest.length);
      return all;
    }
  }

  /**
   * Runs the demo.
   *
   * @param points points in the scene, at least 1024
   * @param seed random seed
   * @return the report
   */
  public static Report run(int points, long seed) {
    Log log = new Log();
    log.line("pointea demo: the point-cloud core on a generated scene (%d points, seed %d)", points, seed);
    log.line("timings are single first runs (JIT not warmed up); see 'pointea bench core' for speed");
    log.line("");

    PointCloud scene = log.step("generate scene (mesh + analytic sampling)", () -> scene(points, seed));
    int[] labels = scene.labels();
    int[] perLabel = new int[3];
    for (int l : labels) {
      perLabel[l]++;
    }
    log.line("  %d points: cube %d, sphere %d, floor %d; %s", scene.size(), perLabel[0], perLabel[1],
        perLabel[2], scene.bounds());

    PointCloud unit = log.step("normalize to the unit sphere", () -> new NormalizeToUnitSphere().apply(scene, 0));
    float[] xyz = unit.positions();
    int n = unit.size();
    double maxNorm = 0;
    for (int i = 0; i < n; i++) {
      maxNorm = Math.max(maxNorm, Math.sqrt(xyz[3 * i] * xyz[3 * i] + xyz[3 * i + 1] * xyz[3 * i + 1] + xyz[3 * i + 2] * xyz[3 * i + 2]));
    }
    log.check(Math.abs(maxNorm - 1) < 1e-5, "farthest point at distance %.6f", maxNorm);

    int m = 1024;
    int[] fps = log.step("farthest-point sampling " + n + " -> " + m, () -> FarthestPointSampler.sample(xyz, n, m));
    float[] centres = unit.select(fps).positions();
    // FPS covers the cloud: every point lies within the last pick's distance of some pick
    float lastSpacing = Float.POSITIVE_INFINITY;
    for (int j = 0; j < m - 1; j++) {
      lastSpacing = Math.min(lastSpacing, dist2(centres, m - 1, centres, j));
    }
    KdTree centreTree = KdTree.build(centres, m);
    int[] one = new int[1];
    float[] oneD = new float[1];
    float covering = 0;
    for (int i = 0; i < n; i++) {
      centreTree.knn(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2], 1, one, oneD, 0);
      covering = Math.max(covering, oneD[0]);
    }
    log.check(distinct(fps) && covering <= lastSpacing,
        "%d distinct picks; covering radius %.4f <= final spacing %.4f", m, Math.sqrt(covering), Math.sqrt(lastSpacing));

    float voxel = 0.05f;
    float[] cents = log.step("voxel grid " + voxel + " (centroids)", () -> VoxelGrid.centroids(xyz, n, voxel));
    int[] kept = VoxelGrid.nearestToCentroid(xyz, n, voxel);
    log.check(cents.length / 3 == kept.length && kept.length < n,
        "%d occupied voxels (%.1f points each); nearest-to-centroid keeps %d original points",
        kept.length, n / (double) kept.length, kept.length);

    int k = 16;
    int[] idx = new int[m * k];
    float[] d2 = new float[m * k];
    log.step("kNN k=" + k + " for the " + m + " FPS centres", () -> {
      KnnSearch.knn(xyz, n, centres, m, k, idx, d2);
      return null;
    });
    boolean self = true;
    for (int i = 0; i < m; i++) {
      self &= idx[i * k] == fps[i] && d2[i * k] == 0f;
    }
    log.check(self, "each centre is its own nearest neighbour (PCT semantics)");

    float[] normals = log.step("normals (PCA, kNN 20, all cores)", () ->
        NormalEstimator.estimate(xyz, n, Neighborhood.knn(20), null, 0));
    // on the sphere the normal must be radial: find its centre as the sphere points' mean
    double[] c = new double[3];
    int sphere = 0;
    for (int i = 0; i < n; i++) {
      if (labels[i] == 1) {
        for (int a = 0; a < 3; a++) {
          c[a] += xyz[3 * i + a];
        }
        sphere++;
      }
    }
    int radial = 0;
    for (int i = 0; i < n; i++) {
      if (labels[i] == 1) {
        double rx = xyz[3 * i] - c[0] / sphere, ry = xyz[3 * i + 1] - c[1] / sphere, rz = xyz[3 * i + 2] - c[2] / sphere;
        double len = Math.sqrt(rx * rx + ry * ry + rz * rz);
        double dot = Math.abs(rx * normals[3 * i] + ry * normals[3 * i + 1] + rz * normals[3 * i + 2]) / len;
        if (dot > 0.95) {
          radial++;
        }
      }
    }
    log.check(radial >= 0.95 * sphere, "%.1f %% of sphere normals within 18 degrees of radial", 100.0 * radial / sphere);

    PointTransform train = Compose.of(RandomDropout.pct(), RandomScale.pct(), RandomTranslate.pct(), new Shuffle());
    int[] ids = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = i;
    }
    PointCloud tagged = unit.toBuilder().intChannel("id", 1, ids).build();
    UniformRandomProvider rng = RandomStreams.of(seed, 0, 0);
    PointCloud augmented = log.step("augment (PCT training recipe)", () -> train.apply(tagged, rng));
    log.line("  %s", train);
    int[] outIds = augmented.intChannel("id").toArray();
    int[] outLabels = augmented.labels();
    boolean aligned = augmented.size() == n;
    for (int j = 0; j < augmented.size(); j++) {
      aligned &= outLabels[j] == labels[outIds[j]];
    }
    boolean reproducible = train.apply(tagged, RandomStreams.of(seed, 0, 0)).equals(augmented);
    log.check(aligned && reproducible, "%d points, labels follow their points, same stream -> same output", augmented.size());

    Grouped g = log.step("PCT sample-and-group 512 x 32 (normals as features)", () ->
        PctGrouping.sampleAndGroup(xyz, unit.normals(), n, 3, 512, 32));
    log.check(g.m() == 512 && g.k() == 32 && g.channels() == 6 && g.feature(0, 0, 0) == 0f,
        "features [%d, %d, %d] = [normal(nb) - normal(centre), normal(centre)]", g.m(), g.k(), g.channels());

    log.line("");
    log.line("checks: %d/%d passed", log.passed, log.total);
    return new Report(log.sb.toString(), log.passed, log.total);
  }

  /** Builds the scene: a unit cube (40 %), a sphere (35 %) and a floor (25 %), with normals and labels. */
  static PointCloud scene(int points, long seed) {
    UniformRandomProvider rng = RandomStreams.of(seed);
    int cubeN = points * 40 / 100;
    int sphereN = points * 35 / 100;
    int floorN = points - cubeN - sphereN;
    PointCloud cube = MeshSampler.sample(cube(), cubeN, true, rng);
    PointCloud floor = MeshSampler.sample(
        new TriangleMesh(new float[] {-1, -1, -0.5f, 2.5f, -1, -0.5f, 2.5f, 1, -0.5f, -1, 1, -0.5f},
            new int[] {0, 1, 2, 0, 2, 3}), floorN, true, rng);
    float[] xyz = new float[3 * points];
    float[] nrm = new float[3 * points];
    int[] labels = new int[points];
    cube.copyPositions(xyz, 0);
    System.arraycopy(cube.normals(), 0, nrm, 0, 3 * cubeN);
    for (int i = 0; i < sphereN; i++) {
      double z = 2 * rng.nextDouble() - 1, phi = 2 * Math.PI * rng.nextDouble(), s = Math.sqrt(1 - z * z);
      int o = 3 * (cubeN + i);
      nrm[o] = (float) (s * Math.cos(phi));
      nrm[o + 1] = (float) (s * Math.sin(phi));
      nrm[o + 2] = (float) z;
      xyz[o] = 1.5f + 0.5f * nrm[o];
      xyz[o + 1] = 0.5f * nrm[o + 1];
      xyz[o + 2] = 0.5f * nrm[o + 2];
      labels[cubeN + i] = 1;
    }
    floor.copyPositions(xyz, 3 * (cubeN + sphereN));
    System.arraycopy(floor.normals(), 0, nrm, 3 * (cubeN + sphereN), 3 * floorN);
    for (int i = cubeN + sphereN; i < points; i++) {
      labels[i] = 2;
    }
    return PointCloud.builder(xyz).normals(nrm).labels(labels).build();
  }

  /** A unit cube centred at the origin, triangles wound outward. */
  static TriangleMesh cube() {
    float[] v = new float[24];
    for (int i = 0; i < 8; i++) {
      v[3 * i] = (i & 1) == 0 ? -0.5f : 0.5f;
      v[3 * i + 1] = (i & 2) == 0 ? -0.5f : 0.5f;
      v[3 * i + 2] = (i & 4) == 0 ? -0.5f : 0.5f;
    }
    int[] t = {
      0, 2, 1, 1, 2, 3, // z = -0.5, normal -z
      4, 5, 6, 5, 7, 6, // z = +0.5
      0, 1, 4, 1, 5, 4, // y = -0.5
      2, 6, 3, 3, 6, 7, // y = +0.5
      0, 4, 2, 2, 4, 6, // x = -0.5
      1, 3, 5, 3, 7, 5 // x = +0.5
    };
    return new TriangleMesh(v, t);
  }

  private static float dist2(float[] a, int i, float[] b, int j) {
    float dx = a[3 * i] - b[3 * j], dy = a[3 * i + 1] - b[3 * j + 1], dz = a[3 * i + 2] - b[3 * j + 2];
    return dx * dx + dy * dy + dz * dz;
  }

  private static boolean distinct(int[] idx) {
    return java.util.Arrays.stream(idx).distinct().count() == idx.length;
  }
}

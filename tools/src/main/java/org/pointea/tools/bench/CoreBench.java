package org.pointea.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.pointea.pointcloud.Parallel;
import org.pointea.pointcloud.neighbors.KdTree;
import org.pointea.pointcloud.neighbors.KnnSearch;
import org.pointea.pointcloud.normals.Neighborhood;
import org.pointea.pointcloud.normals.NormalEstimator;
import org.pointea.pointcloud.sampling.FarthestPointSampler;
import org.pointea.pointcloud.sampling.VoxelGrid;

/**
 * Benchmarks of the {@code pointcloud} core on the workloads of {@code tools/peers/core_open3d.py}
 * (Open3D 0.16 / SciPy): FPS 100k to 1024, voxel grid 1M points at 0.01, KD-tree build on 100k,
 * kNN k = 32 for 10k and 100k queries, each on one thread and on all cores, plus the batched
 * PCT-style FPS and normals. Points are uniform in the unit cube, as in the peer script.
 *
 * <p>Run {@code pointea bench core [--json] [--case NAME]...} or {@code java -cp pointea.jar
 * org.pointea.tools.bench.CoreBench [--json] [--quick] [--case NAME]...}; {@code --quick} shrinks
 * every size by 10x and the warm-up, for smoke tests. Results go to stdout, progress to stderr.
 */
public final class CoreBench {
  private CoreBench() {}

  /** The case names, in run order; the first six have an Open3D / SciPy peer. */
  public static final List<String> CASES =
      List.of(
          "fps_100k_to_1024",
          "voxel_1M_at_0.01",
          "kdtree_build_100k",
          "knn_k32_10k_queries",
          "knn_k32_100k_queries",
          "normals_100k_knn30",
          "fps_batch_32x1024_to_512",
          "knn_batch_32x512_k32_of_1024");

  /**
   * Settings of a run.
   *
   * @param quick shrink sizes 10x and runs, for smoke tests
   * @param runs measured runs per case
   * @param seed seed of the generated points
   * @param cases the cases to run (a subset of {@link #CASES}), in {@link #CASES} order
   */
  public record Config(boolean quick, int runs, long seed, List<String> cases) {
    /** Validates the run count and case names. */
    public Config {
      if (runs < 1) {
        throw new IllegalArgumentException("runs must be >= 1, got " + runs);
      }
      for (String c : cases) {
        if (!CASES.contains(c)) {
          throw new IllegalArgumentException("unknown case '" + c + "'; cases: " + CASES);
        }
      }
      cases = List.copyOf(cases);
    }

    /**
     * Returns full sizes, every case, seed 0.
     *
     * @param runs measured runs per case
     * @return the configuration
     */
    public static Config all(int runs) {
      return new Config(false, runs, 0, CASES);
    }
  }

  /**
   * Runs the configured cases, each on one thread and (where it parallelises) on all cores.
   *
   * @param config settings
   * @param log progress messages
   * @return one measurement per case and thread count, in order
   */
  public static List<Measurement> run(Config config, PrintStream log) {
    int scale = config.quick() ? 10 : 1;
    int all = Parallel.resolve(0);
    BenchRunner r =
        config.quick() ? new BenchRunner(1, 0, config.runs()) : new BenchRunner(5, 1.0, config.runs());
    List<Measurement> out = new ArrayList<>();
    int n = 100_000 / scale;
    float[] cloud = uniform(n, config.seed());
    for (String name : CASES) {
      if (!config.cases().contains(name)) {
        continue;
      }
      // --quick runs every size / 10: the case is named for the sizes it really ran
      String label = config.quick() ? quickName(name) : name;
      log.println(label + " ...");
      switch (name) {
        case "fps_100k_to_1024" -> {
          int m = 1024 / scale;
          int[] fpsOut = new int[m];
          float[] scratch = new float[n];
          out.add(r.measure(label, 1, n + " -> " + m + " points", () -> {
            FarthestPointSampler.sample(cloud, n, m, 0, fpsOut, scratch);
            return fpsOut[m - 1];
          }));
        }
        case "voxel_1M_at_0.01" -> {
          float[] big = uniform(1_000_000 / scale, config.seed() + 1);
          int bigN = big.length / 3;
          out.add(r.measure(label, 1, bigN + " points, centroids", () ->
              VoxelGrid.centroids(big, bigN, 0.01f).length));
        }
        case "kdtree_build_100k" -> {
          for (int threads : threadCounts(all)) {
            out.add(r.measure(label, threads, n + " points", () ->
                KdTree.build(cloud, n, KdTree.DEFAULT_LEAF_SIZE, threads).indexedCount()));
          }
        }
        case "knn_k32_10k_queries", "knn_k32_100k_queries" -> {
          KdTree tree = KdTree.build(cloud, n);
          int queries = (name.contains("100k") ? 100_000 : 10_000) / scale;
          int k = 32;
          int[] idx = new int[queries * k];
          float[] d2 = new float[queries * k];
          for (int threads : threadCounts(all)) {
            out.add(r.measure(label, threads, queries + " queries on " + n + " points", () -> {
              tree.knn(cloud, queries, k, idx, d2, threads);
              return idx[queries * k - 1];
            }));
          }
        }
        case "normals_100k_knn30" -> {
          float[] normals = new float[3 * n];
          for (int threads : threadCounts(all)) {
            out.add(r.measure(label, threads, n + " points, tree included", () -> {
              KdTree tree = KdTree.build(cloud, n, KdTree.DEFAULT_LEAF_SIZE, threads);
              NormalEstimator.estimate(cloud, n, tree, Neighborhood.knn(30), null, normals, null,
                  threads);
              return Float.floatToIntBits(normals[0]);
            }));
          }
        }
        case "fps_batch_32x1024_to_512", "knn_batch_32x512_k32_of_1024" -> {
          int batch = 32;
          int pts = 1024;
          float[] clouds = uniform(batch * pts, config.seed() + 2);
          int[] centreIdx = new int[batch * 512];
          if (name.startsWith("fps")) {
            for (int threads : threadCounts(all)) {
              out.add(r.measure(label, threads, batch + " clouds", () -> {
                FarthestPointSampler.sampleBatch(clouds, batch, pts, 512, centreIdx, threads);
                return centreIdx[centreIdx.length - 1];
              }));
            }
          } else {
            FarthestPointSampler.sampleBatch(clouds, batch, pts, 512, centreIdx, 0);
            float[] centres = new float[batch * 512 * 3];
            for (int b = 0; b < batch; b++) {
              for (int i = 0; i < 512; i++) {
                System.arraycopy(clouds, 3 * (b * pts + centreIdx[b * 512 + i]), centres,
                    3 * (b * 512 + i), 3);
              }
            }
            int[] gIdx = new int[batch * 512 * 32];
            float[] gD2 = new float[gIdx.length];
            for (int threads : threadCounts(all)) {
              out.add(r.measure(label, threads, batch + " clouds", () -> {
                KnnSearch.knnBatch(clouds, pts, centres, 512, batch, 32, gIdx, gD2, threads);
                return gIdx[gIdx.length - 1];
              }));
            }
          }
        }
        default -> throw new IllegalStateException(name);
      }
    }
    log.println("checksum " + r.sink());
    return out;
  }

  /**
   * Returns the name of a case as {@code --quick} runs it (sizes / 10): {@code fps_100k_to_1024}
   * runs as {@code fps_10k_to_102}; the batch cases keep their sizes and names.
   *
   * @param name the case
   * @return the name for the sizes run
   */
  static String quickName(String name) {
    return switch (name) {
      case "fps_100k_to_1024" -> "fps_10k_to_102";
      case "voxel_1M_at_0.01" -> "voxel_100k_at_0.01";
      case "kdtree_build_100k" -> "kdtree_build_10k";
      case "knn_k32_10k_queries" -> "knn_k32_1k_queries_of_10k";
      case "knn_k32_100k_queries" -> "knn_k32_10k_queries_of_10k";
      case "normals_100k_knn30" -> "normals_10k_knn30";
      default -> name;
    };
  }

  private static int[] threadCounts(int all) {
    return all > 1 ? new int[] {1, all} : new int[] {1};
  }

  /** Returns {@code n} points uniform in the unit cube. */
  static float[] uniform(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] xyz = new float[3 * n];
    for (int i = 0; i < xyz.length; i++) {
      xyz[i] = (float) rng.nextDouble();
    }
    return xyz;
  }

  /**
   * Formats measurements as an aligned text table.
   *
   * @param results the measurements
   * @return the table
   */
  public static String table(List<Measurement> results) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-32s %7s %12s %12s %12s  %s%n",
        "case", "threads", "median s", "p25 s", "p75 s", "work"));
    for (Measurement m : results) {
      sb.append(String.format(Locale.ROOT, "%-32s %7d %12.5f %12.5f %12.5f  %s%n",
          m.name(), m.threads(), m.medianSeconds(), m.p25Seconds(), m.p75Seconds(), m.detail()));
    }
    return sb.toString();
  }

  /**
   * Formats measurements as JSON: {@code {"bench": "core", "processors": P, "results": [...]}}.
   *
   * @param results the measurements
   * @return the JSON text
   */
  public static String json(List<Measurement> results) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("bench", "core");
    doc.put("processors", Runtime.getRuntime().availableProcessors());
    doc.put("java", System.getProperty("java.version"));
    doc.put("results", results);
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /**
   * Runs the benchmark: {@code [--json] [--quick] [--runs N]}.
   *
   * @param args command-line arguments
   */
  public static void main(String[] args) {
    boolean asJson = false;
    boolean quick = false;
    int runs = 7;
    List<String> cases = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--json" -> asJson = true;
        case "--quick" -> quick = true;
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--case" -> cases.add(args[++i]);
        default -> {
          System.err.println("usage: CoreBench [--json] [--quick] [--runs N] [--case NAME]...");
          System.exit(1);
        }
      }
    }
    Config config = new Config(quick, runs, 0, cases.isEmpty() ? CASES : cases);
    List<Measurement> results = run(config, System.err);
    System.out.print(asJson ? json(results) + System.lineSeparator() : table(results));
  }

}

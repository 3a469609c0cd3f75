package org.pointea.tools.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pointea.io.ReadOptions;
import org.pointea.io.WriteOptions;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.filters.Convention;
import org.pointea.pointcloud.filters.RadiusOutlierRemoval;
import org.pointea.pointcloud.filters.StatisticalOutlierRemoval;
import org.pointea.pointcloud.neighbors.KdTree;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pointea outliers IN OUT --method statistical|radius}: outlier removal. */
@Command(
    name = "outliers",
    mixinStandardHelpOptions = true,
    description = {
      "Remove outliers (statistical or radius), as Open3D or PCL do.",
      "",
      "  statistical  a point is an outlier when the mean distance to its -k",
      "               nearest neighbours exceeds the cloud's mean of those by more",
      "               than --std-ratio standard deviations (Open3D's",
      "               remove_statistical_outlier(nb_neighbors, std_ratio); with",
      "               --convention pcl, PCL's StatisticalOutlierRemoval(mean_k,",
      "               stddev_mul), which excludes the point itself from its -k);",
      "  radius       a point is an outlier when fewer than --min-neighbors other",
      "               points lie within --radius (Open3D's remove_radius_outlier,",
      "               strictly within; --convention pcl: PCL's RadiusOutlierRemoval,",
      "               at most the radius away).",
      "The inliers go to OUT with every channel, the outliers to --removed. Points",
      "with NaN coordinates are outliers. docs/geometry.md has the differences."
    })
public final class OutliersCommand implements Callable<Integer> {

  /** The methods. */
  enum Method {
    STATISTICAL, RADIUS;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "IN", description = "Input cloud.")
  Path in;

  @Parameters(index = "1", paramLabel = "OUT", description = "Output file for the inliers; "
      + "format from the extension.")
  Path out;

  @Option(names = {"-m", "--method"}, required = true, paramLabel = "METHOD",
      description = "statistical or radius.")
  Method method;

  @Option(names = "--convention", paramLabel = "LIB", defaultValue = "open3d",
      description = "open3d (default) or pcl: whose semantics.")
  String convention;

  @Option(names = {"-k", "--neighbors"}, paramLabel = "K", description = "Neighbours averaged "
      + "(statistical): Open3D's nb_neighbors, or PCL's mean_k.")
  Integer neighbors;

  @Option(names = "--std-ratio", paramLabel = "S", description = "Standard deviations above the "
      + "mean still kept (statistical).")
  Double stdRatio;

  @Option(names = {"-r", "--radius"}, paramLabel = "R", description = "Search radius (radius).")
  Double radius;

  @Option(names = "--min-neighbors", paramLabel = "N", description = "Other points needed within"
      + " the radius (radius): Open3D's nb_points, PCL's min_pts.")
  Integer minNeighbors;

  @Option(names = "--removed", paramLabel = "FILE", description = "Also write the outliers here.")
  Path removed;

  @Option(names = "--threads", paramLabel = "T", defaultValue = "0",
      description = "Threads; 0 = all processors (default).")
  int threads;

  @Option(names = "--index", paramLabel = "I", description = "The cloud of an HDF5 batch.")
  Integer index;

  @Option(names = "--json", description = "Print a JSON summary on stdout.")
  boolean json;

  @Mixin OutputOptions output;

  @Override
  public Integer call() throws IOException {
    Convention conv = GeometryOptions.convention(convention);
    GeometryOptions.checkThreads(threads);
    WriteOptions writeOptions = output.forFile(out);
    WriteOptions removedOptions = removed == null ? null : output.forFile(removed);
    long start = System.nanoTime();
    Map<String, Object> params = new LinkedHashMap<>();
    StatisticalOutlierRemoval sor = null;
    RadiusOutlierRemoval ror = null;
    try {
      if (method == Method.STATISTICAL) {
        GeometryOptions.forbid(radius, "--radius", "--method radius");
        GeometryOptions.forbid(minNeighbors, "--min-neighbors", "--method radius");
        sor = new StatisticalOutlierRemoval(GeometryOptions.require(neighbors, "-k",
            "--method statistical"), GeometryOptions.require(stdRatio, "--std-ratio",
            "--method statistical"), conv);
        params.put(conv == Convention.PCL ? "mean_k" : "nb_neighbors", neighbors);
        params.put(conv == Convention.PCL ? "stddev_mul" : "std_ratio", stdRatio);
      } else {
        GeometryOptions.forbid(neighbors, "-k", "--method statistical");
        GeometryOptions.forbid(stdRatio, "--std-ratio", "--method statistical");
        ror = new RadiusOutlierRemoval(GeometryOptions.require(minNeighbors, "--min-neighbors",
            "--method radius"), GeometryOptions.require(radius, "--radius", "--method radius"),
            conv);
        params.put(conv == Convention.PCL ? "min_pts" : "nb_points", minNeighbors);
        params.put("radius", radius);
      }
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage(), e);
    }
    PointCloud cloud = CloudFiles.readCloud(in, ReadOptions.DEFAULT, index);
    int n = cloud.size();
    float[] xyz = cloud.positions();
    KdTree tree = KdTree.build(xyz, n, KdTree.DEFAULT_LEAF_SIZE, threads);
    int[] kept;
    Double threshold = null;
    if (sor != null) {
      double[] mean = new double[n];
      sor.meanDistances(xyz, n, tree, mean, threads);
      threshold = sor.threshold(mean, n);
      kept = sor.inliers(mean, n);
    } else {
      boolean[] inlier = new boolean[n];
      ror.classify(xyz, n, tree, inlier, threads);
      kept = org.pointea.pointcloud.Indices.fromMask(inlier, n);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    SelectionOutput.write(spec, cloud, kept, out, writeOptions, removed, removedOptions);
    Commands.log(spec, String.format(Locale.ROOT, "wrote %s: %d of %d points kept, %d removed"
        + " (%s, %s, %.2f s)", out, kept.length, n, n - kept.length, method,
        conv.name().toLowerCase(Locale.ROOT), seconds));
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("input", in.toString());
      doc.put("output", out.toString());
      doc.put("method", method.toString());
      doc.put("convention", conv.name().toLowerCase(Locale.ROOT));
      doc.put("params", params);
      doc.put("points", n);
      doc.put("kept", kept.length);
      doc.put("removed", n - kept.length);
      if (threshold != null) {
        doc.put("distance_threshold", threshold);
      }
      doc.put("seconds", seconds);
      Json.print(spec.commandLine().getOut(), doc);
    }
    return ExitCodes.OK;
  }
}

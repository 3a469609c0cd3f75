package org.pointea.tools.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pointea.io.ReadOptions;
import org.pointea.io.WriteOptions;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.segmentation.PlaneFit;
import org.pointea.pointcloud.segmentation.PlaneSegmentation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pointea plane IN OUT --distance D}: RANSAC plane segmentation. */
@Command(
    name = "plane",
    mixinStandardHelpOptions = true,
    description = {
      "Find the dominant plane by RANSAC, as Open3D's segment_plane.",
      "",
      "Draws --iterations hypotheses of --ransac-n points (seeded: same --seed, same",
      "result), keeps the one with most points closer than --distance, stops early",
      "once --probability says a better one is unlikely, and refits the plane to its",
      "inliers. Prints the plane 'a b c d' (ax + by + cz + d = 0, unit normal) on",
      "stdout; the inliers go to OUT, the other points to --rest."
    })
public final class PlaneCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "IN", description = "Input cloud.")
  Path in;

  @Parameters(index = "1", paramLabel = "OUT", description = "Output file for the plane's "
      + "inliers; format from the extension.")
  Path out;

  @Option(names = {"-d", "--distance"}, required = true, paramLabel = "D",
      description = "Inlier distance (Open3D's distance_threshold).")
  double distance;

  @Option(names = "--ransac-n", paramLabel = "N", defaultValue = "3",
      description = "Points per hypothesis (default: ${DEFAULT-VALUE}).")
  int ransacN;

  @Option(names = "--iterations", paramLabel = "I", defaultValue = "1000",
      description = "Hypotheses to draw (default: ${DEFAULT-VALUE}).")
  int iterations;

  @Option(names = "--probability", paramLabel = "P", defaultValue = "0.99999999",
      description = "Confidence for stopping early, in (0, 1]; 1 never stops early (default: "
          + "${DEFAULT-VALUE}).")
  double probability;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--rest", paramLabel = "FILE", description = "Also write the other points here.")
  Path rest;

  @Option(names = "--threads", paramLabel = "T", defaultValue = "0",
      description = "Threads; 0 = all processors (default). The result does not depend on it.")
  int threads;

  @Option(names = "--index", paramLabel = "I", description = "The cloud of an HDF5 batch.")
  Integer index;

  @Option(names = "--json", description = "Print the plane and a summary as JSON instead.")
  boolean json;

  @Mixin OutputOptions output;

  @Override
  public Integer call() throws IOException {
    GeometryOptions.checkThreads(threads);
    if (!(distance > 0) || Double.isInfinite(distance)) {
      throw new UserException("--distance must be a positive distance, got " + distance);
    }
    if (ransacN < 3) {
      throw new UserException("--ransac-n must be at least 3 (a plane needs 3 points), got "
          + ransacN);
    }
    if (iterations < 1) {
      throw new UserException("--iterations must be at least 1, got " + iterations);
    }
    if (!(probability > 0 && probability <= 1)) {
      throw new UserException("--probability must be in (0, 1], got " + probability);
    }
    PlaneSegmentation seg = new PlaneSegmentation(distance, ransacN, iterations, probability);
    WriteOptions writeOptions = output.forFile(out);
    WriteOptions restOptions = rest == null ? null : output.forFile(rest);
    long start = System.nanoTime();
    PointCloud cloud = CloudFiles.readCloud(in, ReadOptions.DEFAULT, index);
    PlaneFit fit = seg.segment(cloud.positions(), cloud.size(), seed, threads);
    double seconds = (System.nanoTime() - start) / 1e9;
    if (fit.isEmpty()) {
      throw new UserException(in + ": no plane: fewer than " + ransacN + " finite points, or all"
          + " of them on a line");
    }
    SelectionOutput.write(spec, cloud, fit.inliers(), out, writeOptions, rest, restOptions);
    Commands.log(spec, String.format(Locale.ROOT, "wrote %s: %d of %d points on the plane"
        + " (fitness %.4f, rmse %.3g, %d hypotheses, %.2f s)", out, fit.inliers().length,
        cloud.size(), fit.fitness(), fit.rmse(), fit.iterations(), seconds));
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("input", in.toString());
      doc.put("output", out.toString());
      doc.put("plane", List.of(fit.a(), fit.b(), fit.c(), fit.d()));
      doc.put("points", cloud.size());
      doc.put("inliers", fit.inliers().length);
      doc.put("fitness", fit.fitness());
      doc.put("rmse", fit.rmse());
      doc.put("hypotheses", fit.iterations());
      doc.put("seed", seed);
      doc.put("seconds", seconds);
      Json.print(spec.commandLine().getOut(), doc);
    } else {
      spec.commandLine().getOut().println(String.format(Locale.ROOT, "%.9g %.9g %.9g %.9g",
          fit.a(), fit.b(), fit.c(), fit.d()));
      spec.commandLine().getOut().flush();
    }
    return ExitCodes.OK;
  }
}

package org.pointea.tools.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pointea.io.ReadOptions;
import org.pointea.io.WriteOptions;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.Viewpoint;
import org.pointea.pointcloud.neighbors.KdTree;
import org.pointea.pointcloud.normals.Neighborhood;
import org.pointea.pointcloud.normals.NormalEstimator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pointea normals IN OUT}: PCA surface normals. */
@Command(
    name = "normals",
    mixinStandardHelpOptions = true,
    description = {
      "Estimate surface normals (PCA of each point's neighbourhood).",
      "",
      "Estimate surface normals by PCA of each point's neighbourhood (PCL's",
      "NormalEstimation, Open3D's estimate_normals): the k nearest points, or with",
      "--radius at most k points within the radius (Open3D's hybrid search). Normals",
      "face the viewpoint: --viewpoint, else the file's (PCD VIEWPOINT), else the",
      "origin. Points with NaN coordinates, or fewer than 3 neighbours within the",
      "radius, get NaN normals; organized clouds stay organized."
    })
public final class NormalsCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "IN", description = "Input cloud.")
  Path in;

  @Parameters(index = "1", paramLabel = "OUT", description = "Output file; format from the "
      + "extension (one that holds normals: .ply .pcd .xyzn .txt .csv .npy .h5).")
  Path out;

  @Option(names = {"-k", "--k"}, paramLabel = "K", description = "Neighbours (the maximum, with "
      + "--radius); default 30.")
  Integer k;

  @Option(names = {"-r", "--radius"}, paramLabel = "R", description = "Search radius (hybrid "
      + "search: at most K neighbours within R).")
  Float radius;

  @Option(names = "--viewpoint", paramLabel = "X,Y,Z", converter = Vector3.Converter.class,
      description = "Orient normals toward this point.")
  Vector3 viewpoint;

  @Option(names = "--curvature", description = "Also write a 'curvature' channel (surface "
      + "variation, PCL's curvature).")
  boolean curvature;

  @Option(names = "--threads", paramLabel = "T", defaultValue = "0",
      description = "Threads; 0 = all processors (default).")
  int threads;

  @Option(names = "--index", paramLabel = "I", description = "The cloud of an HDF5 batch.")
  Integer index;

  @Mixin OutputOptions output;

  @Override
  public Integer call() throws IOException {
    int kk = k == null ? 30 : k;
    if (kk < 3) {
      throw new UserException("-k must be at least 3 (a plane needs 3 points), got " + kk);
    }
    if (radius != null && !(radius > 0 && Float.isFinite(radius))) {
      throw new UserException("--radius must be a positive size, got " + radius);
    }
    if (threads < 0) {
      throw new UserException("--threads must be 0 (all) or more, got " + threads);
    }
    Neighborhood hood = radius == null ? Neighborhood.knn(kk) : Neighborhood.hybrid(radius, kk);
    WriteOptions writeOptions = output.forFile(out);
    long start = System.nanoTime();
    PointCloud cloud = CloudFiles.readCloud(in, ReadOptions.DEFAULT, index);
    float[] toward = viewpoint == null ? null : viewpoint.toArray();
    if (toward == null) {
      Viewpoint vp = cloud.viewpoint();
      toward = new float[] {(float) vp.tx(), (float) vp.ty(), (float) vp.tz()};
    }
    int n = cloud.size();
    float[] xyz = cloud.positions();
    float[] normals = new float[3 * n];
    float[] curv = curvature ? new float[n] : null;
    NormalEstimator.estimate(xyz, n, KdTree.build(xyz, n), hood, toward, normals, curv, threads);
    PointCloud.Builder b = cloud.toBuilder().normals(normals);
    if (curv != null) {
      b.channel("curvature", 1, curv);
    }
    PointCloud result = b.build();
    var dropped = OutputOptions.droppedChannels(writeOptions.format(), result);
    if (dropped.contains("normals")) {
      throw new UserException(out + ": " + writeOptions.format() + " files cannot hold normals;"
          + " use .ply, .pcd, .xyzn, .txt, .csv, .npy or .h5");
    }
    if (!dropped.isEmpty()) {
      Commands.log(spec, "warning: " + out + ": " + writeOptions.format()
          + " cannot hold channels " + dropped + "; they are not written");
    }
    OutputOptions.write(out, result, writeOptions);
    int invalid = 0;
    for (int i = 0; i < n; i++) {
      invalid += Float.isNaN(normals[3 * i]) ? 1 : 0;
    }
    Commands.log(spec, String.format(Locale.ROOT, "wrote %s: %d points with normals (%s%s, "
        + "%.2f s)", out, n, hood, invalid > 0 ? ", " + invalid + " NaN normals" : "",
        (System.nanoTime() - start) / 1e9));
    return ExitCodes.OK;
  }
}

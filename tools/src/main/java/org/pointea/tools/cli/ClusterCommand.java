package org.pointea.tools.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.pointea.io.ReadOptions;
import org.pointea.io.WriteOptions;
import org.pointea.pointcloud.IntChannel;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.segmentation.Clustering;
import org.pointea.pointcloud.segmentation.Dbscan;
import org.pointea.pointcloud.segmentation.EuclideanClusterExtraction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pointea cluster IN OUT --method dbscan|euclidean}: clustering. */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description = {
      "Cluster points: DBSCAN (Open3D) or Euclidean cluster extraction (PCL).",
      "",
      "  dbscan     Open3D's cluster_dbscan(eps, min_points), label for label:",
      "             clusters numbered in the order of their first core point,",
      "             noise -1;",
      "  euclidean  PCL's EuclideanClusterExtraction: points closer than",
      "             --tolerance are joined; clusters outside [--min-size,",
      "             --max-size] are dropped (-1); largest first.",
      "OUT gets every point with an integer channel of cluster labels (--channel,",
      "default 'cluster'); --split also writes each cluster to OUT's name plus",
      "_<label>. Points with NaN coordinates get -1."
    })
public final class ClusterCommand implements Callable<Integer> {

  /** The methods. */
  enum Method {
    DBSCAN, EUCLIDEAN;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "IN", description = "Input cloud.")
  Path in;

  @Parameters(index = "1", paramLabel = "OUT", description = "Output file, with the label "
      + "channel; format from the extension (one that holds channels: .ply .pcd .csv .txt).")
  Path out;

  @Option(names = {"-m", "--method"}, required = true, paramLabel = "METHOD",
      description = "dbscan or euclidean.")
  Method method;

  @Option(names = "--eps", paramLabel = "R", description = "Neighbourhood radius (dbscan).")
  Double eps;

  @Option(names = "--min-points", paramLabel = "N", description = "Neighbours, the point "
      + "included, that make a core point (dbscan).")
  Integer minPoints;

  @Option(names = "--tolerance", paramLabel = "R", description = "Joining distance (euclidean).")
  Double tolerance;

  @Option(names = "--min-size", paramLabel = "N", description = "Smallest cluster kept "
      + "(euclidean; default 1).")
  Integer minSize;

  @Option(names = "--max-size", paramLabel = "N", description = "Largest cluster kept "
      + "(euclidean; default no limit).")
  Integer maxSize;

  @Option(names = "--channel", paramLabel = "NAME", defaultValue = "cluster",
      description = "Name of the label channel written (default: ${DEFAULT-VALUE}).")
  String channel;

  @Option(names = "--split", description = "Also write one file per cluster: OUT's name plus "
      + "_<label>.")
  boolean split;

  @Option(names = "--threads", paramLabel = "T", defaultValue = "0",
      description = "Threads; 0 = all processors (default). The result does not depend on it.")
  int threads;

  @Option(names = "--index", paramLabel = "I", description = "The cloud of an HDF5 batch.")
  Integer index;

  @Option(names = "--json", description = "Print a JSON summary on stdout.")
  boolean json;

  @Mixin OutputOptions output;

  @Override
  public Integer call() throws IOException {
    GeometryOptions.checkThreads(threads);
    Map<String, Object> params = new LinkedHashMap<>();
    Dbscan dbscan = null;
    EuclideanClusterExtraction euclid = null;
    try {
      if (method == Method.DBSCAN) {
        GeometryOptions.forbid(tolerance, "--tolerance", "--method euclidean");
        GeometryOptions.forbid(minSize, "--min-size", "--method euclidean");
        GeometryOptions.forbid(maxSize, "--max-size", "--method euclidean");
        dbscan = new Dbscan(GeometryOptions.require(eps, "--eps", "--method dbscan"),
            GeometryOptions.require(minPoints, "--min-points", "--method dbscan"));
        params.put("eps", eps);
        params.put("min_points", minPoints);
      } else {
        GeometryOptions.forbid(eps, "--eps", "--method dbscan");
        GeometryOptions.forbid(minPoints, "--min-points", "--method dbscan");
        euclid = new EuclideanClusterExtraction(
            GeometryOptions.require(tolerance, "--tolerance", "--method euclidean"),
            minSize == null ? 1 : minSize, maxSize == null ? Integer.MAX_VALUE : maxSize);
        params.put("tolerance", tolerance);
        params.put("min_size", euclid.minSize());
        params.put("max_size", euclid.maxSize());
      }
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage(), e);
    }
    if (channel.isBlank()) {
      throw new UserException("--channel needs a name");
    }
    WriteOptions writeOptions = output.forFile(out);
    long start = System.nanoTime();
    PointCloud cloud = CloudFiles.readCloud(in, ReadOptions.DEFAULT, index);
    float[] xyz = cloud.positions();
    Clustering c = dbscan != null ? dbscan.cluster(xyz, cloud.size(), threads)
        : euclid.cluster(xyz, cloud.size(), threads);
    double seconds = (System.nanoTime() - start) / 1e9;
    PointCloud labelled = cloud.toBuilder()
        .channel(new IntChannel(channel, 1, c.labels())).build();
    if (OutputOptions.droppedChannels(writeOptions.format(), labelled).contains(channel)) {
      throw new UserException(out + ": " + writeOptions.format() + " files cannot hold the '"
          + channel + "' channel; use .ply, .pcd, or .csv / .txt with --channel labels");
    }
    SelectionOutput.write(spec, out, labelled, writeOptions);
    if (split) {
      for (int k = 0; k < c.clusterCount(); k++) {
        SelectionOutput.write(spec, splitName(out, k), labelled.select(c.indicesOf(k)),
            writeOptions);
      }
    }
    int[] sizes = c.sizes();
    Commands.log(spec, String.format(Locale.ROOT, "wrote %s: %d clusters%s, %d noise points of"
        + " %d (%s, %.2f s)", out, c.clusterCount(), sizes.length == 0 ? ""
        : " of " + Arrays.stream(sizes).limit(8).mapToObj(Integer::toString)
            .collect(Collectors.joining(", ")) + (sizes.length > 8 ? ", ..." : "") + " points",
        c.noiseCount(), cloud.size(), method, seconds));
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("input", in.toString());
      doc.put("output", out.toString());
      doc.put("method", method.toString());
      doc.put("params", params);
      doc.put("points", cloud.size());
      doc.put("clusters", c.clusterCount());
      doc.put("sizes", sizes);
      doc.put("noise", c.noiseCount());
      doc.put("seconds", seconds);
      Json.print(spec.commandLine().getOut(), doc);
    }
    return ExitCodes.OK;
  }

  /** Returns {@code dir/name_k.ext} for {@code dir/name.ext}. */
  static Path splitName(Path out, int k) {
    String name = out.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    String ext = dot > 0 ? name.substring(dot) : "";
    return out.resolveSibling(stem + "_" + k + ext);
  }
}

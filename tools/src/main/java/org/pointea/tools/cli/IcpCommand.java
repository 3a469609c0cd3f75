package org.pointea.tools.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pointea.io.ReadOptions;
import org.pointea.io.WriteOptions;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.neighbors.KdTree;
import org.pointea.pointcloud.normals.Neighborhood;
import org.pointea.pointcloud.normals.NormalEstimator;
import org.pointea.pointcloud.registration.Icp;
import org.pointea.pointcloud.registration.IcpMethod;
import org.pointea.pointcloud.registration.RegistrationResult;
import org.pointea.pointcloud.registration.Transforms;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pointea icp SOURCE TARGET --max-distance D}: ICP registration. */
@Command(
    name = "icp",
    mixinStandardHelpOptions = true,
    description = {
      "Register SOURCE to TARGET by ICP, as Open3D's registration_icp.",
      "",
      "Point-to-point (default) or point-to-plane (--method point-to-plane, needs",
      "TARGET's normals: from the file, or --estimate-normals K). Starts from --init",
      "(16 numbers, row-major 4x4, inline with commas or a text file; default the",
      "identity); stops after --max-iterations, or when fitness and inlier RMSE change",
      "by less than --relative-fitness and --relative-rmse. Prints the 4x4 matrix that",
      "maps SOURCE onto TARGET on stdout, fitness and inlier RMSE on stderr;",
      "--out writes SOURCE transformed. --evaluate only scores --init (Open3D's",
      "evaluate_registration)."
    })
public final class IcpCommand implements Callable<Integer> {

  /** The methods, as written on the command line. */
  enum Method {
    POINT_TO_POINT, POINT_TO_PLANE;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** Accepts {@code point-to-plane} as well as {@code point_to_plane}. */
  static final class MethodConverter implements CommandLine.ITypeConverter<Method> {
    @Override
    public Method convert(String value) {
      for (Method m : Method.values()) {
        if (m.toString().equalsIgnoreCase(value.replace('_', '-'))) {
          return m;
        }
      }
      throw new CommandLine.TypeConversionException("expected point-to-point or point-to-plane,"
          + " got '" + value + "'");
    }
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SOURCE", description = "The cloud to move.")
  Path source;

  @Parameters(index = "1", paramLabel = "TARGET", description = "The fixed cloud.")
  Path target;

  @Option(names = {"-d", "--max-distance"}, required = true, paramLabel = "D",
      description = "Correspondences further apart are ignored (max_correspondence_distance).")
  double maxDistance;

  @Option(names = {"-m", "--method"}, paramLabel = "METHOD", defaultValue = "point-to-point",
      converter = MethodConverter.class,
      description = "point-to-point (default) or point-to-plane.")
  Method method;

  @Option(names = "--init", paramLabel = "MATRIX", description = "Initial transformation: 16 "
      + "numbers (row-major 4x4) separated by commas, or a text file holding them.")
  String init;

  @Option(names = "--max-iterations", paramLabel = "N", defaultValue = "30",
      description = "Most updates (default: ${DEFAULT-VALUE}).")
  int maxIterations;

  @Option(names = "--relative-fitness", paramLabel = "F", defaultValue = "1e-6",
      description = "Stop when fitness changes less (default: ${DEFAULT-VALUE}).")
  double relativeFitness;

  @Option(names = "--relative-rmse", paramLabel = "E", defaultValue = "1e-6",
      description = "... and inlier RMSE changes less (default: ${DEFAULT-VALUE}).")
  double relativeRmse;

  @Option(names = "--estimate-normals", paramLabel = "K", description = "Estimate TARGET's "
      + "normals from its K nearest neighbours (point-to-plane), replacing any it has.")
  Integer estimateNormals;

  @Option(names = "--evaluate", description = "Only evaluate --init: fitness and inlier RMSE.")
  boolean evaluate;

  @Option(names = "--out", paramLabel = "FILE", description = "Write SOURCE transformed here.")
  Path out;

  @Option(names = "--threads", paramLabel = "T", defaultValue = "0",
      description = "Threads; 0 = all processors (default).")
  int threads;

  @Option(names = "--json", description = "Print the result as JSON instead.")
  boolean json;

  @CommandLine.Mixin OutputOptions output;

  @Override
  public Integer call() throws IOException {
    GeometryOptions.checkThreads(threads);
    if (!(maxDistance > 0) || Double.isInfinite(maxDistance)) {
      throw new UserException("--max-distance must be a positive distance, got " + maxDistance);
    }
    if (maxIterations < 0) {
      throw new UserException("--max-iterations must be 0 or more, got " + maxIterations);
    }
    if (!(relativeFitness >= 0) || !(relativeRmse >= 0)) {
      throw new UserException("--relative-fitness and --relative-rmse must be 0 or more");
    }
    Icp icp = Icp.builder().setMaxCorrespondenceDistance(maxDistance)
        .optMethod(method == Method.POINT_TO_PLANE ? IcpMethod.POINT_TO_PLANE
            : IcpMethod.POINT_TO_POINT)
        .optMaxIterations(maxIterations).optRelativeFitness(relativeFitness)
        .optRelativeRmse(relativeRmse).build();
    if (estimateNormals != null && estimateNormals < 3) {
      throw new UserException("--estimate-normals needs at least 3 neighbours, got "
          + estimateNormals);
    }
    double[] start = init == null ? Transforms.identity() : initMatrix(init);
    WriteOptions outOptions = out == null ? null : output.forFile(out);
    long t0 = System.nanoTime();
    PointCloud src = CloudFiles.readCloud(source, ReadOptions.DEFAULT, null);
    PointCloud tgt = CloudFiles.readCloud(target, ReadOptions.DEFAULT, null);
    float[] tgtXyz = tgt.positions();
    KdTree tree = KdTree.build(tgtXyz, tgt.size(), KdTree.DEFAULT_LEAF_SIZE, threads);
    float[] normals = null;
    if (method == Method.POINT_TO_PLANE && !evaluate) {
      if (estimateNormals != null) {
        normals = new float[3 * tgt.size()];
        NormalEstimator.estimate(tgtXyz, tgt.size(), tree, Neighborhood.knn(estimateNormals),
            null, normals, null, threads);
      } else if (tgt.hasNormals()) {
        normals = tgt.normals();
      } else {
        throw new UserException(target + ": has no normals, which point-to-plane ICP needs; add "
            + "--estimate-normals K or run 'pointea normals' first");
      }
    }
    RegistrationResult r = evaluate
        ? icp.evaluate(src.positions(), src.size(), tgtXyz, tgt.size(), start, threads)
        : icp.register(src.positions(), src.size(), tgtXyz, tree, normals, start, threads);
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (out != null) {
      float[] moved = Transforms.apply(r.transformation(), src.positions(), src.size());
      PointCloud.Builder b = src.withPositions(moved).toBuilder();
      if (src.hasNormals()) {
        b.normals(Transforms.rotate(r.transformation(), src.normals(), src.size()));
      }
      SelectionOutput.write(spec, out, b.build(), outOptions);
    }
    Commands.log(spec, String.format(Locale.ROOT, "%s: fitness %.6f, inlier_rmse %.6g, %d"
        + " correspondences, %d iterations (%s, %.2f s)", evaluate ? "evaluated" : "registered",
        r.fitness(), r.inlierRmse(), r.correspondenceCount(), r.iterations(), method, seconds));
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("source", source.toString());
      doc.put("target", target.toString());
      doc.put("method", method.toString());
      doc.put("max_correspondence_distance", maxDistance);
      doc.put("transformation", rows(r.transformation()));
      doc.put("fitness", r.fitness());
      doc.put("inlier_rmse", r.inlierRmse());
      doc.put("correspondences", r.correspondenceCount());
      doc.put("iterations", r.iterations());
      doc.put("seconds", seconds);
      Json.print(spec.commandLine().getOut(), doc);
    } else {
      spec.commandLine().getOut().println(Transforms.format(r.transformation()));
      spec.commandLine().getOut().flush();
    }
    return ExitCodes.OK;
  }

  /** Parses {@code --init}: inline numbers, or a file holding 16 numbers (Open3D/PCL 4x4 text). */
  static double[] initMatrix(String value) throws IOException {
    double[] m;
    boolean inline = value.contains(",") || value.strip().matches("[-+0-9.eE\\s]+");
    if (inline) {
      try {
        m = Numbers.parse(value, "--init");
      } catch (IllegalArgumentException e) {
        throw new UserException(e.getMessage(), e);
      }
    } else {
      Path file = Path.of(value);
      CloudFiles.requireFile(file);
      if (Files.size(file) > 1 << 16) {
        throw new UserException(file + ": too large for a 4x4 matrix (" + Files.size(file)
            + " bytes)");
      }
      try {
        m = Numbers.parse(Files.readString(file), file.toString());
      } catch (IllegalArgumentException | java.nio.charset.MalformedInputException e) {
        throw new UserException(e instanceof IllegalArgumentException ? e.getMessage()
            : file + ": not a text file", e);
      }
    }
    if (m.length != 16) {
      throw new UserException("--init: a 4x4 matrix is 16 numbers, got " + m.length);
    }
    try {
      Transforms.requireRigid(m);
    } catch (IllegalArgumentException e) {
      throw new UserException("--init: " + e.getMessage().replace('\n', ';'), e);
    }
    return m;
  }

  private static List<double[]> rows(double[] m) {
    List<double[]> rows = new ArrayList<>();
    for (int r = 0; r < 4; r++) {
      rows.add(new double[] {m[4 * r], m[4 * r + 1], m[4 * r + 2], m[4 * r + 3]});
    }
    return rows;
  }
}

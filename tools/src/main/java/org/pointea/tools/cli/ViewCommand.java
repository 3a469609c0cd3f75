package org.pointea.tools.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.pointea.eval.render.UpAxis;
import org.pointea.io.ReadOptions;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.TriangleMesh;
import org.pointea.tools.view.ViewScene;
import org.pointea.tools.view.ViewServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pointea view FILE...}: look at clouds and meshes in the browser. */
@Command(
    name = "view",
    mixinStandardHelpOptions = true,
    description = {
      "Look at clouds, meshes and labelled predictions in your web browser.",
      "",
      "Starts a small web server on 127.0.0.1 (a random port, a random token in the address; "
          + "nothing else can reach it), prints its address and opens it. Orbit, pan and zoom; colour "
          + "by rgb, height, normal or label with a legend; set the point size; click a point to see "
          + "its coordinates and channels. Clouds with more than --max-points points are decimated "
          + "for display (the full count is shown). Several files are drawn together. Ctrl-C stops "
          + "the server."
    })
public final class ViewCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "PLY, PCD, OFF, XYZ/XYZN/"
      + "XYZRGB/PTS/CSV/TXT, NPY or HDF5 files (predictions written by `pointea predict --out`"
      + " carry their labels).")
  List<Path> files;

  @Option(names = "--up", paramLabel = "AXIS", defaultValue = "y",
      description = "The up axis: y (ModelNet / ShapeNet, default), z (ROS, PCL, lidar) or x.")
  String up;

  @Option(names = "--color-by", paramLabel = "BY",
      description = "Colouring at start: rgb, height, normal or label (default: label, rgb or"
          + " height, whichever the files have).")
  String colorBy;

  @Option(names = "--point-size", paramLabel = "PX", defaultValue = "2",
      description = "Point size in pixels at start, 1 to 12 (default: 2).")
  int pointSize;

  @Option(names = "--max-points", paramLabel = "N", defaultValue = "2000000",
      description = "Most points drawn per file; larger clouds are decimated for display by"
          + " seeded random sampling (default: 2,000,000).")
  int maxPoints;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
      description = "Seed of the decimation (default: 0).")
  long seed;

  @Option(names = "--index", paramLabel = "I", description = "The cloud of an HDF5 batch.")
  Integer index;

  @Option(names = "--label-names", paramLabel = "FILE",
      description = "A text file with one name per line: the name of label 0, 1, ...")
  Path labelNames;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "0",
      description = "Port on 127.0.0.1 (default: a random free one).")
  int port;

  @Option(names = "--no-browser", description = "Print the address only; do not open a browser.")
  boolean noBrowser;

  @Option(names = "--exit-after", paramLabel = "SECONDS", hidden = true,
      description = "Stop the server after this many seconds (scripts and tests).")
  Double exitAfter;

  @Override
  public Integer call() throws IOException, InterruptedException {
    ViewScene.Builder b = ViewScene.builder();
    try {
      b.optUpAxis(UpAxis.parse(up).index()).optPointSize(pointSize).optMaxPoints(maxPoints)
          .optSeed(seed);
      if (colorBy != null) {
        b.optColorBy(colorBy);
      }
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage(), e);
    }
    if (port < 0 || port > 65535) {
      throw new UserException("--port must be 0 to 65535, got " + port);
    }
    if (labelNames != null) {
      CloudFiles.requireFile(labelNames);
      b.optLabelNames(Files.readAllLines(labelNames).stream().map(String::strip).toList());
    }
    long start = System.nanoTime();
    for (Path file : files) {
      PointCloud cloud = CloudFiles.readCloud(file, ReadOptions.DEFAULT, index);
      TriangleMesh mesh = index == null ? CloudFiles.readMeshOrNull(file) : null;
      String name = file.getFileName() != null ? file.getFileName().toString() : file.toString();
      if (mesh != null) {
        b.addMesh(name, mesh, cloud.size() == mesh.vertexCount() ? cloud : null);
      } else {
        b.add(name, cloud);
      }
    }
    ViewScene scene = b.build();
    try (ViewServer server = ViewServer.start(scene, port)) {
      PrintWriter out = spec.commandLine().getOut();
      out.println(server.url());
      out.flush();
      Commands.log(spec, String.format(Locale.ROOT, "pointea view: %d file(s) ready in %.1f s at"
          + " the address above; Ctrl-C stops the server", files.size(),
          (System.nanoTime() - start) / 1e9));
      if (!noBrowser && !Browser.open(server.url())) {
        Commands.log(spec, "pointea view: no browser could be opened here; open the address"
            + " above in one on this machine");
      }
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "pointea-view-stop"));
      if (exitAfter != null) {
        TimeUnit.MILLISECONDS.sleep((long) (exitAfter * 1000));
      } else {
        server.awaitClose();
      }
    } catch (java.net.BindException e) {
      throw new UserException("--port " + port + ": " + e.getMessage()
          + " (leave --port out for a free one)", e);
    }
    return ExitCodes.OK;
  }

  /** Opens a URL in the desktop's browser, where there is one. */
  static final class Browser {
    private Browser() {}

    static boolean open(String url) {
      String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
      List<String> cmd;
      if (os.contains("mac")) {
        cmd = List.of("open", url);
      } else if (os.contains("win")) {
        cmd = List.of("rundll32", "url.dll,FileProtocolHandler", url);
      } else if (System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null) {
        cmd = List.of("xdg-open", url);
      } else {
        return false;
      }
      try {
        new ProcessBuilder(cmd).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return true;
      } catch (IOException e) {
        return false;
      }
    }
  }
}

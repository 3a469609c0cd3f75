package org.pointea.tools.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pointea.eval.render.ColorBy;
import org.pointea.eval.render.PointCloudRenderer;
import org.pointea.eval.render.Projection;
import org.pointea.eval.render.RenderOptions;
import org.pointea.eval.render.UpAxis;
import org.pointea.io.PointCloudFormat;
import org.pointea.io.ReadOptions;
import org.pointea.io.bag.BagCursor;
import org.pointea.io.bag.BagFilter;
import org.pointea.io.bag.BagInfo;
import org.pointea.io.bag.BagReader;
import org.pointea.io.bag.CloudFrame;
import org.pointea.io.dataset.scene.ClassList;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.RandomStreams;
import org.pointea.pointcloud.TriangleMesh;
import org.pointea.pointcloud.sampling.MeshSampler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pointea render FILE --out PNG}: a headless picture of a cloud. */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description = {
      "Render a cloud or mesh to a PNG image, headless.",
      "",
      "Render a cloud to a PNG without a display (software z-buffer splats): one",
      "view, or front/side/top(/iso...) views side by side. Colours: labels (part",
      "palette), height (viridis), normals, or the cloud's RGB; auto picks labels,",
      "then RGB, then height. Meshes are drawn as points sampled on their surface",
      "(their vertices when colouring by the vertices' labels or colours). A bag",
      "renders one frame of a point-cloud topic (--topic, --frame or --time); bags",
      "and LAS files default to z up. With --classes, a legend names the labels",
      "present."
    })
public final class RenderCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The cloud or mesh, or a bag.")
  Path in;

  @Option(names = {"-o", "--out"}, required = true, paramLabel = "PNG",
      description = "The image to write.")
  Path png;

  @Option(names = "--color-by", paramLabel = "BY", defaultValue = "auto",
      description = "label, height, normal, rgb or auto (default).")
  String colorBy;

  @Option(names = "--views", paramLabel = "N", defaultValue = "1",
      description = "Views side by side, 1 to 36: 1 isometric (default); 2 front and side; 3"
          + " front, side and top; more: an orbit 30 degrees above.")
  int views;

  @Option(names = "--size", paramLabel = "WxH", defaultValue = "512x512",
      description = "Size of each view in pixels (default ${DEFAULT-VALUE}).")
  String size;

  @Option(names = "--up", paramLabel = "AXIS",
      description = "The up axis: y (ModelNet / ShapeNet; the default for files) or z (ROS, PCL,"
          + " lidar; the default for bags and LAS), x.")
  String up;

  @Option(names = "--topic", paramLabel = "TOPIC",
      description = "Bags: the point-cloud topic (optional when there is one).")
  String topic;

  @Option(names = "--frame", paramLabel = "N",
      description = "Bags: the frame to render, 0-based on its topic (default 0).")
  Long frame;

  @Option(names = "--time", paramLabel = "S",
      description = "Bags: render the first frame logged at or after S seconds from the bag's "
          + "start (@EPOCH for absolute seconds).")
  String time;

  @Option(names = "--perspective", description = "Perspective instead of orthographic.")
  boolean perspective;

  @Option(names = "--point-size", paramLabel = "PX", defaultValue = "0",
      description = "Splat diameter in pixels; 0 picks one from the point count.")
  int pointSize;

  @Option(names = "--captions", description = "Write each view's name on it.")
  boolean captions;

  @Option(names = "--mesh-points", paramLabel = "N", defaultValue = "20000",
      description = "Points sampled on a mesh's surface (default ${DEFAULT-VALUE}); 0 renders "
          + "its vertices.")
  int meshPoints;

  @Option(names = "--index", paramLabel = "I", description = "The cloud of an HDF5 batch.")
  Integer index;

  @Option(names = "--classes", paramLabel = "FILE",
      description = "A classes.txt ('<name>' or '<id> <name>' per line) naming the labels: draws a "
          + "legend of the labels present when colouring by label.")
  Path classes;

  @Override
  public Integer call() throws IOException {
    boolean bag = CloudFiles.isBag(in);
    if (up == null) {
      up = bag || (!Files.isDirectory(in) && Files.isRegularFile(in)
          && CloudFiles.format(in) == PointCloudFormat.LAS) ? "z" : "y";
    }
    if (!bag && (topic != null || frame != null || time != null)) {
      throw new UserException(in + ": --topic, --frame and --time apply to bags (MCAP, .db3, .bag)");
    }
    RenderOptions options = options();
    if (!png.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
      throw new UserException(png + ": the output must be a .png file");
    }
    Path dir = png.toAbsolutePath().getParent();
    if (dir != null && !Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString(), null, "the output folder does not exist");
    }
    if (meshPoints < 0) {
      throw new UserException("--mesh-points must be 0 or more, got " + meshPoints);
    }
    long start = System.nanoTime();
    if (bag) {
      CloudFrame f = bagFrame();
      PointCloud cloud = f.cloud().removeNonFinite();
      try {
        new PointCloudRenderer(options).writePng(cloud, png);
      } catch (IllegalArgumentException e) {
        throw new UserException(in + ": frame " + f.index() + " of " + f.topic() + ": "
            + e.getMessage(), e);
      }
      Commands.log(spec, String.format(Locale.ROOT, "wrote %s: %s of %s (stamp %d ns, frame"
          + " %s), %d points, %s (%.2f s)", png, time != null ? "the first frame at or after "
          + time + " s" : "frame " + f.index(), f.topic(), f.stampNs(), f.frameId(),
          cloud.size(), colorBy, (System.nanoTime() - start) / 1e9));
      return ExitCodes.OK;
    }
    PointCloud cloud = CloudFiles.readCloud(in, ReadOptions.DEFAULT, index);
    if (meshPoints > 0 && index == null && wantsSurface(cloud, options.colorBy())) {
      TriangleMesh mesh = CloudFiles.readMeshOrNull(in);
      if (mesh != null) {
        try {
          cloud = MeshSampler.sample(mesh, meshPoints, true, RandomStreams.of(0));
        } catch (IllegalArgumentException e) {
          // no area to sample (degenerate faces): draw the vertices
        }
      }
    }
    PointCloudRenderer renderer = new PointCloudRenderer(options);
    try {
      renderer.writePng(cloud, png);
    } catch (IllegalArgumentException e) {
      throw new UserException(in + ": " + e.getMessage(), e);
    }
    Commands.log(spec, String.format(Locale.ROOT, "wrote %s: %d points, %d view(s) of %dx%d, "
        + "%s (%.2f s)", png, cloud.size(), options.views().size(), options.width(),
        options.height(), colorBy, (System.nanoTime() - start) / 1e9));
    return ExitCodes.OK;
  }

  /** The frame of the bag that --frame or --time names (the first one by default). */
  private CloudFrame bagFrame() throws IOException {
    if (frame != null && time != null) {
      throw new UserException("--frame and --time both name a frame; give one");
    }
    if (frame != null && frame < 0) {
      throw new UserException("--frame must be 0 or more, got " + frame);
    }
    try (BagReader reader = BagReader.open(in)) {
      BagInfo info = reader.info();
      String t = BagFrames.topic(in.toString(), info, topic);
      BagFilter.Builder filter = BagFilter.builder().optTopics(t);
      if (time != null) {
        filter.optStartNs(BagFrames.time(info, time, "--time"));
      }
      long wanted = frame == null ? 0 : frame;
      try (BagCursor<CloudFrame> frames = reader.frames(filter.build())) {
        for (CloudFrame f = frames.next(); f != null; f = frames.next()) {
          if (f.index() == wanted) {
            return f;
          }
        }
      }
      long count = info.topic(t).orElseThrow().messageCount();
      throw new UserException(in + ": " + (time != null ? "no frame of " + t + " at or after --time "
          + time : t + " has " + count + " frames; --frame " + wanted + " is past its end"));
    }
  }

  /**
   * Returns true when a mesh is better drawn from points sampled on its surface: unless the
   * colouring needs the vertices' own labels or colours, which sampling does not carry.
   */
  private static boolean wantsSurface(PointCloud vertices, ColorBy by) {
    return switch (by) {
      case LABEL, RGB -> false;
      case AUTO -> !vertices.hasLabels() && !vertices.hasColors();
      case HEIGHT, NORMAL -> true;
    };
  }

  /** Returns the legend's names by label value, or null without --classes. */
  private List<String> legend() throws IOException {
    if (classes == null) {
      return null;
    }
    CloudFiles.requireFile(classes);
    ClassList list = ClassList.read(classes);
    int[] ids = list.ids();
    int max = 0;
    for (int id : ids) {
      max = Math.max(max, id);
    }
    for (int id : list.ignored()) {
      max = Math.max(max, id);
    }
    if (max > 65_535) {
      throw new UserException(classes + ": label ids above 65535 cannot be drawn in a legend");
    }
    List<String> names = new ArrayList<>();
    for (int v = 0; v <= max; v++) {
      names.add(Integer.toString(v));
    }
    for (int c = 0; c < ids.length; c++) {
      if (ids[c] >= 0) {
        names.set(ids[c], list.names().get(c));
      }
    }
    for (int id : list.ignored()) {
      if (id >= 0) {
        names.set(id, "unlabelled");
      }
    }
    return names;
  }

  private RenderOptions options() throws IOException {
    int w;
    int h;
    String[] wh = size.toLowerCase(Locale.ROOT).split("x", -1);
    try {
      if (wh.length != 2) {
        throw new NumberFormatException();
      }
      w = Integer.parseInt(wh[0].strip());
      h = Integer.parseInt(wh[1].strip());
    } catch (NumberFormatException e) {
      throw new UserException("--size must be WIDTHxHEIGHT, e.g. 512x512, got '" + size + "'");
    }
    try {
      return RenderOptions.builder()
          .optSize(w, h)
          .optViews(views)
          .optColorBy(ColorBy.parse(colorBy))
          .optUpAxis(UpAxis.parse(up))
          .optLegend(legend())
          .optProjection(perspective ? Projection.PERSPECTIVE : Projection.ORTHOGRAPHIC)
          .optPointSize(pointSize)
          .optCaptions(captions)
          .build();
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage(), e);
    }
  }
}

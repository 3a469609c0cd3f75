package org.pointea.tools.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.pointea.eval.render.Palette;
import org.pointea.io.PointCloudFormat;
import org.pointea.io.PointCloudIO;
import org.pointea.io.dataset.Subsampling;
import org.pointea.models.backend.Backend;
import org.pointea.models.inference.Predictor;
import org.pointea.models.pretrained.Pretrained;
import org.pointea.models.task.Prediction;
import org.pointea.models.task.classification.ClassScore;
import org.pointea.models.task.classification.Classification;
import org.pointea.models.task.partseg.PartSegmentation;
import org.pointea.models.store.ModelDirectory;
import org.pointea.models.trainer.Trainer;
import org.pointea.pointcloud.Channel;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.RandomStreams;
import org.pointea.pointcloud.TriangleMesh;
import org.pointea.pointcloud.sampling.MeshSampler;
import org.pointea.eval.AtomicFiles;
import org.pointea.eval.render.LabelColors;
import org.pointea.models.pct.PctSemSegConfig;
import org.pointea.models.task.semseg.SceneSegmentation;
import org.pointea.pointcloud.scene.TilingOptions;
import org.pointea.io.ReadOptions;
import org.pointea.io.text.TextLayout;
import org.pointea.io.text.TextReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pointea predict}: runs a trained model on point-cloud files: the top classes of each file
 * for a classifier, or a part label for every point (written as a PLY with label colours) for a
 * part segmenter.
 */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Classify point clouds, or label every point with its part.",
      "",
      "Reads any supported cloud file (meshes are surface-sampled first) and prepares",
      "it as the model was trained: sampling to the network's points, normalisation,",
      "grouping. A classifier prints the top classes of each file with their",
      "probabilities. A part segmenter needs the object category (--category) and",
      "writes OUT/NAME-parts.ply: the input points with a part label each (the label",
      "of the nearest point the network saw) and the label's colour.",
      "",
      "A bag (MCAP, rosbag2 .db3 or directory, ROS 1 .bag) is read frame by frame from",
      "a point-cloud topic (--topic), a batch of frames at a time, with one result per",
      "frame: its stamp, frame id and top classes (or parts file).",
      "",
      "A scene model labels every point of scans of any size, tile by tile with",
      "overlap and voting (--stride, --passes), and writes OUT/NAME-labels.ply (or",
      "--format pcd): every input channel, a label field, the label colours, and",
      "OUT/classes.txt naming the labels (for render --classes)."
    })
public final class PredictCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--run", paramLabel = "RUN",
      description = "A training run (its best/ model is used), or a model directory.")
  Path run;

  @Option(names = "--model", paramLabel = "NAME",
      description = "A model shipped with pointea instead of --run: modelnet40 (40 ModelNet classes; "
          + "docs/pretrained.md).")
  String model;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Point-cloud or mesh files, or"
      + " bags.")
  List<Path> files;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Where part segmentations are written (default: the current directory).")
  Path out;

  @Option(names = "--category", paramLabel = "NAME",
      description = "Object category of every file, for a part segmenter (e.g. Chair, or a synset id).")
  String category;

  @Option(names = "--top", paramLabel = "K", defaultValue = "5",
      description = "Classes listed per file by a classifier (default ${DEFAULT-VALUE}).")
  int top;

  @Option(names = "--checkpoint", paramLabel = "best|last", defaultValue = "best",
      description = "Which model of a run (default ${DEFAULT-VALUE}).")
  String checkpoint;

  @Option(names = "--sampling", paramLabel = "fps|random|first",
      description = "Override the model's sampling to the network's points.")
  String sampling;

  @Option(names = "--mesh-points", paramLabel = "N", defaultValue = "10000",
      description = "Surface points sampled from a mesh file (default ${DEFAULT-VALUE}).")
  int meshPoints;

  @Option(names = "--batch", paramLabel = "B", defaultValue = "8",
      description = "Files per network pass (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
      description = "Seed of random sampling and of mesh surface sampling (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--stride", paramLabel = "M",
      description = "Scene models: the step between tiles (default: half the model's block).")
  Double stride;

  @Option(names = "--passes", paramLabel = "P", defaultValue = "0",
      description = "Scene models: the most passes of the network's points per block; the other points of a dense "
          + "block take their nearest scored point's votes (default ${DEFAULT-VALUE}: every point).")
  int passes;

  @Option(names = "--columns", paramLabel = "NAMES",
      description = "Scene models: the columns of text scans, e.g. 'x y z r g b' (S3DIS's room files); without it a"
          + " text file's header, or its column count, decides (6 columns read as x y z nx ny nz).")
  String columns;

  @Option(names = "--format", paramLabel = "ply|pcd", defaultValue = "ply",
      description = "Scene models: the format of the labelled scans (default ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--json", description = "Print the predictions as JSON (for a bag: one object"
      + " per frame and line).")
  boolean json;

  @Option(names = "--topic", paramLabel = "TOPIC",
      description = "Bags: the point-cloud topic (optional when there is one).")
  String topic;

  @Option(names = "--every", paramLabel = "K", defaultValue = "1",
      description = "Bags: predict every K-th frame (default ${DEFAULT-VALUE}).")
  int every;

  @Option(names = "--start", paramLabel = "S",
      description = "Bags: skip frames logged before S seconds from the bag's start (@EPOCH for "
          + "absolute seconds).")
  String start;

  @Option(names = "--end", paramLabel = "S",
      description = "Bags: skip frames logged after S seconds from the bag's start.")
  String end;

  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Mixin DeviceOption device;

  @Override
  public Integer call() {
    try {
      return predict();
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      throw CommandErrors.user(e);
    }
  }

  /** The model directory named by {@code --run} and {@code --checkpoint}. */
  static Path modelDirectory(Path run, String checkpoint) {
    if (Trainer.isRun(run)) {
      if (!checkpoint.equals("best") && !checkpoint.equals("last")) {
        throw new UserException("--checkpoint must be best or last, got '" + checkpoint + "'");
      }
      return run.resolve(checkpoint);
    }
    if (ModelDirectory.exists(run)) {
      return run;
    }
    if (Files.isDirectory(run)) {
      throw new UserException(run + ": neither a training run (no " + Trainer.RUN_FILE + ") nor a model directory "
          + "(no " + ModelDirectory.MANIFEST + ")");
    }
    throw new UserException(run + ": no such directory");
  }

  /** The directory of the pretrained model called {@code name}, unpacked into the user's cache. */
  static Path pretrained(String name) throws IOException {
    Pretrained p = Pretrained.byId(name).orElseThrow(() -> new UserException("--model " + name
        + ": no such pretrained model (pointea ships: " + Arrays.stream(Pretrained.values())
        .map(Pretrained::id).collect(Collectors.joining(", ")) + "); a folder is named with --run"));
    return p.directory();
  }

  private int predict() throws IOException {
    if (top < 1 || batch < 1 || meshPoints < 1) {
      throw new UserException("--top, --batch and --mesh-points must be >= 1");
    }
    if ((run == null) == (model == null)) {
      throw new UserException("name the model with --run RUN or --model NAME (one of them)");
    }
    Path modelDir = run != null ? modelDirectory(run, checkpoint) : pretrained(model);
    Predictor.Builder b = Predictor.builder(modelDir).optTopK(top).optBatchSize(batch).optSeed(seed);
    Backend backend = device.open();
    if (backend != null) {
      b.optBackend(backend);
    }
    if (sampling != null) {
      b.optSampling(parseSampling(sampling));
    }
    List<Path> bags = new ArrayList<>();
    List<Path> inputs = new ArrayList<>();
    for (Path f : files) {
      (CloudFiles.isBag(f) ? bags : inputs).add(f);
    }
    if (json && !bags.isEmpty() && !inputs.isEmpty()) {
      throw new UserException("--json prints an array for files and one line per frame for bags;"
          + " predict bags and files in separate runs");
    }
    if (bags.isEmpty() && (topic != null || every != 1 || start != null || end != null)) {
      throw new UserException("--topic, --every, --start and --end apply to bags (MCAP, .db3, "
          + ".bag)");
    }
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int failed = 0;
    ArrayNode results = MAPPER.createArrayNode();
    try (Predictor p = b.build()) {
      if (p.spec().config() instanceof PctSemSegConfig sc) {
        return scenes(p, sc, o, err, results);
      }
      if (stride != null || passes != 0) {
        throw new UserException("--stride and --passes are for scene models");
      }
      boolean conditioned = p.task().needsCategory();
      if (conditioned && category == null) {
        throw new UserException("the model segments the parts of an object category: pass --category NAME (one of "
            + String.join(", ", p.categories()) + ")");
      }
      if (!conditioned && category != null) {
        throw new UserException("--category is for part segmenters; " + modelDir + " holds a " + p.task().title()
            + " model");
      }
      boolean perCloud = !p.task().perPointOutputs();
      if (perCloud && out != null) {
        throw new UserException("--out is for segmenters (they write labelled clouds); a classifier prints its "
            + "answers (use --json for a file)");
      }
      if (conditioned) {
        p.categoryIndex(category); // fail early, before reading any file
      }
      Path outDir = out != null ? out : Path.of(".");
      if (out != null) {
        TrainCommand.requireWritableFolder("--out", out);
      }
      for (int from = 0; from < inputs.size(); from += batch) {
        List<Path> chunk = new ArrayList<>();
        List<PointCloud> clouds = new ArrayList<>();
        for (Path f : inputs.subList(from, Math.min(inputs.size(), from + batch))) {
          try {
            clouds.add(read(f, meshPoints, seed));
            chunk.add(f);
          } catch (IOException | IllegalArgumentException e) {
            failed++;
            err.println("pointea predict: " + oneLine(e, f));
          }
        }
        if (clouds.isEmpty()) {
          continue;
        }
        List<Prediction> ps;
        try {
          ps = p.predictBatch(clouds, conditioned ? java.util.Collections.nCopies(clouds.size(), category) : null);
        } catch (IllegalArgumentException e) {
          // one bad cloud (no finite point) fails its batch: retry one by one to name it
          ps = new ArrayList<>();
          for (int i = 0; i < clouds.size(); i++) {
            try {
              ps.add(p.predict(clouds.get(i), conditioned ? category : null));
            } catch (IllegalArgumentException one) {
              failed++;
              err.println("pointea predict: " + chunk.get(i) + ": " + one.getMessage().replaceFirst("^cloud 0: ", ""));
              ps.add(null);
            }
          }
        }
        for (int i = 0; i < clouds.size(); i++) {
          if (ps.get(i) == null) {
            continue;
          }
          Path f = chunk.get(i);
          String warning = p.inputWarning(clouds.get(i));
          if (warning != null) {
            err.println("pointea predict: warning: " + f + ": " + warning);
          }
          if (ps.get(i) instanceof Classification c) {
            report(o, results, f, clouds.get(i), c);
          } else if (ps.get(i) instanceof PartSegmentation s) {
            Path written = write(outDir, f, clouds.get(i), s.pointLabels());
            report(o, results, f, written, s);
          } else {
            report(o, results, f, outDir, clouds.get(i), ps.get(i));
          }
          if (json) {
            ((ObjectNode) results.get(results.size() - 1)).put("warning", warning);
          }
        }
      }
      BagPredict.Options bo = new BagPredict.Options(topic, every, start, end, batch, top,
          category, out, json);
      for (Path bag : bags) {
        failed += BagPredict.run(p, bag, bo, o, err);
      }
    }
    if (json && !inputs.isEmpty() || json && bags.isEmpty()) {
      o.println(MAPPER.writeValueAsString(results));
    }
    o.flush();
    return failed == 0 ? ExitCodes.OK : ExitCodes.USER_ERROR;
  }

  /** Labels every point of each scan with a scene model and writes the labelled scans. */
  private int scenes(Predictor p, PctSemSegConfig sc, PrintWriter o, PrintWriter err, ArrayNode results)
      throws IOException {
    if (category != null) {
      throw new UserException("--category is for part segmenters; a scene model takes none");
    }
    String ext = format.strip().toLowerCase(Locale.ROOT);
    if (!ext.equals("ply") && !ext.equals("pcd")) {
      throw new UserException("--format must be ply or pcd, got '" + format + "'");
    }
    if (passes < 0) {
      throw new UserException("--passes must be 0 (all) or more, got " + passes);
    }
    float side = (float) sc.block();
    TilingOptions tiling;
    try {
      tiling = new TilingOptions(side, stride != null ? stride.floatValue() : side / 2, passes, seed);
    } catch (IllegalArgumentException e) {
      throw new UserException("--stride: " + e.getMessage(), e);
    }
    Path outDir = out != null ? out : Path.of(".");
    Files.createDirectories(outDir);
    List<String> names = new ArrayList<>();
    for (int c = 0; c < p.labels().size(); c++) {
      names.add(c + " " + p.labels().get(c));
    }
    names.add("-1 unlabelled");
    AtomicFiles.writeString(outDir.resolve("classes.txt"), String.join("\n", names) + "\n");
    int failed = 0;
    for (Path f : files) {
      long t0 = System.nanoTime();
      try {
        PointCloud scan = readScan(f);
        try {
          sc.inputs().check(scan);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(e.getMessage() + " (it has " + (scan.channelNames().isEmpty() ? "none"
              : String.join(", ", scan.channelNames())) + ")" + (isText(f) && columns == null
              ? "; name a text file's columns with --columns, e.g. 'x y z r g b'" : ""), e);
        }
        SceneSegmentation s = p.segmentScene(scan, tiling);
        Path written = writeScene(outDir, f, scan, s.labels(), ext);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (json) {
          ObjectNode n = results.addObject();
          n.put("file", f.toString());
          n.put("points", scan.size());
          n.put("output", written.toString());
          n.put("seconds", seconds);
          ObjectNode counts = n.putObject("classes");
          long[] c = s.counts();
          for (int k = 0; k < c.length; k++) {
            if (c[k] > 0) {
              counts.put(p.labels().get(k), c[k]);
            }
          }
        } else {
          o.printf(Locale.ROOT, "%s: %s -> %s (%.1f s)%n", f, s.summary(), written, seconds);
          o.flush();
        }
      } catch (IOException | IllegalArgumentException e) {
        failed++;
        err.println("pointea predict: " + oneLine(e, f));
      }
    }
    if (json) {
      o.println(MAPPER.writeValueAsString(results));
    }
    o.flush();
    return failed == 0 ? ExitCodes.OK : ExitCodes.USER_ERROR;
  }

  private PointCloud readScan(Path f) throws IOException {
    if (columns != null && isText(f)) {
      return TextReader.read(f, TextLayout.parse(columns), ReadOptions.DEFAULT);
    }
    return PointCloudIO.read(f);
  }

  private static boolean isText(Path f) throws IOException {
    return PointCloudFormat.detect(f).isText();
  }

  /** Writes a labelled scan (every input channel kept, labels and their colours set) atomically. */
  static Path writeScene(Path outDir, Path input, PointCloud scan, int[] labels, String ext) throws IOException {
    String name = input.getFileName().toString();
    int dot = name.lastIndexOf('.');
    Path target = outDir.resolve((dot > 0 ? name.substring(0, dot) : name) + "-labels." + ext);
    if (Files.exists(target) && Files.isSameFile(target, input)) {
      throw new UserException(target + " is the input file; choose another --out");
    }
    PointCloud labelled = LabelColors.paint(scan.withoutChannel(Channel.LABELS).toBuilder().labels(labels).build());
    PointCloudIO.write(target, labelled);
    return target;
  }

  static Subsampling parseSampling(String s) {
    return switch (s.strip().toLowerCase(Locale.ROOT)) {
      case "fps" -> Subsampling.FPS;
      case "random" -> Subsampling.RANDOM;
      case "first" -> Subsampling.FIRST;
      default -> throw new UserException("--sampling must be fps, random or first, got '" + s + "'");
    };
  }

  /** Reads a cloud; an OFF or PLY file with faces is surface-sampled instead. */
  static PointCloud read(Path f, int meshPoints, long seed) throws IOException {
    if (!Files.isRegularFile(f)) {
      throw new IOException(f + ": no such file");
    }
    PointCloudFormat format = PointCloudFormat.detect(f);
    if (format == PointCloudFormat.OFF || format == PointCloudFormat.PLY) {
      TriangleMesh mesh = null;
      try {
        mesh = PointCloudIO.readMesh(f);
      } catch (IOException e) {
        if (format == PointCloudFormat.OFF) {
          throw e;
        }
        // a PLY without faces: read it as a cloud below
      }
      if (mesh != null && mesh.triangleCount() > 0) {
        return MeshSampler.sample(mesh, meshPoints, false, RandomStreams.of(seed));
      }
    }
    return PointCloudIO.read(f);
  }

  private static String oneLine(Exception e, Path f) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    m = nl < 0 ? m : m.substring(0, nl);
    return m.contains(f.toString()) ? m : f + ": " + m;
  }

  /** Writes the labelled cloud (every input channel kept, labels and colours set) atomically. */
  static Path write(Path outDir, Path input, PointCloud cloud, int[] labels) throws IOException {
    Files.createDirectories(outDir);
    String name = input.getFileName().toString();
    int dot = name.lastIndexOf('.');
    Path target = outDir.resolve((dot > 0 ? name.substring(0, dot) : name) + "-parts.ply");
    if (Files.exists(target) && Files.isSameFile(target, input)) {
      throw new UserException(target + " is the input file; choose another --out");
    }
    float[] colors = new float[3 * labels.length];
    for (int i = 0; i < labels.length; i++) {
      int rgb = labels[i] < 0 ? Palette.UNLABELLED : Palette.label(labels[i]);
      colors[3 * i] = ((rgb >> 16) & 0xff) / 255f;
      colors[3 * i + 1] = ((rgb >> 8) & 0xff) / 255f;
      colors[3 * i + 2] = (rgb & 0xff) / 255f;
    }
    PointCloud labelled = cloud.withoutChannel(Channel.COLORS).withoutChannel(Channel.LABELS).toBuilder()
        .labels(labels).colors(colors, 3).build();
    PointCloudIO.write(target, labelled);
    return target;
  }

  private void report(PrintWriter o, ArrayNode results, Path f, PointCloud cloud, Classification c) {
    List<ClassScore> best = c.top(top);
    if (json) {
      ObjectNode n = results.addObject();
      n.put("file", f.toString());
      n.put("points", cloud.size());
      n.put("class", c.name());
      n.put("index", c.index());
      n.put("probability", c.probability());
      ArrayNode t = n.putArray("top");
      for (ClassScore s : best) {
        ObjectNode e = t.addObject();
        e.put("class", s.name());
        e.put("index", s.index());
        e.put("probability", s.probability());
      }
      return;
    }
    o.printf(Locale.ROOT, "%s: %s (%.1f%%)%n", f, c.name(), 100 * c.probability());
    for (ClassScore s : best) {
      o.printf(Locale.ROOT, "  %6.2f%%  %s%n", 100 * s.probability(), s.name());
    }
  }

  /** Any other task's prediction: its summary, and its labelled cloud when it labels points. */
  private void report(PrintWriter o, ArrayNode results, Path f, Path outDir, PointCloud cloud, Prediction p)
      throws IOException {
    Path written = p.pointLabels() == null ? null : write(outDir, f, cloud, p.pointLabels());
    if (json) {
      ObjectNode n = results.addObject();
      n.put("file", f.toString());
      n.put("points", cloud.size());
      n.put("task", p.task());
      n.put("summary", p.summary());
      n.put("output", written == null ? null : written.toString());
      return;
    }
    o.printf(Locale.ROOT, "%s: %s%s%n", f, p.summary(), written == null ? "" : " -> " + written);
  }

  private void report(PrintWriter o, ArrayNode results, Path f, Path written, PartSegmentation s) {
    int[] counts = s.partCounts();
    if (json) {
      ObjectNode n = results.addObject();
      n.put("file", f.toString());
      n.put("points", s.size());
      n.put("category", s.categoryName());
      n.put("output", written.toString());
      ObjectNode parts = n.putObject("parts");
      for (int j = 0; j < counts.length; j++) {
        parts.put(Integer.toString(s.firstPart() + j), counts[j]);
      }
      int unlabelled = s.size() - java.util.Arrays.stream(counts).sum();
      n.put("unlabelled", unlabelled);
      return;
    }
    StringBuilder sb = new StringBuilder();
    for (int j = 0; j < counts.length; j++) {
      sb.append(j == 0 ? "" : ", ").append(s.firstPart() + j).append(": ").append(counts[j]);
    }
    o.printf(Locale.ROOT, "%s: %s, %d points -> %s (parts %s)%n", f, s.categoryName(), s.size(), written, sb);
  }
}

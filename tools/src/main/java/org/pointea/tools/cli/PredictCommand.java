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
import picocli.CommandLine;
import picocli.CommandLine.Command;
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
      "of the nearest point the network saw) and the label's colour."
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

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Point-cloud or mesh files.")
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

  @Option(names = "--json", description = "Print the predictions as JSON.")
  boolean json;

  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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
    if (sampling != null) {
      b.optSampling(parseSampling(sampling));
    }
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int failed = 0;
    ArrayNode results = MAPPER.createArrayNode();
    try (Predictor p = b.build()) {
      boolean conditioned = p.task().needsCategory();
      if (conditioned && category == null) {
        throw new UserException("the model segments the parts of an object category: pass --category NAME (one of "
            + String.join(", ", p.labels()) + ")");
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
      for (int from = 0; from < files.size(); from += batch) {
        List<Path> chunk = new ArrayList<>();
        List<PointCloud> clouds = new ArrayList<>();
        for (Path f : files.subList(from, Math.min(files.size(), from + batch))) {
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
          if (ps.get(i) instanceof Classification c) {
            report(o, results, f, clouds.get(i), c);
          } else if (ps.get(i) instanceof PartSegmentation s) {
            Path written = write(outDir, f, clouds.get(i), s.pointLabels());
            report(o, results, f, written, s);
          } else {
            report(o, results, f, outDir, clouds.get(i), ps.get(i));
          }
        }
      }
    }
    if (json) {
      o.println(MAPPER.writeValueAsString(results));
    }
    o.flush();
    return failed == 0 ? ExitCodes.OK : ExitCodes.USER_ERROR;
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

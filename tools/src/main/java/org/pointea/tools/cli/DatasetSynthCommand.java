package org.pointea.tools.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pointea.io.dataset.DatasetLayout;
import org.pointea.io.dataset.synthetic.SynthesisReport;
import org.pointea.io.dataset.synthetic.SyntheticModelNet;
import org.pointea.io.dataset.synthetic.SyntheticShapeNetPart;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pointea dataset synth}: a synthetic dataset in a real public layout. */
@Command(
    name = "synth",
    mixinStandardHelpOptions = true,
    description = {
      "Write a synthetic dataset in a real public layout.",
      "",
      "modelnet: 12 procedural classes (sphere, cube, cylinder, cone, torus, capsule, pyramid, "
          + "...; random size, aspect, tilt and noise) as modelnet40_normal_resampled text (--layout "
          + "normal), PointNet HDF5 (hdf5) or Princeton OFF meshes (off). shapenetpart: Airplane, "
          + "Chair, Lamp, Laptop, Mug and Table assembled from parts labelled with their real global "
          + "part ids, in the normal-text layout with json splits (normal) or the PointNet HDF5 "
          + "layout (hdf5). Seeded and deterministic for any thread count. Defaults: the small demo "
          + "sets (768 + 192 ModelNet shapes of 1,024 points; 288 + 48 + 96 ShapeNet-part shapes)."
    })
public final class DatasetSynthCommand implements Callable<Integer> {

  /** What to generate. */
  enum Kind {
    MODELNET, SHAPENETPART;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--kind", required = true, paramLabel = "KIND",
      description = "modelnet or shapenetpart.")
  Kind kind;

  @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR",
      description = "The dataset folder to write (e.g. data/modelnet40_normal_resampled).")
  Path out;

  @Option(names = "--layout", paramLabel = "LAYOUT", defaultValue = "normal",
      description = "normal (default), hdf5, or off (modelnet only).")
  String layout;

  @Option(names = "--train", paramLabel = "N",
      description = "Training shapes per class / category.")
  Integer train;

  @Option(names = "--val", paramLabel = "N",
      description = "Validation shapes per category (shapenetpart).")
  Integer val;

  @Option(names = "--test", paramLabel = "N", description = "Test shapes per class / category.")
  Integer test;

  @Option(names = "--points", paramLabel = "N", description = "Points per shape (modelnet: "
      + "default 1024; shapenetpart: default 2048 to 3000).")
  Integer points;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "2024",
      description = "Seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--threads", paramLabel = "T", defaultValue = "0",
      description = "Threads; 0 = all processors (default).")
  int threads;

  @Override
  public Integer call() throws IOException {
    if (threads < 0) {
      throw new UserException("--threads must be 0 (all) or more, got " + threads);
    }
    for (Integer n : new Integer[] {train, val, test, points}) {
      if (n != null && n < 1) {
        throw new UserException("--train, --val, --test and --points must be at least 1");
      }
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new UserException(out + ": exists and is not a folder");
    }
    SynthesisReport report;
    try (Progress progress = new Progress(spec.commandLine().getErr())) {
      report = kind == Kind.MODELNET ? modelNet(progress) : shapeNetPart(progress);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage(), e);
    }
    Commands.log(spec, "wrote " + report);
    return ExitCodes.OK;
  }

  private SynthesisReport modelNet(Progress progress) throws IOException {
    DatasetLayout l = switch (layout.toLowerCase(Locale.ROOT)) {
      case "normal", "normal_resampled", "text" -> DatasetLayout.MODELNET_NORMAL_RESAMPLED;
      case "hdf5", "h5" -> DatasetLayout.MODELNET_HDF5;
      case "off" -> DatasetLayout.CLASS_FOLDERS;
      default -> throw new UserException("--layout for modelnet: normal, hdf5 or off; got '"
          + layout + "'");
    };
    if (val != null) {
      throw new UserException("ModelNet ships train and test lists only; its validation split "
          + "is taken from the training list (no --val)");
    }
    SyntheticModelNet demo = SyntheticModelNet.demo();
    SyntheticModelNet mn = SyntheticModelNet.builder()
        .optTrainPerClass(train != null ? train : demo.trainPerClass())
        .optTestPerClass(test != null ? test : demo.testPerClass())
        .optPoints(points != null ? points : demo.points())
        .optSeed(seed)
        .optThreads(threads)
        .build();
    return mn.write(out, l, progress);
  }

  private SynthesisReport shapeNetPart(Progress progress) throws IOException {
    DatasetLayout l = switch (layout.toLowerCase(Locale.ROOT)) {
      case "normal", "text" -> DatasetLayout.SHAPENET_PART_NORMAL;
      case "hdf5", "h5" -> DatasetLayout.SHAPENET_PART_HDF5;
      default -> throw new UserException("--layout for shapenetpart: normal or hdf5; got '"
          + layout + "'");
    };
    SyntheticShapeNetPart demo = SyntheticShapeNetPart.demo();
    SyntheticShapeNetPart.Builder b = SyntheticShapeNetPart.builder()
        .optShapesPerCategory(
            train != null ? train : demo.shapesPerCategory(org.pointea.io.dataset.Split.TRAIN),
            val != null ? val : demo.shapesPerCategory(org.pointea.io.dataset.Split.VAL),
            test != null ? test : demo.shapesPerCategory(org.pointea.io.dataset.Split.TEST))
        .optSeed(seed)
        .optThreads(threads);
    if (points != null) {
      b.optPoints(points, points);
    }
    return b.build().write(out, l, progress);
  }
}

package org.pointea.tools.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pointea.io.dataset.DatasetLayout;
import org.pointea.io.dataset.scene.SceneLayout;
import org.pointea.io.dataset.synthetic.SceneSynthesisReport;
import org.pointea.io.dataset.synthetic.SynthesisReport;
import org.pointea.io.dataset.synthetic.SyntheticIndoorScenes;
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
          + "sets (768 + 192 ModelNet shapes of 1,024 points; 288 + 48 + 96 ShapeNet-part shapes). "
          + "scenes: indoor rooms (offices, conference rooms, hallways, storage) with floor, ceiling, "
          + "walls, doors, windows, boards, tables, chairs, bookcases and clutter, seen from scanner "
          + "stations (occlusion shadows, distance thinning, sensor noise), S3DIS's 13 classes, in the "
          + "S3DIS layout (--layout s3dis: Area_N/<room>/Annotations/<class>_<i>.txt) or as labelled "
          + "PLY scans (--layout scans: classes.txt, train/val/test.txt). Default: 6 areas of 4 rooms "
          + "at 800 points per m2; Area 5 is the test split (with fewer areas, the last: pass "
          + "--test-area to the S3DIS readers)."
    })
public final class DatasetSynthCommand implements Callable<Integer> {

  /** What to generate. */
  enum Kind {
    MODELNET, SHAPENETPART, SCENES;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--kind", required = true, paramLabel = "KIND",
      description = "modelnet, shapenetpart or scenes.")
  Kind kind;

  @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR",
      description = "The dataset folder to write (e.g. data/modelnet40_normal_resampled).")
  Path out;

  @Option(names = "--layout", paramLabel = "LAYOUT", defaultValue = "normal",
      description = "normal (default), hdf5, or off (modelnet only); scenes: s3dis (default) or scans.")
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

  @Option(names = "--areas", paramLabel = "N", description = "Areas (scenes; default 6).")
  Integer areas;

  @Option(names = "--rooms", paramLabel = "N", description = "Rooms per area (scenes; default 4).")
  Integer rooms;

  @Option(names = "--density", paramLabel = "D", description = "Surface points per square metre "
      + "before occlusion (scenes; default 800).")
  Double density;

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
    if (kind != Kind.SCENES && (areas != null || rooms != null || density != null)) {
      throw new UserException("--areas, --rooms and --density are for --kind scenes");
    }
    Object report;
    try (Progress progress = new Progress(spec.commandLine().getErr())) {
      report = switch (kind) {
        case MODELNET -> modelNet(progress);
        case SHAPENETPART -> shapeNetPart(progress);
        case SCENES -> scenes(progress);
      };
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage(), e);
    }
    Commands.log(spec, "wrote " + report);
    return ExitCodes.OK;
  }

  private SceneSynthesisReport scenes(Progress progress) throws IOException {
    SceneLayout l = switch (layout.toLowerCase(Locale.ROOT)) {
      case "normal", "s3dis" -> SceneLayout.S3DIS;
      case "scans", "labelled", "labeled", "ply" -> SceneLayout.LABELLED_SCANS;
      default -> throw new UserException("--layout for scenes: s3dis or scans; got '" + layout + "'");
    };
    if (train != null || val != null || test != null || points != null) {
      throw new UserException("scenes take --areas, --rooms and --density (area 5, or the last, is the test"
          + " split), not --train, --val, --test or --points");
    }
    SyntheticIndoorScenes demo = SyntheticIndoorScenes.demo();
    SyntheticIndoorScenes gen = SyntheticIndoorScenes.builder()
        .optAreas(areas != null ? areas : demo.areas())
        .optRoomsPerArea(rooms != null ? rooms : demo.roomsPerArea())
        .optDensity(density != null ? density : 800)
        .optSeed(seed)
        .optThreads(threads)
        .build();
    return gen.write(out, l, progress);
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

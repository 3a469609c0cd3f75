package org.pointea.tools.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pointea.io.dataset.CachedDataset;
import org.pointea.io.dataset.DatasetLayout;
import org.pointea.io.dataset.DatasetNotFoundException;
import org.pointea.io.dataset.ModelNetDataset;
import org.pointea.io.dataset.PrepareReport;
import org.pointea.io.dataset.ShapeNetPartDataset;
import org.pointea.io.dataset.Split;
import org.pointea.io.dataset.Subsampling;
import org.pointea.io.dataset.Task;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pointea dataset prepare DIR}: check a dataset and build its caches. */
@Command(
    name = "prepare",
    mixinStandardHelpOptions = true,
    description = {
      "Check a dataset folder and build its preprocessing caches.",
      "",
      "Reads every shape of the chosen splits, samples it to --points points and stores the "
          + "split in one cache file under DIR/.pointea-cache or --cache-dir DIR (rebuilt when the "
          + "source files or the settings change; a valid cache is just loaded). Never downloads: a "
          + "missing or incomplete "
          + "dataset is reported with the archive to get, where to get it and where to unpack it."
    })
public final class DatasetPrepareCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "The dataset folder.")
  Path dir;

  @Option(names = "--split", split = ",", paramLabel = "SPLIT",
      description = "Splits to prepare: train, val, trainval, test (default: train,val,test).")
  List<String> splits;

  @Option(names = "--points", paramLabel = "N", description = "Points per shape (default: "
      + "1024 ModelNet, 2048 ShapeNet-part).")
  Integer points;

  @Option(names = "--sampling", paramLabel = "METHOD", description = "first, fps, random or "
      + "random_with_replacement (default: the layout's convention).")
  String sampling;

  @Option(names = "--cache-dir", paramLabel = "DIR",
      description = "Folder for the dataset's preprocessing cache (default: .pointea-cache in the"
          + " dataset folder, or ~/.cache/pointea when that folder is read-only).")
  Path cacheDir;

  @Option(names = "--threads", paramLabel = "T", defaultValue = "0",
      description = "Threads; 0 = all processors (default).")
  int threads;

  @Override
  public Integer call() throws IOException {
    String previous = CacheDirOption.set(cacheDir);
    try {
      return prepareOrGuide();
    } finally {
      CacheDirOption.restore(previous);
    }
  }

  private Integer prepareOrGuide() throws IOException {
    try {
      return prepare();
    } catch (DatasetNotFoundException e) {
      // this command's job is to say what to get: the whole guide on stdout, one line on stderr
      PrintWriter out = spec.commandLine().getOut();
      out.println(e.getMessage());
      out.flush();
      throw e;
    }
  }

  private Integer prepare() throws IOException {
    if (points != null && points < 1) {
      throw new UserException("--points must be at least 1, got " + points);
    }
    if (threads < 0) {
      throw new UserException("--threads must be 0 (all) or more, got " + threads);
    }
    List<Split> chosen = new ArrayList<>();
    for (String s : splits == null ? List.of("train", "val", "test") : splits) {
      try {
        chosen.add(Split.parse(s));
      } catch (IllegalArgumentException e) {
        throw new UserException(e.getMessage(), e);
      }
    }
    Subsampling method = null;
    if (sampling != null) {
      try {
        method = Subsampling.valueOf(sampling.toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new UserException("unknown --sampling '" + sampling
            + "': use first, fps, random or random_with_replacement", e);
      }
    }
    if (!java.nio.file.Files.isDirectory(dir)) {
      throw DatasetNotFoundException.noDataset(dir, null, "point-cloud");
    }
    DatasetLayout.DatasetLocation loc = DatasetLayout.detect(dir)
        .orElseThrow(() -> DatasetNotFoundException.noDataset(dir, null, "point-cloud"));
    PrintWriter out = spec.commandLine().getOut();
    for (Split split : chosen) {
      CachedDataset ds = build(loc, split, method);
      PrepareReport report;
      try (Progress progress = new Progress(spec.commandLine().getErr())) {
        report = ds.prepare(progress);
      }
      out.println(split.id() + ": " + report);
      out.flush();
    }
    return ExitCodes.OK;
  }

  private CachedDataset build(DatasetLayout.DatasetLocation loc, Split split, Subsampling method) {
    try {
      if (loc.layout().task() == Task.CLASSIFICATION) {
        ModelNetDataset.Builder b = ModelNetDataset.builder().setRoot(loc.root()).optSplit(split)
            .optThreads(threads);
        if (points != null) {
          b.optPoints(points);
        }
        if (method != null) {
          b.optSampling(method);
        }
        return b.build();
      }
      ShapeNetPartDataset.Builder b = ShapeNetPartDataset.builder().setRoot(loc.root())
          .optSplit(split).optThreads(threads);
      if (points != null) {
        b.optPoints(points);
      }
      if (method != null) {
        b.optSampling(method);
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage(), e);
    }
  }
}

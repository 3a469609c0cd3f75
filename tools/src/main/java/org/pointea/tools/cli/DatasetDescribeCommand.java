package org.pointea.tools.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.pointea.io.dataset.DatasetDescriber;
import org.pointea.io.dataset.DatasetDescription;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pointea dataset describe DIR}: what a dataset folder holds. */
@Command(
    name = "describe",
    mixinStandardHelpOptions = true,
    description = {
      "Describe a dataset folder: layout, splits and shapes per class.",
      "",
      "Finds the layout (ModelNet OFF, normal_resampled or HDF5; ShapeNet-part normal or HDF5; "
          + "the folder itself or its parent), lists every split it ships with the shapes per class "
          + "or category, and reads a few shapes of each split for points per shape and, for part "
          + "segmentation, points per part. Builds no cache."
    })
public final class DatasetDescribeCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "The dataset folder.")
  Path dir;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Option(names = "--scan", paramLabel = "N", defaultValue = "" + DatasetDescriber.DEFAULT_SCAN,
      description = "Shapes read per split for the statistics (default ${DEFAULT-VALUE}; 0: "
          + "none).")
  int scan;

  @Override
  public Integer call() throws IOException {
    if (scan < 0) {
      throw new UserException("--scan must be 0 or more, got " + scan);
    }
    DatasetDescription d = DatasetDescriber.describe(dir, scan);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(d.toJson());
    } else {
      out.print(d.toText());
    }
    out.flush();
    return ExitCodes.OK;
  }
}

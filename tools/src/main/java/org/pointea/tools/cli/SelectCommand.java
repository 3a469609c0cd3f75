package org.pointea.tools.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pointea.io.ReadOptions;
import org.pointea.io.WriteOptions;
import org.pointea.pointcloud.Channel;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.filters.LabelSelection;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pointea select IN OUT --labels L,...}: select or remove points by label. */
@Command(
    name = "select",
    mixinStandardHelpOptions = true,
    description = {
      "Keep (or, with --remove, drop) the points whose label is in --labels.",
      "",
      "Labels come from an integer channel: 'labels' by default (PCD/PLY 'label',",
      "CSV label column), or any other with --channel, e.g. a LAS 'classification'",
      "or the 'cluster' channel 'pointea cluster' writes (-1 = noise)."
    })
public final class SelectCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "IN", description = "Input cloud.")
  Path in;

  @Parameters(index = "1", paramLabel = "OUT", description = "Output file; format from the "
      + "extension.")
  Path out;

  @Option(names = {"-l", "--labels"}, required = true, split = ",", paramLabel = "L",
      description = "Labels, comma-separated (repeatable).")
  List<Integer> labels;

  @Option(names = "--channel", paramLabel = "NAME", defaultValue = Channel.LABELS,
      description = "Integer channel holding the labels (default: ${DEFAULT-VALUE}).")
  String channel;

  @Option(names = {"--remove", "--invert"}, description = "Drop the points with these labels "
      + "instead.")
  boolean remove;

  @Option(names = "--rest", paramLabel = "FILE", description = "Also write the other points here.")
  Path rest;

  @Option(names = "--index", paramLabel = "I", description = "The cloud of an HDF5 batch.")
  Integer index;

  @Option(names = "--json", description = "Print a JSON summary on stdout.")
  boolean json;

  @Mixin OutputOptions output;

  @Override
  public Integer call() throws IOException {
    LabelSelection selection = LabelSelection.of(labels.stream().mapToInt(Integer::intValue)
        .toArray());
    WriteOptions writeOptions = output.forFile(out);
    WriteOptions restOptions = rest == null ? null : output.forFile(rest);
    PointCloud cloud = CloudFiles.readCloud(in, ReadOptions.DEFAULT, index);
    int[] pointLabels;
    try {
      pointLabels = LabelSelection.labelsOf(cloud, channel);
    } catch (IllegalArgumentException e) {
      throw new UserException(in + ": " + e.getMessage(), e);
    }
    int n = cloud.size();
    int[] kept = remove ? selection.remove(pointLabels, n) : selection.select(pointLabels, n);
    SelectionOutput.write(spec, cloud, kept, out, writeOptions, rest, restOptions);
    Commands.log(spec, String.format(Locale.ROOT, "wrote %s: %d of %d points (%s %s %s)", out,
        kept.length, n, remove ? "removed" : "selected", channel, labels));
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("input", in.toString());
      doc.put("output", out.toString());
      doc.put("channel", channel);
      doc.put("labels", labels);
      doc.put("remove", remove);
      doc.put("points", n);
      doc.put("kept", kept.length);
      Json.print(spec.commandLine().getOut(), doc);
    }
    return ExitCodes.OK;
  }
}

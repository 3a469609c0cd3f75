package org.pointea.tools.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.pointea.tools.bench.ScaleBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pointea bench scale}: runs {@link ScaleBench}. */
@Command(
    name = "scale",
    mixinStandardHelpOptions = true,
    description = {
      "Time and peak memory of part segmentation on scene-size clouds, per mixer.",
      "",
      "The PCT part-segmentation network (batch 1, inference) on clouds of 4k to",
      "128k points with External and UFO attention (linear in the points), and with",
      "offset and self-attention (an N x N map per layer and head) up to the size",
      "their predicted peak allows. Each measurement runs in its own JVM, capped at",
      "min(--max-gib, available memory - --reserve-gib); a size whose predicted peak",
      "exceeds the cap is not started, and the table says why. See docs/scaling.md."
    })
public final class BenchScaleCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Option(names = "--mixers", split = ",", paramLabel = "MIXER", description = "Mixers, "
      + "comma-separated (default: external,ufo,offset,self).")
  List<String> mixers;

  @Option(names = "--points", split = ",", paramLabel = "N", description = "Cloud sizes for "
      + "External and UFO attention (default: 4096,16384,65536,131072).")
  List<Integer> points;

  @Option(names = "--quadratic-points", split = ",", paramLabel = "N", description = "Cloud "
      + "sizes for offset and self-attention (default: 2048,4096,8192,16384,32768).")
  List<Integer> quadraticPoints;

  @Option(names = "--max-gib", defaultValue = "16", description = "Memory cap of one "
      + "measurement in GiB (default: ${DEFAULT-VALUE}).")
  double maxGib;

  @Option(names = "--reserve-gib", defaultValue = "4", description = "Memory left to the rest of"
      + " the machine in GiB (default: ${DEFAULT-VALUE}).")
  double reserveGib;

  @Option(names = "--runs", defaultValue = "3", description = "Measured runs per size after a "
      + "warm-up, median reported; 2 above 20k points (default: ${DEFAULT-VALUE}).")
  int runs;

  @Override
  public Integer call() throws Exception {
    if (runs < 1) {
      throw new UserException("--runs must be at least 1, got " + runs);
    }
    if (!(maxGib > 0) || !(reserveGib >= 0)) {
      throw new UserException("--max-gib must be positive and --reserve-gib not negative");
    }
    List<String> args = new ArrayList<>(List.of("--max-gib", Double.toString(maxGib),
        "--reserve-gib", Double.toString(reserveGib), "--runs", Integer.toString(runs)));
    if (mixers != null && !mixers.isEmpty()) {
      for (String m : mixers) {
        String k = m.strip().toLowerCase(Locale.ROOT);
        if (!List.of("external", "ufo", "offset", "self").contains(k)) {
          throw new UserException("unknown mixer '" + m + "'; mixers: external, ufo, offset, self");
        }
      }
      args.addAll(List.of("--mixers", String.join(",", mixers)));
    }
    if (points != null && !points.isEmpty()) {
      args.addAll(List.of("--points", sizes("--points", points)));
    }
    if (quadraticPoints != null && !quadraticPoints.isEmpty()) {
      args.addAll(List.of("--quadratic-points", sizes("--quadratic-points", quadraticPoints)));
    }
    if (json) {
      args.add("--json");
    }
    BenchOutput.run(spec, out -> ScaleBench.run(args.toArray(String[]::new), out, System.err));
    return ExitCodes.OK;
  }

  private static String sizes(String option, List<Integer> sizes) {
    for (int n : sizes) {
      if (n < 64) {
        throw new UserException(option + " sizes must be at least 64, got " + n);
      }
    }
    return sizes.stream().map(String::valueOf).collect(Collectors.joining(","));
  }
}

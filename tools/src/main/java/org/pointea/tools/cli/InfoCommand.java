package org.pointea.tools.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pointea info FILE...}: what a point-cloud file holds. */
@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    description = {
      "Describe point-cloud files and bags: format, points, channels, bounds, NaNs.",
      "",
      "Format and encoding, points, channels, bounding box, organized size, non-",
      "finite (NaN) points; faces of meshes; the batch layout of PointNet HDF5 files;",
      "shape and value range of NPY arrays that are not clouds (labels); the header of",
      "LAS files (scale, offset, CRS, returns, classes); for bags (MCAP, rosbag2 .db3",
      "or directory, ROS 1 .bag) the duration, time range and, per topic, messages",
      "and, for point clouds, points, frame ids and fields. Every file is described",
      "even when one fails; the exit code is then 1."
    })
public final class InfoCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "PLY, PCD, OFF, XYZ/XYZN/"
      + "XYZRGB/PTS/CSV/TXT, NPY, HDF5 or LAS files, or bags (.mcap, .db3, .bag, or a rosbag2"
      + " bag directory).")
  List<Path> files;

  @Option(names = "--json", description = "Print a JSON array with one object per file.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean verbose = Commands.verbose(spec);
    List<FileInfo> infos = new ArrayList<>();
    int code = ExitCodes.OK;
    for (Path file : files) {
      FileInfo info;
      try {
        info = FileInspector.inspect(file);
      } catch (Exception | StackOverflowError e) {
        int c = Errors.report(spec.qualifiedName(), e, err, verbose);
        code = Math.max(code, c);
        info = FileInfo.failed(file.toString(), Errors.isUserError(e) ? Errors.message(e)
            : "internal error: " + e);
      }
      infos.add(info);
      if (!json && info.error() == null) {
        out.print(text(info));
        out.flush();
      }
    }
    if (json) {
      Json.print(out, infos);
    }
    return code;
  }

  /**
   * Formats one description as aligned text.
   *
   * @param i the description
   * @return the text, ending with a newline
   */
  static String text(FileInfo i) {
    if (i.bag() != null) {
      return bagText(i);
    }
    StringBuilder sb = new StringBuilder(i.file()).append('\n');
    String enc = i.encoding() + (i.dtype() != null ? ", " + i.dtype() : "");
    row(sb, "format", i.format() + " (" + enc + ")");
    row(sb, "size", String.format(Locale.ROOT, "%,d bytes", i.bytes()));
    if (i.array() != null) {
      FileInfo.ArrayInfo a = i.array();
      row(sb, "array", shape(a.shape()) + (a.min() == null ? ""
          : ", values " + num(a.min()) + " to " + num(a.max())));
      return sb.toString();
    }
    row(sb, "points", String.format(Locale.ROOT, "%,d", i.points()));
    row(sb, "channels", i.channels().isEmpty() ? "none (positions only)"
        : i.channels().stream().map(Object::toString).collect(Collectors.joining(", ")));
    if (i.bounds() != null) {
      double[] lo = i.bounds().min();
      double[] hi = i.bounds().max();
      row(sb, "bounds", "min " + vec(lo) + "  max " + vec(hi));
      row(sb, "extent", vec(new double[] {hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]}));
    } else {
      row(sb, "bounds", "none (no finite point)");
    }
    row(sb, "organized", i.organized() == null ? "no"
        : i.organized().width() + " x " + i.organized().height());
    row(sb, "non-finite", String.format(Locale.ROOT, "%,d", i.nonFinite()));
    if (i.origin() != null) {
      row(sb, "origin", vec(i.origin()) + " (absolute = origin + stored)");
    }
    if (i.viewpoint() != null) {
      double[] v = i.viewpoint();
      row(sb, "viewpoint", "t " + vec(new double[] {v[0], v[1], v[2]}) + "  q (w x y z) "
          + num(v[3]) + " " + num(v[4]) + " " + num(v[5]) + " " + num(v[6]));
    }
    if (i.faces() != null) {
      row(sb, "faces", String.format(Locale.ROOT, "%,d (%,d triangles)", i.faces(),
          i.triangles()));
    }
    if (i.batch() != null) {
      FileInfo.Batch b = i.batch();
      row(sb, "batch", String.format(Locale.ROOT, "%,d clouds x %,d points, %d classes%s%s",
          b.clouds(), b.pointsPerCloud(), b.classes(),
          b.labelRange() == null ? "" : " (labels " + b.labelRange()[0] + " to "
              + b.labelRange()[1] + ")",
          b.partRange() == null ? "" : ", part ids " + b.partRange()[0] + " to "
              + b.partRange()[1]));
      for (FileInfo.DatasetInfo d : b.datasets()) {
        row(sb, "  " + d.name(), shape(d.shape()) + " " + d.dtype()
            + (d.filters().isEmpty() ? "" : " (" + String.join(", ", d.filters()) + ")"));
      }
    }
    if (i.comments() != null) {
      for (String c : i.comments()) {
        row(sb, "comment", c);
      }
    }
    if (i.las() != null) {
      lasRows(sb, i.las());
    }
    return sb.toString();
  }

  private static void lasRows(StringBuilder sb, FileInfo.Las l) {
    row(sb, "scale", vec(l.scale()));
    row(sb, "offset", vec(l.offset()));
    row(sb, "crs", l.crs() == null ? "none declared" : l.crs());
    row(sb, "returns", l.pointsByReturn().length == 0 ? "none counted"
        : java.util.Arrays.stream(l.pointsByReturn()).mapToObj(n -> String.format(Locale.ROOT,
            "%,d", n)).collect(Collectors.joining(" / ")) + " (1st / 2nd / ...)");
    if (!l.classes().isEmpty()) {
      row(sb, "classes", l.classes().entrySet().stream().map(e -> e.getKey() + ": "
          + String.format(Locale.ROOT, "%,d", e.getValue())).collect(Collectors.joining(", ")));
    }
    if (!l.extraBytes().isEmpty()) {
      row(sb, "extra bytes", String.join(", ", l.extraBytes()));
    }
    row(sb, "written by", (l.generatingSoftware().isEmpty() ? "?" : l.generatingSoftware())
        + (l.systemIdentifier().isEmpty() ? "" : " (" + l.systemIdentifier() + ")")
        + (l.created() == null ? "" : ", " + l.created()));
  }

  private static String bagText(FileInfo i) {
    FileInfo.Bag b = i.bag();
    StringBuilder sb = new StringBuilder(i.file()).append('\n');
    row(sb, "format", b.storage() + " bag (" + (b.indexed() ? "indexed" : "no index: scanned")
        + (b.compression().isEmpty() ? "" : ", " + String.join(", ", b.compression())) + ")");
    row(sb, "size", String.format(Locale.ROOT, "%,d bytes", i.bytes()));
    if (b.messages() > 0) {
      row(sb, "duration", String.format(Locale.ROOT, "%.3f s", b.durationSeconds()));
      row(sb, "start", instant(b.startNs()) + " (" + b.startNs() + " ns)");
      row(sb, "end", instant(b.endNs()) + " (" + b.endNs() + " ns)");
    }
    row(sb, "messages", String.format(Locale.ROOT, "%,d", b.messages()));
    row(sb, "points", String.format(Locale.ROOT, "%,d", i.points()));
    row(sb, "topics", Integer.toString(b.topics().size()));
    int width = b.topics().stream().mapToInt(t -> t.name().length()).max().orElse(0);
    for (FileInfo.Topic t : b.topics()) {
      sb.append(String.format(Locale.ROOT, "    %-" + width + "s  %,7d msgs  %s%n", t.name(),
          t.messages(), t.type()));
      FileInfo.Clouds c = t.clouds();
      if (c != null && t.messages() > 0) {
        String per = c.minPoints() == c.maxPoints()
            ? String.format(Locale.ROOT, "%,d per message", c.minPoints())
            : String.format(Locale.ROOT, "%,d to %,d per message", c.minPoints(), c.maxPoints());
        sb.append(String.format(Locale.ROOT, "    %-" + width + "s  %,d points (%s%s), frame %s%n",
            "", c.points(), per, c.organized() == null ? ""
                : ", " + c.organized().width() + " x " + c.organized().height(),
            String.join(", ", c.frameIds())));
        sb.append(String.format(Locale.ROOT, "    %-" + width + "s  fields %s%n", "",
            String.join(" ", c.fields())));
      }
    }
    return sb.toString();
  }

  private static String instant(long ns) {
    return java.time.Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L),
        Math.floorMod(ns, 1_000_000_000L)).toString();
  }


  private static void row(StringBuilder sb, String key, String value) {
    sb.append(String.format(Locale.ROOT, "  %-11s %s%n", key, value));
  }

  private static String shape(int[] shape) {
    return "[" + java.util.Arrays.stream(shape).mapToObj(Integer::toString)
        .collect(Collectors.joining(", ")) + "]";
  }

  private static String vec(double[] v) {
    return "(" + num(v[0]) + ", " + num(v[1]) + ", " + num(v[2]) + ")";
  }

  /** Six significant digits without trailing zeros: 0.0374200 is 0.03742, 256.000 is 256. */
  static String num(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    String s = String.format(Locale.ROOT, "%.6g", v);
    int e = s.indexOf('e');
    String mantissa = e < 0 ? s : s.substring(0, e);
    if (mantissa.contains(".")) {
      mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return e < 0 ? mantissa : mantissa + s.substring(e);
  }
}

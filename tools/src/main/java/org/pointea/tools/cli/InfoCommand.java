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
      "Describe point-cloud files: format, points, channels, bounds, NaNs.",
      "",
      "Format and encoding, points, channels, bounding box, organized size, non-",
      "finite (NaN) points; faces of meshes; the batch layout of PointNet HDF5 files;",
      "shape and value range of NPY arrays that are not clouds (labels). Every file",
      "is described even when one fails; the exit code is then 1."
    })
public final class InfoCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "PLY, PCD, OFF, XYZ/XYZN/"
      + "XYZRGB/PTS/CSV/TXT, NPY or HDF5 files.")
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
    return sb.toString();
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

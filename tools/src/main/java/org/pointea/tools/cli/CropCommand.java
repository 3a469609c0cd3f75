package org.pointea.tools.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pointea.io.ReadOptions;
import org.pointea.io.WriteOptions;
import org.pointea.pointcloud.Indices;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.filters.CropBox;
import org.pointea.pointcloud.filters.CropPolygon;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pointea crop IN OUT --min/--max | --polygon | --polygon-json}: crop. */
@Command(
    name = "crop",
    mixinStandardHelpOptions = true,
    description = {
      "Keep the points inside a box or an extruded polygon.",
      "",
      "  --min X,Y,Z --max X,Y,Z  an axis-aligned box, bounds included (Open3D's",
      "                           crop(AxisAlignedBoundingBox), PCL's CropBox);",
      "  --polygon U,V,U,V,...    a polygon in the plane across --axis (z: x,y;",
      "                           y: x,z; x: y,z), between --range MIN,MAX on that",
      "                           axis (default: unbounded), even-odd rule as",
      "                           Open3D's SelectionPolygonVolume;",
      "  --polygon-json FILE      an Open3D SelectionPolygonVolume file (as saved",
      "                           by its visualizer, e.g. cropped.json).",
      "--invert keeps the points outside instead; --rest writes the others.",
      "Coordinates compare in double; inf and -inf are allowed bounds."
    })
public final class CropCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "IN", description = "Input cloud.")
  Path in;

  @Parameters(index = "1", paramLabel = "OUT", description = "Output file; format from the "
      + "extension.")
  Path out;

  @Option(names = "--min", paramLabel = "X,Y,Z", converter = Numbers.Converter.class,
      description = "Lower corner of the box.")
  Numbers min;

  @Option(names = "--max", paramLabel = "X,Y,Z", converter = Numbers.Converter.class,
      description = "Upper corner of the box.")
  Numbers max;

  @Option(names = "--polygon", paramLabel = "U,V,...", converter = Numbers.Converter.class,
      description = "Polygon vertices, at least three (u, v) pairs.")
  Numbers polygon;

  @Option(names = "--axis", paramLabel = "AXIS", defaultValue = "z",
      description = "Axis the polygon is extruded along: x, y or z (default: ${DEFAULT-VALUE}).")
  String axis;

  @Option(names = "--range", paramLabel = "MIN,MAX", converter = Numbers.Converter.class,
      description = "Bounds along --axis, included (default: unbounded).")
  Numbers range;

  @Option(names = "--polygon-json", paramLabel = "FILE", description = "An Open3D "
      + "SelectionPolygonVolume JSON file.")
  Path polygonJson;

  @Option(names = "--invert", description = "Keep the points outside instead.")
  boolean invert;

  @Option(names = "--rest", paramLabel = "FILE", description = "Also write the other points here.")
  Path rest;

  @Option(names = "--index", paramLabel = "I", description = "The cloud of an HDF5 batch.")
  Integer index;

  @Option(names = "--json", description = "Print a JSON summary on stdout.")
  boolean json;

  @Mixin OutputOptions output;

  @Override
  public Integer call() throws IOException {
    int shapes = (min != null || max != null ? 1 : 0) + (polygon != null ? 1 : 0)
        + (polygonJson != null ? 1 : 0);
    if (shapes != 1) {
      throw new UserException("give one region: --min and --max, --polygon, or --polygon-json");
    }
    Object region;
    try {
      if (polygonJson != null) {
        region = volume(polygonJson);
      } else if (polygon != null) {
        double lo = Double.NEGATIVE_INFINITY;
        double hi = Double.POSITIVE_INFINITY;
        if (range != null) {
          double[] r = range.exactly("--range", 2);
          lo = r[0];
          hi = r[1];
        }
        region = CropPolygon.of(CropPolygon.Axis.parse(axis), polygon.values(), lo, hi);
      } else {
        if (min == null || max == null) {
          throw new UserException("a box needs both --min and --max");
        }
        region = CropBox.of(min.exactly("--min", 3), max.exactly("--max", 3));
      }
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage(), e);
    }
    if (!(region instanceof CropPolygon) && (range != null || !axis.equalsIgnoreCase("z"))) {
      throw new UserException("--axis and --range apply to --polygon only");
    }
    WriteOptions writeOptions = output.forFile(out);
    WriteOptions restOptions = rest == null ? null : output.forFile(rest);
    long start = System.nanoTime();
    PointCloud cloud = CloudFiles.readCloud(in, ReadOptions.DEFAULT, index);
    int n = cloud.size();
    int[] inside = region instanceof CropBox box ? box.filter(cloud.positions(), n)
        : ((CropPolygon) region).filter(cloud.positions(), n);
    int[] kept = invert ? Indices.complement(inside, n) : inside;
    double seconds = (System.nanoTime() - start) / 1e9;
    SelectionOutput.write(spec, cloud, kept, out, writeOptions, rest, restOptions);
    Commands.log(spec, String.format(Locale.ROOT, "wrote %s: %d of %d points %s (%.2f s)", out,
        kept.length, n, invert ? "outside" : "inside", seconds));
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("input", in.toString());
      doc.put("output", out.toString());
      doc.put("region", region.toString());
      doc.put("invert", invert);
      doc.put("points", n);
      doc.put("kept", kept.length);
      doc.put("seconds", seconds);
      Json.print(spec.commandLine().getOut(), doc);
    }
    return ExitCodes.OK;
  }

  /** Reads an Open3D {@code SelectionPolygonVolume} JSON file. */
  static CropPolygon volume(Path file) throws IOException {
    CloudFiles.requireFile(file);
    if (Files.size(file) > 1 << 24) {
      throw new UserException(file + ": too large for a selection polygon (" + Files.size(file)
          + " bytes)");
    }
    JsonNode doc;
    try {
      doc = new ObjectMapper().readTree(file.toFile());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UserException(file + ": not JSON: " + e.getOriginalMessage() + " (line "
          + e.getLocation().getLineNr() + ")", e);
    }
    if (doc == null || !"SelectionPolygonVolume".equals(doc.path("class_name").asText())) {
      throw new UserException(file + ": not an Open3D SelectionPolygonVolume (class_name)");
    }
    JsonNode poly = doc.path("bounding_polygon");
    if (!poly.isArray() || poly.size() < 3) {
      throw new UserException(file + ": bounding_polygon needs at least 3 vertices");
    }
    double[] flat = new double[3 * poly.size()];
    for (int i = 0; i < poly.size(); i++) {
      JsonNode v = poly.get(i);
      if (!v.isArray() || v.size() != 3) {
        throw new UserException(file + ": bounding_polygon[" + i + "] is not [x, y, z]");
      }
      for (int a = 0; a < 3; a++) {
        if (!v.get(a).isNumber()) {
          throw new UserException(file + ": bounding_polygon[" + i + "][" + a
              + "] is not a number");
        }
        flat[3 * i + a] = v.get(a).asDouble();
      }
    }
    for (String key : new String[] {"axis_min", "axis_max"}) {
      if (!doc.path(key).isNumber()) {
        throw new UserException(file + ": " + key + " is missing or not a number");
      }
    }
    try {
      return CropPolygon.fromVolume(CropPolygon.Axis.parse(doc.path("orthogonal_axis").asText()),
          flat, doc.get("axis_min").asDouble(), doc.get("axis_max").asDouble());
    } catch (IllegalArgumentException e) {
      throw new UserException(file + ": " + e.getMessage(), e);
    }
  }
}

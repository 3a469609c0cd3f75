package org.pointea.tools.cli;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.filter.PipelineFilterWithData;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pointea.io.PointCloudFormat;
import org.pointea.io.PointCloudFormatException;
import org.pointea.io.PointCloudIO;
import org.pointea.io.ReadOptions;
import org.pointea.io.hdf5.PointNetBatch;
import org.pointea.io.hdf5.PointNetH5Reader;
import org.pointea.io.internal.Input;
import org.pointea.io.las.LasCrs;
import org.pointea.io.las.LasExtraDimension;
import org.pointea.io.las.LasHeader;
import org.pointea.io.las.LasReader;
import org.pointea.io.npy.NpyArray;
import org.pointea.io.npy.NpyReader;
import org.pointea.io.pcd.PcdHeader;
import org.pointea.io.ply.PlyHeader;
import org.pointea.pointcloud.Bounds;
import org.pointea.pointcloud.Channel;
import org.pointea.pointcloud.DoubleChannel;
import org.pointea.pointcloud.IntChannel;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.TriangleMesh;
import org.pointea.pointcloud.Viewpoint;

/**
 * Reads a file the way {@code pointea info} describes it: the format and encoding from its header
 * (PLY, PCD), the cloud itself for counts, channels, bounds and non-finite points, the mesh for
 * faces, the batch layout of a PointNet HDF5 file, and the shape and range of an NPY array that is
 * not a cloud (labels, predictions).
 */
public final class FileInspector {
  private static final Pattern OFF_COUNTS =
      Pattern.compile("^\\s*(?:ST)?C?N?OFF\\s*(\\d+)\\s+(\\d+)");
  private static final Pattern OFF_KEYWORD = Pattern.compile("^\\s*(?:ST)?C?N?OFF\\s*$");
  private static final Pattern COUNTS = Pattern.compile("^\\s*(\\d+)\\s+(\\d+)");

  private FileInspector() {}

  /**
   * Describes one file.
   *
   * @param path the file
   * @return its description
   * @throws IOException when it cannot be read or is malformed
   */
  public static FileInfo inspect(Path path) throws IOException {
    if (CloudFiles.isBag(path)) {
      return BagInspector.inspect(path);
    }
    PointCloudFormat format = CloudFiles.format(path);
    long bytes = Files.size(path);
    return switch (format) {
      case LAS -> las(path, bytes);
      case HDF5 -> hdf5(path, bytes);
      case NPY -> npy(path, bytes);
      case PLY -> ply(path, bytes);
      case PCD -> pcd(path, bytes);
      case OFF -> off(path, bytes);
      default -> cloud(path, format, "ascii", null, bytes,
          PointCloudIO.read(path, format, ReadOptions.DEFAULT), null, null, null);
    };
  }

  private static FileInfo las(Path path, long bytes) throws IOException {
    LasHeader h = LasReader.readHeader(path);
    PointCloud cloud = PointCloudIO.read(path, PointCloudFormat.LAS, ReadOptions.DEFAULT);
    java.util.TreeMap<Integer, Long> classes = new java.util.TreeMap<>();
    if (cloud.hasLabels()) {
      for (int c : cloud.labels()) {
        classes.merge(c, 1L, Long::sum);
      }
    }
    int returns = h.pointsByReturn().length;
    while (returns > 0 && h.pointsByReturn()[returns - 1] == 0) {
      returns--;
    }
    FileInfo.Las las = new FileInfo.Las(h.version(), h.pointFormat().id(), h.pointRecordLength(),
        h.scale(), h.offset(), LasCrs.describe(h.vlrs()).orElse(null), h.systemIdentifier(),
        h.generatingSoftware(), created(h), Arrays.copyOf(h.pointsByReturn(), returns), classes,
        h.extraDimensions().stream().map(LasExtraDimension::name).toList(),
        h.vlrs().stream().map(v -> v.userId() + "/" + v.recordId()).toList());
    FileInfo c = cloud(path, PointCloudFormat.LAS, "point format " + h.pointFormat().id(), null,
        bytes, cloud, null, null, null);
    return new FileInfo(c.file(), "LAS " + h.version(), c.encoding(), c.dtype(), c.bytes(),
        c.points(), c.channels(), c.bounds(), c.organized(), c.nonFinite(), c.origin(),
        c.viewpoint(), null, null, null, null, null, las, null, null);
  }

  private static String created(LasHeader h) {
    if (h.creationYear() <= 0 || h.creationDayOfYear() < 1 || h.creationDayOfYear() > 366) {
      return null;
    }
    try {
      return java.time.LocalDate.ofYearDay(h.creationYear(), h.creationDayOfYear()).toString();
    } catch (java.time.DateTimeException e) {
      return null; // day 366 of a common year: a writer's mistake, not worth failing info
    }
  }

  private static FileInfo ply(Path path, long bytes) throws IOException {
    PlyHeader header;
    try (Input in = Input.open(path)) {
      header = PlyHeader.read(in);
    }
    PointCloud cloud = PointCloudIO.read(path, PointCloudFormat.PLY, ReadOptions.DEFAULT);
    Long faces = null;
    Long triangles = null;
    PlyHeader.Element face = header.element("face");
    if (face != null && face.count() > 0) {
      faces = face.count();
      triangles = (long) PointCloudIO.readMesh(path).triangleCount();
    }
    return cloud(path, PointCloudFormat.PLY, header.encoding().keyword(), null, bytes, cloud,
        faces, triangles, header.comments().isEmpty() ? null : header.comments());
  }

  private static FileInfo pcd(Path path, long bytes) throws IOException {
    PcdHeader header;
    try (Input in = Input.open(path)) {
      header = PcdHeader.read(in);
    }
    PointCloud cloud = PointCloudIO.read(path, PointCloudFormat.PCD, ReadOptions.DEFAULT);
    return cloud(path, PointCloudFormat.PCD, header.encoding().keyword(), null, bytes, cloud,
        null, null, null);
  }

  private static FileInfo off(Path path, long bytes) throws IOException {
    PointCloud cloud = PointCloudIO.read(path, PointCloudFormat.OFF, ReadOptions.DEFAULT);
    TriangleMesh mesh = PointCloudIO.readMesh(path);
    Long faces = offFaceCount(path);
    return cloud(path, PointCloudFormat.OFF, "ascii", null, bytes, cloud,
        faces != null ? faces : (long) mesh.triangleCount(), (long) mesh.triangleCount(), null);
  }

  /** The face count of an OFF header (keyword line, counts glued or on a later line). */
  static Long offFaceCount(Path path) throws IOException {
    byte[] head = new byte[4096];
    int n;
    try (var in = Files.newInputStream(path)) {
      n = in.readNBytes(head, 0, head.length);
    }
    boolean keywordSeen = false;
    for (String raw : new String(head, 0, n, StandardCharsets.ISO_8859_1).split("\\R")) {
      String line = raw.replaceFirst("#.*", "");
      if (line.isBlank()) {
        continue;
      }
      Matcher glued = OFF_COUNTS.matcher(line);
      if (glued.find()) {
        return Long.parseLong(glued.group(2));
      }
      if (!keywordSeen && OFF_KEYWORD.matcher(line).matches()) {
        keywordSeen = true;
        continue;
      }
      Matcher counts = COUNTS.matcher(line);
      return counts.find() ? Long.parseLong(counts.group(2)) : null;
    }
    return null;
  }

  private static FileInfo npy(Path path, long bytes) throws IOException {
    NpyArray array = NpyReader.readArray(path);
    String dtype = array.dtype().name().toLowerCase(Locale.ROOT);
    int[] shape = array.shape();
    if (shape.length == 2 && shape[1] >= 3) {
      PointCloud cloud = PointCloudIO.read(path, PointCloudFormat.NPY, ReadOptions.DEFAULT);
      return cloud(path, PointCloudFormat.NPY, "binary", dtype, bytes, cloud, null, null, null);
    }
    Double min = null;
    Double max = null;
    int size = array.size();
    for (int i = 0; i < size; i++) {
      double v = array.valueAsDouble(i);
      if (Double.isNaN(v)) {
        continue;
      }
      min = min == null ? v : Math.min(min, v);
      max = max == null ? v : Math.max(max, v);
    }
    return new FileInfo(path.toString(), "NPY", "binary", dtype, bytes, null, null, null, null,
        null, null, null, null, null, null, new FileInfo.ArrayInfo(shape, min, max), null, null, null, null);
  }

  private static FileInfo hdf5(Path path, long bytes) throws IOException {
    PointNetBatch batch = PointNetH5Reader.read(path);
    int clouds = batch.size();
    long points = 0;
    long nonFinite = 0;
    double[] min = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
    double[] max = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
    int[] partRange = null;
    for (PointCloud c : batch.clouds()) {
      points += c.size();
      nonFinite += c.countNonFinite();
      grow(c, min, max);
      if (c.channel(Channel.LABELS).orElse(null) instanceof IntChannel pid) {
        for (int i = 0; i < pid.size(); i++) {
          int v = pid.get(i, 0);
          partRange = partRange == null ? new int[] {v, v}
              : new int[] {Math.min(partRange[0], v), Math.max(partRange[1], v)};
        }
      }
    }
    int[] labels = batch.labels();
    int[] labelRange = null;
    int classes = (int) Arrays.stream(labels).distinct().count();
    for (int l : labels) {
      labelRange = labelRange == null ? new int[] {l, l}
          : new int[] {Math.min(labelRange[0], l), Math.max(labelRange[1], l)};
    }
    List<FileInfo.DatasetInfo> datasets = datasets(path);
    String dtype = datasets.stream().filter(d -> d.name().equals("data")).map(
        FileInfo.DatasetInfo::dtype).findFirst().orElse(null);
    boolean compressed = datasets.stream().anyMatch(d -> !d.filters().isEmpty());
    int perCloud = clouds > 0 ? batch.cloud(0).size() : 0;
    FileInfo.Batch layout = new FileInfo.Batch(clouds, perCloud, classes, labelRange, partRange,
        datasets);
    PointCloud first = clouds > 0 ? batch.cloud(0) : PointCloud.empty();
    return new FileInfo(path.toString(), "HDF5", compressed ? "binary_compressed" : "binary",
        dtype, bytes, points, channels(first), box(min, max, new double[3]), null, nonFinite,
        null, null, null, null, layout, null, null, null, null, null);
  }

  private static List<FileInfo.DatasetInfo> datasets(Path path) throws IOException {
    List<FileInfo.DatasetInfo> out = new ArrayList<>();
    try (HdfFile h = new HdfFile(path)) {
      collect(h, out);
    } catch (RuntimeException e) {
      // the batch read already succeeded; a dataset jhdf cannot describe is still a bad file
      throw new PointCloudFormatException(path.toString(), -1, -1,
          "cannot list the HDF5 datasets: " + e.getMessage(), e);
    }
    return out;
  }

  private static void collect(Group group, List<FileInfo.DatasetInfo> out) {
    for (Node node : group.getChildren().values()) {
      if (node instanceof Dataset d) {
        List<String> filters = new ArrayList<>();
        for (PipelineFilterWithData f : d.getFilters()) {
          filters.add(f.getName());
        }
        String name = d.getPath().startsWith("/") ? d.getPath().substring(1) : d.getPath();
        out.add(new FileInfo.DatasetInfo(name, d.getDimensions(), dtype(d.getDataType()),
            filters));
      } else if (node instanceof Group g) {
        collect(g, out);
      }
    }
  }

  private static String dtype(DataType t) {
    if (t instanceof FloatingPoint) {
      return "float" + 8 * t.getSize();
    }
    if (t instanceof FixedPoint f) {
      return (f.isSigned() ? "int" : "uint") + 8 * t.getSize();
    }
    return t.getClass().getSimpleName().toLowerCase(Locale.ROOT);
  }

  private static FileInfo cloud(Path path, PointCloudFormat format, String encoding, String dtype,
      long bytes, PointCloud cloud, Long faces, Long triangles, List<String> comments) {
    double[] min = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
    double[] max = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
    grow(cloud, min, max);
    double[] origin = cloud.origin();
    boolean shifted = origin[0] != 0 || origin[1] != 0 || origin[2] != 0;
    Viewpoint vp = cloud.viewpoint();
    double[] viewpoint = vp.isIdentity() ? null
        : new double[] {vp.tx(), vp.ty(), vp.tz(), vp.qw(), vp.qx(), vp.qy(), vp.qz()};
    FileInfo.Grid grid = cloud.isOrganized()
        ? new FileInfo.Grid(cloud.width(), cloud.height()) : null;
    return new FileInfo(path.toString(), format.name(), encoding, dtype, bytes,
        (long) cloud.size(), channels(cloud), box(min, max, origin), grid,
        (long) cloud.countNonFinite(), shifted ? origin : null, viewpoint, faces, triangles, null,
        null, comments, null, null, null);
  }

  private static List<FileInfo.ChannelInfo> channels(PointCloud cloud) {
    List<FileInfo.ChannelInfo> out = new ArrayList<>();
    for (Channel ch : cloud.channels().values()) {
      out.add(new FileInfo.ChannelInfo(ch.name(), ch instanceof IntChannel ? "int"
          : ch instanceof DoubleChannel ? "double" : "float",
          ch.width()));
    }
    return out;
  }

  private static void grow(PointCloud cloud, double[] min, double[] max) {
    Bounds b = cloud.bounds();
    if (b.isEmpty()) {
      return;
    }
    float[] lo = b.min();
    float[] hi = b.max();
    for (int a = 0; a < 3; a++) {
      // the float's shortest decimal form, so JSON shows 0.1 rather than 0.10000000149011612
      min[a] = Math.min(min[a], Double.parseDouble(Float.toString(lo[a])));
      max[a] = Math.max(max[a], Double.parseDouble(Float.toString(hi[a])));
    }
  }

  private static FileInfo.Box box(double[] min, double[] max, double[] origin) {
    if (!(min[0] <= max[0])) {
      return null;
    }
    double[] lo = new double[3];
    double[] hi = new double[3];
    for (int a = 0; a < 3; a++) {
      lo[a] = min[a] + origin[a];
      hi[a] = max[a] + origin[a];
    }
    return new FileInfo.Box(lo, hi);
  }
}

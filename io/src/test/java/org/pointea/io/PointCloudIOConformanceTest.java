package org.pointea.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.pointea.io.hdf5.PointNetBatch;
import org.pointea.io.hdf5.PointNetH5Reader;
import org.pointea.io.npy.NpyArray;
import org.pointea.io.npy.NpyReader;
import org.pointea.io.text.TextLayout;
import org.pointea.pointcloud.Bounds;
import org.pointea.pointcloud.Channel;
import org.pointea.pointcloud.FloatChannel;
import org.pointea.pointcloud.IntChannel;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.TriangleMesh;

/**
 * Reads every file of the real corpus ({@code src/test/resources/real}, copied from
 * {@code shared/data/real}) and checks point count, first point, bounding box and the first values
 * of every channel against {@code groundtruth.json} (PCL's reading for PCD and PLY, the corpus's own
 * reader for OFF, NumPy for text, h5py for HDF5). Where PCL and Open3D disagree the spec decides;
 * see {@code docs/formats.md}.
 */
class PointCloudIOConformanceTest {

  @TestFactory
  List<DynamicTest> everyFileMatchesTheGroundTruth() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String rel : RealCorpus.truthPaths()) {
      JsonNode gt = RealCorpus.truth().get(rel);
      Path path = RealCorpus.file(rel);
      tests.add(dynamicTest(rel, () -> {
        switch (gt.get("format").asText()) {
          case "PCD", "PLY" -> checkPcl(path, gt);
          case "OFF" -> checkOff(path, gt);
          case "TXT/XYZ" -> checkText(path, gt);
          case "HDF5" -> checkH5(path, gt);
          default -> throw new AssertionError("unknown format in ground truth");
        }
      }));
    }
    return tests;
  }

  @Test
  void everyDataFileOfTheCorpusReads() throws IOException {
    int n = 0;
    for (Path p : RealCorpus.dataFiles()) {
      String name = p.getFileName().toString();
      if (name.endsWith(".npy")) {
        assertThat(NpyReader.readArray(p).size()).isPositive();
      } else if (name.endsWith(".h5")) {
        assertThat(PointCloudIO.readAll(p, ReadOptions.DEFAULT)).isNotEmpty();
      } else {
        PointCloudIO.read(p);
      }
      n++;
    }
    assertThat(n).isEqualTo(88);
  }

  // ---------------------------------------------------------------- PCD and PLY: PCL's reading

  private static void checkPcl(Path path, JsonNode gt) throws IOException {
    JsonNode pcl = gt.get("pcl");
    PointCloud c = PointCloudIO.read(path);
    assertThat(c.size()).as("points").isEqualTo(pcl.get("points").asInt());
    if (pcl.has("nan_or_inf_points")) {
      assertThat(c.countNonFinite()).as("non-finite points")
          .isEqualTo(pcl.get("nan_or_inf_points").asInt());
    }
    if (pcl.has("bbox_min")) {
      checkBounds(c, pcl.get("bbox_min"), pcl.get("bbox_max"));
    }
    JsonNode first = pcl.get("first");
    for (Iterator<Map.Entry<String, JsonNode>> it = first.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      checkFirstValue(c, e.getKey(), e.getValue());
    }
    if (gt.has("header") && gt.get("header").has("WIDTH")) {
      JsonNode h = gt.get("header");
      int w = h.get("WIDTH").asInt();
      int ht = h.get("HEIGHT").asInt();
      assertThat(c.height()).isEqualTo(ht);
      assertThat(c.width()).isEqualTo(ht > 1 ? w : c.size());
      if (h.has("VIEWPOINT")) {
        String[] v = h.get("VIEWPOINT").asText().split(" ");
        assertThat(c.viewpoint().tz()).isEqualTo(Double.parseDouble(v[2]));
        assertThat(c.viewpoint().qw()).isEqualTo(Double.parseDouble(v[3]));
        assertThat(c.viewpoint().qx()).isEqualTo(Double.parseDouble(v[4]));
      }
    }
    if (gt.has("open3d_mesh") && gt.get("format").asText().equals("PLY")) {
      TriangleMesh m = PointCloudIO.readMesh(path);
      assertThat(m.vertexCount()).isEqualTo(gt.get("open3d_mesh").get("vertices").asInt());
      assertThat(m.triangleCount()).as("triangles")
          .isEqualTo(gt.get("open3d_mesh").get("triangles").asInt());
    }
  }

  private static void checkFirstValue(PointCloud c, String key, JsonNode v) {
    switch (key) {
      case "x", "y", "z" -> {
        int a = "xyz".indexOf(key);
        float ours = c.positionsBuffer().get(a);
        if (v.isTextual()) {
          assertThat(ours).as(key).isNaN();
        } else {
          near(key, ours + c.origin()[a], v.asDouble());
        }
      }
      case "normal_x", "normal_y", "normal_z" -> near(key,
          c.floatChannel(Channel.NORMALS).get(0, key.charAt(7) - 'x'), v.asDouble());
      case "rgb", "rgba" -> {
        FloatChannel col = c.floatChannel(Channel.COLORS);
        JsonNode rgba = v.get("r,g,b,a");
        for (int k = 0; k < Math.min(col.width(), 4); k++) {
          if (k == 3 && key.equals("rgb")) {
            continue;
          }
          assertThat(Math.round(col.get(0, k) * 255)).as(key + "[" + k + "]")
              .isEqualTo(rgba.get(k).asInt());
        }
      }
      default -> {
        Channel ch = c.channel(key).orElseThrow(() -> new AssertionError("no channel " + key
            + " in " + c));
        if (v.isArray()) {
          for (int k = 0; k < v.size() && v.get(k).isNumber(); k++) {
            assertThat(ch.valueAsDouble(0, k)).as(key + "[" + k + "]")
                .isEqualTo(v.get(k).asDouble());
          }
        } else if (ch instanceof IntChannel) {
          assertThat(ch.valueAsDouble(0, 0)).as(key).isEqualTo(v.asDouble());
        } else {
          near(key, ch.valueAsDouble(0, 0), v.asDouble());
        }
      }
    }
  }

  // ---------------------------------------------------------------- OFF: the corpus's own reader

  private static void checkOff(Path path, JsonNode gt) throws IOException {
    JsonNode own = gt.get("own_reader");
    TriangleMesh m = PointCloudIO.readMesh(path);
    assertThat(m.vertexCount()).isEqualTo(own.get("vertices").asInt());
    int fan = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = own.get("face_sizes").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      fan += (Integer.parseInt(e.getKey()) - 2) * e.getValue().asInt();
    }
    assertThat(m.triangleCount()).as("fan triangles").isEqualTo(fan);
    for (int a = 0; a < 3; a++) {
      near("first vertex", m.vertex(0, a), own.get("first_vertex").get(a).asDouble());
    }
    PointCloud c = PointCloudIO.read(path);
    checkBounds(c, own.get("bbox_min"), own.get("bbox_max"));
    JsonNode ff = own.get("first_face");
    assertThat(m.corner(0, 0)).isEqualTo(ff.get(0).asInt());
    assertThat(m.corner(0, 1)).isEqualTo(ff.get(1).asInt());
    assertThat(m.corner(0, 2)).isEqualTo(ff.get(2).asInt());
  }

  // ---------------------------------------------------------------- text: numpy.loadtxt

  private static void checkText(Path path, JsonNode gt) throws IOException {
    JsonNode np = gt.get("numpy");
    PointCloud c = PointCloudIO.read(path);
    assertThat(c.size()).isEqualTo(gt.get("rows").asInt());
    JsonNode row = np.get("first_row");
    for (int a = 0; a < 3; a++) {
      near("first xyz", c.positionsBuffer().get(a) + c.origin()[a], row.get(a).asDouble());
    }
    checkBounds(c, np.get("bbox_min"), np.get("bbox_max"));
    JsonNode o3 = gt.get("open3d");
    if (o3.get("has_normals").asBoolean()) {
      for (int a = 0; a < 3; a++) {
        near("first normal", c.floatChannel(Channel.NORMALS).get(0, a),
            o3.get("first_normal").get(a).asDouble());
      }
    }
    if (o3.get("has_colors").asBoolean()) {
      for (int a = 0; a < 3; a++) {
        assertThat(Math.round(c.floatChannel(Channel.COLORS).get(0, a) * 255))
            .isEqualTo(o3.get("first_color_u8").get(a).asInt());
      }
    }
  }

  // ---------------------------------------------------------------- HDF5: h5py

  private static void checkH5(Path path, JsonNode gt) throws IOException {
    JsonNode ds = gt.get("datasets");
    PointNetBatch batch = PointNetH5Reader.read(path);
    JsonNode data = ds.get("data");
    assertThat(batch.size()).isEqualTo(data.get("shape").get(0).asInt());
    int n = data.get("shape").get(1).asInt();
    for (PointCloud c : batch.clouds()) {
      assertThat(c.size()).isEqualTo(n);
    }
    for (int a = 0; a < 3; a++) {
      near("first point", batch.cloud(0).positionsBuffer().get(a),
          data.get("first_point").get(a).asDouble());
    }
    float[] lo = {Float.MAX_VALUE, Float.MAX_VALUE, Float.MAX_VALUE};
    float[] hi = {-Float.MAX_VALUE, -Float.MAX_VALUE, -Float.MAX_VALUE};
    for (PointCloud c : batch.clouds()) {
      Bounds b = c.bounds();
      for (int a = 0; a < 3; a++) {
        lo[a] = Math.min(lo[a], b.min()[a]);
        hi[a] = Math.max(hi[a], b.max()[a]);
      }
    }
    for (int a = 0; a < 3; a++) {
      near("bbox min", lo[a], data.get("bbox_min").get(a).asDouble());
      near("bbox max", hi[a], data.get("bbox_max").get(a).asDouble());
    }
    JsonNode label = ds.get("label").get("first_values");
    for (int i = 0; i < Math.min(label.size(), batch.size()); i++) {
      assertThat(batch.label(i)).isEqualTo(label.get(i).asInt());
    }
    if (ds.has("normal")) {
      for (int a = 0; a < 3; a++) {
        near("first normal", batch.cloud(0).normals()[a],
            ds.get("normal").get("first_point").get(a).asDouble());
      }
    }
    if (ds.has("pid")) {
      JsonNode pid = ds.get("pid").get("first_values");
      for (int i = 0; i < pid.size(); i++) {
        assertThat(batch.cloud(0).labels()[i]).isEqualTo(pid.get(i).asInt());
      }
    }
    if (ds.has("faceId")) {
      JsonNode f = ds.get("faceId").get("first_values");
      for (int i = 0; i < f.size(); i++) {
        assertThat(batch.cloud(0).intChannel(PointNetBatch.FACE_ID).get(i, 0))
            .isEqualTo(f.get(i).asInt());
      }
    }
  }

  // ---------------------------------------------------------------- exact cross-checks

  @Test
  void binaryFilesWrittenByOpen3dEqualTheGeneratorsArrayExactly() throws IOException {
    NpyArray truth = NpyReader.readArray(RealCorpus.file("generated/open3d/groundtruth_cloud.npy"));
    double[] t = truth.doubles();
    for (String f : List.of("generated/open3d/rand_ply_binary.ply",
        "generated/open3d/rand_pcd_binary.pcd", "generated/open3d/rand_pcd_binary_compressed.pcd",
        "generated/pcl/rand_from_open3d_ply.pcd", "generated/open3d/rand_pcd_ascii.pcd")) {
      PointCloud c = PointCloudIO.read(RealCorpus.file(f));
      float[] xyz = c.positions();
      for (int i = 0; i < 1000; i++) {
        for (int a = 0; a < 3; a++) {
          assertThat(xyz[3 * i + a]).as(f).isEqualTo((float) t[9 * i + a]);
          if (c.hasNormals()) {
            assertThat(c.floatChannel(Channel.NORMALS).get(i, a)).as(f)
                .isEqualTo((float) t[9 * i + 3 + a]);
          }
        }
      }
      if (c.hasColors()) {
        float[] col = c.colors();
        for (int i = 0; i < 1000; i++) {
          for (int a = 0; a < 3; a++) {
            assertThat(Math.round(col[3 * i + a] * 255)).as(f)
                .isEqualTo((int) Math.round(t[9 * i + 6 + a] * 255));
          }
        }
      }
    }
  }

  @Test
  void open3dTextWithTenDecimalsReadsToTheNearestFloat() throws IOException {
    double[] t = NpyReader.readArray(RealCorpus.file("generated/open3d/groundtruth_cloud.npy"))
        .doubles();
    for (String f : List.of("generated/open3d/rand.xyzn", "generated/open3d/rand.xyzrgb",
        "generated/open3d/rand.pts")) {
      PointCloud c = PointCloudIO.read(RealCorpus.file(f));
      assertThat(c.size()).isEqualTo(1000);
      for (int i = 0; i < 3000; i++) {
        double e = t[9 * (i / 3) + i % 3];
        assertThat(Math.abs(c.positionsBuffer().get(i) - e)).as(f)
            .isLessThanOrEqualTo(5e-11 + Math.ulp((float) e));
      }
    }
  }

  @Test
  void pclsSevenDigitAsciiIsWithinHalfAUnitOfItsLastDigit() throws IOException {
    double[] t = NpyReader.readArray(RealCorpus.file("generated/open3d/groundtruth_cloud.npy"))
        .doubles();
    PointCloud c = PointCloudIO.read(RealCorpus.file(
        "generated/pcl/rand_from_open3d_pcd_ascii.pcd"));
    for (int i = 0; i < 3000; i++) {
      assertThat(Math.abs(c.positionsBuffer().get(i) - t[9 * (i / 3) + i % 3])).isLessThan(5e-7);
    }
  }

  @Test
  void theCsvWithAHeaderMatchesTheNpy() throws IOException {
    double[] t = NpyReader.readArray(RealCorpus.file("generated/open3d/groundtruth_cloud.npy"))
        .doubles();
    PointCloud c = PointCloudIO.read(RealCorpus.file("generated/open3d/groundtruth_cloud.csv"));
    assertThat(c.size()).isEqualTo(1000);
    assertThat(c.hasNormals()).isTrue();
    assertThat(c.floatChannel(Channel.COLORS).width()).isEqualTo(3);
    for (int i = 0; i < 1000; i++) {
      for (int a = 0; a < 3; a++) {
        assertThat(c.positionsBuffer().get(3 * i + a)).isEqualTo((float) t[9 * i + a]);
        assertThat(c.colors()[3 * i + a]).isEqualTo((float) t[9 * i + 6 + a]);
      }
    }
  }

  @Test
  void hdf5DatasetsEqualTheH5pyArraysExactly() throws IOException {
    String dir = "generated/h5py/";
    float[] data = NpyReader.readArray(RealCorpus.file(dir + "groundtruth_data.npy")).floats();
    float[] normal = NpyReader.readArray(RealCorpus.file(dir + "groundtruth_normal.npy")).floats();
    int[] face = NpyReader.readArray(RealCorpus.file(dir + "groundtruth_faceId.npy")).ints();
    int[] pid = NpyReader.readArray(RealCorpus.file(dir + "groundtruth_pid.npy")).ints();
    int[] cls = NpyReader.readArray(RealCorpus.file(dir + "groundtruth_label_cls.npy")).ints();
    int[] seg = NpyReader.readArray(RealCorpus.file(dir + "groundtruth_label_seg.npy")).ints();
    PointNetBatch mn = PointNetH5Reader.read(RealCorpus.file(dir
        + "modelnet40_ply_data_with_normal_gzip.h5"));
    PointNetBatch sn = PointNetH5Reader.read(RealCorpus.file(dir
        + "shapenet_part_ply_data_gzip.h5"));
    int n = 2048;
    for (int b = 0; b < 4; b++) {
      assertThat(mn.cloud(b).positions())
          .isEqualTo(java.util.Arrays.copyOfRange(data, b * n * 3, (b + 1) * n * 3));
      assertThat(mn.cloud(b).normals())
          .isEqualTo(java.util.Arrays.copyOfRange(normal, b * n * 3, (b + 1) * n * 3));
      assertThat(mn.cloud(b).intChannel(PointNetBatch.FACE_ID).toArray())
          .isEqualTo(java.util.Arrays.copyOfRange(face, b * n, (b + 1) * n));
      assertThat(sn.cloud(b).labels())
          .isEqualTo(java.util.Arrays.copyOfRange(pid, b * n, (b + 1) * n));
      assertThat(mn.label(b)).isEqualTo(cls[b]);
      assertThat(sn.label(b)).isEqualTo(seg[b]);
    }
  }

  @Test
  void offMeshEqualsTheGeneratorsArrays() throws IOException {
    String dir = "generated/open3d/";
    TriangleMesh m = PointCloudIO.readMesh(RealCorpus.file(dir + "box.off"));
    double[] v = NpyReader.readArray(RealCorpus.file(dir + "groundtruth_box_vertices.npy"))
        .doubles();
    int[] t = NpyReader.readArray(RealCorpus.file(dir + "groundtruth_box_triangles.npy")).ints();
    assertThat(m.triangles()).isEqualTo(t);
    for (int i = 0; i < v.length; i++) {
      assertThat(m.vertices()[i]).isEqualTo((float) v[i]);
    }
    for (String ply : List.of("box_ascii.ply", "box_binary.ply")) {
      TriangleMesh p = PointCloudIO.readMesh(RealCorpus.file(dir + ply));
      assertThat(p.triangles()).isEqualTo(t);
    }
  }

  @Test
  void cloudCompareUtmCoordinatesKeepTheirPrecisionThroughAGlobalOrigin() throws IOException {
    PointCloud c = PointCloudIO.read(RealCorpus.file("xyz/trimesh/points_cloudcompare.xyz"));
    assertThat(c.origin()).containsExactly(665000.0, 5648000.0, 0.0);
    // first line: 665187.522077 5648349.895035 241.767693 -> float residuals keep ~1e-5
    assertThat(c.origin()[0] + c.x(0)).isCloseTo(665187.522077, org.assertj.core.data.Offset
        .offset(2e-5));
    assertThat(c.origin()[1] + c.y(0)).isCloseTo(5648349.895035, org.assertj.core.data.Offset
        .offset(2e-5));
    PointCloud flat = PointCloudIO.read(RealCorpus.file("xyz/trimesh/points_cloudcompare.xyz"),
        ReadOptions.builder().optAutoOrigin(false).optTextLayout(TextLayout.XYZ).build());
    assertThat(flat.origin()).containsExactly(0.0, 0.0, 0.0);
  }

  // ---------------------------------------------------------------- helpers

  private static void checkBounds(PointCloud c, JsonNode min, JsonNode max) {
    Bounds b = c.bounds();
    double[] o = c.origin();
    for (int a = 0; a < 3; a++) {
      near("bbox min", b.min()[a] + o[a], min.get(a).asDouble());
      near("bbox max", b.max()[a] + o[a], max.get(a).asDouble());
    }
  }

  /** Ground truth is printed with 7 significant digits (or rounded by the generator). */
  private static void near(String what, double actual, double expected) {
    double tol = 1e-6 * Math.max(1, Math.abs(expected));
    assertThat(Math.abs(actual - expected)).as(what + ": " + actual + " vs " + expected)
        .isLessThanOrEqualTo(tol);
  }
}

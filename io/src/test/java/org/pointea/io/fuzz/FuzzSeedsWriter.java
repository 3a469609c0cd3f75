package org.pointea.io.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.pointea.io.TestClouds;
import org.pointea.io.hdf5.PointNetBatch;
import org.pointea.io.hdf5.PointNetH5WriteOptions;
import org.pointea.io.hdf5.PointNetH5Writer;
import org.pointea.io.npy.NpyArray;
import org.pointea.io.npy.NpyWriter;
import org.pointea.io.off.OffWriteOptions;
import org.pointea.io.off.OffWriter;
import org.pointea.io.pcd.PcdWriteOptions;
import org.pointea.io.pcd.PcdWriter;
import org.pointea.io.ply.PlyWriteOptions;
import org.pointea.io.ply.PlyWriter;
import org.pointea.io.ros.PointCloud2;
import org.pointea.io.ros.PointCloud2Codec;
import org.pointea.io.ros.PointCloud2Serializer;
import org.pointea.io.text.TextWriteOptions;
import org.pointea.io.text.TextWriter;
import org.pointea.pointcloud.PointCloud;

/**
 * Writes the committed seed folders of the fuzz targets (small files made by our writers, and the
 * reproducers of issue 12's causes A-G) under {@code src/test/resources/org/pointea/io/fuzz}. Run
 * only on request: {@code mvn -pl io -am test -Dtest=FuzzSeedsWriter -Dpointea.fuzz.writeSeeds=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class FuzzSeedsWriter {
  private static final Path DIR = Path.of("src/test/resources/org/pointea/io/fuzz");

  @Test
  @EnabledIfSystemProperty(named = "pointea.fuzz.writeSeeds", matches = "true")
  void write() throws IOException {
    PointCloud rich = TestClouds.rich(6, 1, false);
    PointCloud organized = TestClouds.rich(6, 2, true);
    PointCloud plain = PointCloud.builder(rich.positions()).normals(rich.normals())
        .labels(rich.labels()).build();
    float[] v = {0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0};
    int[] t = {0, 1, 2, 2, 1, 3};

    Map<String, byte[]> ply = new LinkedHashMap<>();
    ply.put("ascii.ply", bytes(ch -> PlyWriter.write(ch, rich, null, PlyWriteOptions.ascii())));
    ply.put("le.ply", bytes(ch -> PlyWriter.write(ch, rich, null,
        PlyWriteOptions.binaryLittleEndian())));
    ply.put("be_mesh.ply", bytes(ch -> PlyWriter.write(ch, PointCloud.of(v), t,
        PlyWriteOptions.binaryBigEndian())));
    ply.put("ascii_mesh.ply", bytes(ch -> PlyWriter.write(ch, PointCloud.of(v), t,
        PlyWriteOptions.ascii())));
    ply.put("a_no_position_binary.ply", ascii("ply\nformat binary_little_endian 1.0\n"
        + "element vertex 536870912\nend_header\n"));
    ply.put("a_red_only_ascii.ply", ascii("ply\nformat ascii 1.0\nelement vertex 16777216\n"
        + "property uchar red\nend_header\n1\n2\n"));
    put("ReaderFuzzTestInputs/ply", ply);

    Map<String, byte[]> pcd = new LinkedHashMap<>();
    for (PcdWriteOptions o : List.of(PcdWriteOptions.ascii(), PcdWriteOptions.binary(),
        PcdWriteOptions.binaryCompressed())) {
      pcd.put(o.encoding().name().toLowerCase(java.util.Locale.ROOT) + ".pcd",
          bytes(ch -> PcdWriter.write(ch, organized, o)));
    }
    pcd.put("a_count_zero.pcd", ascii("VERSION .7\nFIELDS x y z\nSIZE 4 4 4\nTYPE F F F\n"
        + "COUNT 0 0 0\nWIDTH 400000000\nHEIGHT 1\nPOINTS 400000000\nDATA binary\n"));
    pcd.put("g_label_float.pcd", ascii("VERSION .7\nFIELDS x y z label\nSIZE 4 4 4 4\n"
        + "TYPE F F F F\nCOUNT 1 1 1 1\nWIDTH 1\nHEIGHT 1\nPOINTS 1\nDATA ascii\n1 2 3 0.5\n"));
    put("ReaderFuzzTestInputs/pcd", pcd);

    Map<String, byte[]> off = new LinkedHashMap<>();
    off.put("plain.off", bytes(ch -> OffWriter.write(ch, v, t, OffWriteOptions.DEFAULT)));
    off.put("glued.off", bytes(ch -> OffWriter.write(ch, v, t, new OffWriteOptions(true, 6))));
    off.put("coff.off", ascii("COFF\n3 1 0\n0 0 0 255 0 0 255\n1 0 0 0 255 0 255\n"
        + "0 1 0 0 0 255 255\n3 0 1 2\n"));
    off.put("g_control_bytes.off", ascii("OFF\n3 1 0\n0 0 0\n1 0 \u001b[2J\n0 1 0\n3 0 1 2\n"));
    put("ReaderFuzzTestInputs/off", off);

    Map<String, byte[]> text = new LinkedHashMap<>();
    text.put("modelnet.txt", bytes(ch -> TextWriter.write(ch, plain, TextWriteOptions.modelNet())));
    text.put("shapenet.txt", bytes(ch -> TextWriter.write(ch, plain,
        TextWriteOptions.shapeNetPart())));
    text.put("header.csv", ascii("x,y,z,intensity\n1,2,3,0.5\n4,5,6,0.25\n"));
    text.put("pts.pts", ascii("2\n1 2 3 10 255 0 0\n4 5 6 20 0 255 0\n"));
    StringBuilder cr = new StringBuilder("x,y,z\r");
    for (int i = 0; i < 200; i++) {
      cr.append(i).append(',').append(i + 1).append(',').append(i + 2).append('\r');
    }
    text.put("g_cr_only.csv", ascii(cr.toString()));
    put("ReaderFuzzTestInputs/text", text);

    Map<String, byte[]> npy = new LinkedHashMap<>();
    npy.put("f4.npy", bytes(ch -> NpyWriter.writeArray(ch, NpyArray.ofFloats(new float[] {1, 2, 3,
        4, 5, 6}, 2, 3), ByteOrder.LITTLE_ENDIAN)));
    npy.put("f8_be.npy", bytes(ch -> NpyWriter.writeArray(ch, NpyArray.ofDoubles(new double[] {1,
        2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 2, 6), ByteOrder.BIG_ENDIAN)));
    npy.put("b_zero_rows.npy", npyHeader("{'descr': '<f4', 'fortran_order': False, "
        + "'shape': (0, 1073741824), }"));
    npy.put("g_newline_header.npy", npyHeader("{'descr': '<f4',\n'fortran_order': False}"));
    put("ReaderFuzzTestInputs/npy", npy);

    Path h5 = Files.createTempFile("seed", ".h5");
    List<PointCloud> clouds = List.of(plain, PointCloud.builder(TestClouds.rich(6, 3, false)
        .positions()).build());
    PointNetH5Writer.write(h5, new PointNetBatch(clouds, new int[] {3, 7}),
        PointNetH5WriteOptions.DEFAULT);
    byte[] plainH5 = Files.readAllBytes(h5);
    PointNetH5Writer.write(h5, new PointNetBatch(clouds, new int[] {3, 700}),
        PointNetH5WriteOptions.DEFAULT.withDeflate(4));
    byte[] gzipH5 = Files.readAllBytes(h5);
    Files.delete(h5);
    for (String m : List.of("fromMemory", "fromPath")) {
      put("Hdf5FuzzTestInputs/" + m, Map.of("plain.h5", plainH5, "gzip.h5", gzipH5));
    }

    Map<String, byte[]> ros1 = new LinkedHashMap<>();
    Map<String, byte[]> cdr = new LinkedHashMap<>();
    for (boolean big : new boolean[] {false, true}) {
      PointCloud2 m = PointCloud2Codec.encode(organized, "base_link", big);
      ros1.put((big ? "be" : "le") + ".bin", PointCloud2Serializer.toRos1(m));
      cdr.put((big ? "be" : "le") + ".bin", PointCloud2Serializer.toCdr(m));
    }
    put("PointCloud2FuzzTestInputs/ros1", ros1);
    put("PointCloud2FuzzTestInputs/cdr", cdr);

    put("DatasetListFuzzTestInputs/h5List", Map.of(
        "pointnet.txt", ascii("data/modelnet40_ply_hdf5_2048/ply_data_train0.h5\n"),
        "f_parent.txt", ascii("../outside.h5\n"),
        "f_absolute.txt", ascii("/etc/hostname\n"),
        "f_nul.txt", ascii("ply_data\u0000train0.h5\n"),
        "crlf.txt", ascii("shape_names.txt\r\nmissing.h5\r\n")));
    put("DatasetListFuzzTestInputs/modelNetIds", Map.of(
        "ids.txt", ascii("chair_0001\n"),
        "f_dotdot_class.txt", ascii(".._0001\n"),
        "f_outside_class.txt", ascii("outside_0001\n")));
    put("DatasetListFuzzTestInputs/shapeNetSplit", Map.of(
        "split.json", ascii("[\"shape_data/02691156/a\"]"),
        "f_nul.json", ascii("[\"shape_data/02691156/a\\u0000b\"]"),
        "f_parent.json", ascii("[\"shape_data/02691156/../../../outside/x\"]")));
  }

  private static void put(String folder, Map<String, byte[]> files) throws IOException {
    Path d = Files.createDirectories(DIR.resolve(folder));
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      Files.write(d.resolve(e.getKey()), e.getValue());
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] npyHeader(String dict) {
    byte[] d = ascii(dict + "\n");
    byte[] out = new byte[10 + d.length];
    out[0] = (byte) 0x93;
    System.arraycopy(ascii("NUMPY"), 0, out, 1, 5);
    out[6] = 1;
    out[8] = (byte) d.length;
    out[9] = (byte) (d.length >> 8);
    System.arraycopy(d, 0, out, 10, d.length);
    return out;
  }

  /** Collects what a writer writes to a channel. */
  private interface ChannelWriter {
    void write(WritableByteChannel ch) throws IOException;
  }

  private static byte[] bytes(ChannelWriter w) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (WritableByteChannel ch = Channels.newChannel(out)) {
      w.write(ch);
    }
    return out.toByteArray();
  }
}

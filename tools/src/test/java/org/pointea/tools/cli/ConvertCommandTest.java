package org.pointea.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pointea.tools.cli.InfoCommandTest.file;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.PointCloudIO;
import org.pointea.io.hdf5.PointNetBatch;
import org.pointea.io.hdf5.PointNetH5Reader;
import org.pointea.pointcloud.PointCloud;

class ConvertCommandTest {

  @TempDir Path dir;

  @Test
  void pcdToPlyAndBackIsExact() throws IOException {
    Path ply = dir.resolve("bun0.ply");
    Path pcd = dir.resolve("bun0.pcd");
    Cli.Run a = Cli.run("convert", file("bun0.pcd"), ply.toString());
    assertThat(a.code()).as(a.toString()).isZero();
    assertThat(a.err()).startsWith("wrote " + ply + ": 397 points");
    assertThat(a.out()).isEmpty();
    Cli.Run b = Cli.run("convert", ply.toString(), pcd.toString(), "--encoding",
        "binary_compressed");
    assertThat(b.code()).as(b.toString()).isZero();
    PointCloud original = PointCloudIO.read(Path.of(file("bun0.pcd")));
    PointCloud back = PointCloudIO.read(pcd);
    assertThat(back.positions()).containsExactly(original.positions());
    assertThat(back.normals()).containsExactly(original.normals());
    assertThat(back.floatChannel("curvature").toArray())
        .containsExactly(original.floatChannel("curvature").toArray());
    assertThat(head(pcd)).contains("DATA binary_compressed");
  }

  @Test
  void encodingsAreThoseOfTheFormat() throws IOException {
    for (String[] c : new String[][] {
        {"a.ply", "ascii", "format ascii 1.0"},
        {"b.ply", "binary", "format binary_little_endian 1.0"},
        {"c.ply", "binary_big_endian", "format binary_big_endian 1.0"},
        {"d.pcd", "ascii", "DATA ascii"},
        {"e.pcd", "binary", "DATA binary"}}) {
      Path out = dir.resolve(c[0]);
      Cli.Run r = Cli.run("convert", file("colored_cloud_binary_compressed.pcd"), out.toString(),
          "--encoding", c[1]);
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(head(out)).contains(c[2]);
      assertThat(PointCloudIO.read(out).colors())
          .containsExactly(PointCloudIO.read(Path.of(file("colored_cloud_binary_compressed.pcd")))
              .colors());
    }
    Cli.Run wrong = Cli.run("convert", file("bun0.pcd"), dir.resolve("x.ply").toString(),
        "--encoding", "binary_compressed");
    assertThat(wrong.code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(wrong.err()).contains("PLY files have no binary_compressed encoding");
    Cli.Run unknown = Cli.run("convert", file("bun0.pcd"), dir.resolve("x.ply").toString(),
        "--encoding", "zip");
    assertThat(unknown.code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(unknown.err()).contains("unknown encoding 'zip'");
  }

  @Test
  void meshesStayMeshes() throws IOException {
    Path ply = dir.resolve("comments.ply");
    Cli.Run r = Cli.run("convert", file("comments.off"), ply.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(PointCloudIO.readMesh(ply).triangleCount()).isEqualTo(12);
    Path off = dir.resolve("fuze.off");
    Cli.Run f = Cli.run("convert", file("fuze.ply"), off.toString());
    assertThat(f.code()).as(f.toString()).isZero();
    assertThat(f.err()).doesNotContain("dropped").contains("502 vertices with colours"); // COFF
    assertThat(PointCloudIO.readMesh(off).triangleCount()).isEqualTo(1000);
    assertThat(PointCloudIO.read(off).hasColors()).isTrue();
    Path points = dir.resolve("fuze_points.ply");
    Cli.Run p = Cli.run("convert", file("fuze.ply"), points.toString(), "--points-only");
    assertThat(p.code()).as(p.toString()).isZero();
    assertThat(PointCloudIO.read(points).hasColors()).isTrue();
    assertThat(head(points)).doesNotContain("element face");
  }

  @Test
  void hdf5BatchesConvertWholeOrOneCloud() throws IOException {
    String h5 = file("shapenet_part_ply_data_plain.h5");
    Path gz = dir.resolve("gz.h5");
    Cli.Run r = Cli.run("convert", h5, gz.toString(), "--encoding", "binary_compressed");
    assertThat(r.code()).as(r.toString()).isZero();
    PointNetBatch in = PointNetH5Reader.read(Path.of(h5));
    PointNetBatch out = PointNetH5Reader.read(gz);
    assertThat(out.labels()).containsExactly(in.labels());
    assertThat(out.cloud(3).labels()).containsExactly(in.cloud(3).labels());
    assertThat(Cli.run("info", "--json", gz.toString()).out()).contains("deflate");

    Cli.Run noIndex = Cli.run("convert", h5, dir.resolve("x.txt").toString());
    assertThat(noIndex.code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(noIndex.err()).contains("holds a batch of 4 clouds; choose one with --index I");
    Path txt = dir.resolve("two.txt");
    Cli.Run two = Cli.run("convert", h5, txt.toString(), "--index", "2");
    assertThat(two.code()).as(two.toString()).isZero();
    PointCloud back = PointCloudIO.read(txt);
    assertThat(back.positions()).containsExactly(in.cloud(2).positions());
    assertThat(back.labels()).containsExactly(in.cloud(2).labels());
    assertThat(Cli.run("convert", h5, txt.toString(), "--index", "4").err())
        .contains("--index 4 is out of range");
  }

  @Test
  void channelsCanBeChosen() throws IOException {
    Path only = dir.resolve("normals.pcd");
    assertThat(Cli.run("convert", file("colored_cloud_binary_compressed.pcd"), only.toString(),
        "--channels", "normals").code()).isZero();
    assertThat(PointCloudIO.read(only).channelNames()).containsExactly("normals");
    Path none = dir.resolve("none.pcd");
    assertThat(Cli.run("convert", file("bun0.pcd"), none.toString(), "--channels", "none")
        .code()).isZero();
    assertThat(PointCloudIO.read(none).channelNames()).isEmpty();
    Cli.Run missing = Cli.run("convert", file("bun0.pcd"), none.toString(), "--channels",
        "colors");
    assertThat(missing.code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(missing.err()).contains("bun0.pcd: no channel 'colors' (it has normals, "
        + "curvature)");
  }

  @Test
  void warnsAboutChannelsTheFormatCannotHold() throws IOException {
    Path xyz = dir.resolve("bun0.xyz");
    Cli.Run r = Cli.run("convert", file("bun0.pcd"), xyz.toString());
    assertThat(r.code()).isZero();
    assertThat(r.err()).contains("XYZ cannot hold channels [normals, curvature]");
    assertThat(Files.readAllLines(xyz)).hasSize(397);
    Cli.Run needsNormals = Cli.run("convert", file("simple.xyz"),
        dir.resolve("s.xyzn").toString());
    assertThat(needsNormals.code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(needsNormals.err()).contains("s.xyzn: cannot write this cloud as XYZN");
  }

  @Test
  void nonFinitePointsCanBeDropped() throws IOException {
    Path out = dir.resolve("lena.ply");
    Cli.Run r = Cli.run("convert", file("lena_nan10_binary_compressed.pcd"), out.toString(),
        "--remove-non-finite");
    assertThat(r.code()).as(r.toString()).isZero();
    PointCloud c = PointCloudIO.read(out);
    assertThat(c.size()).isEqualTo(65536 - 5856);
    assertThat(c.countNonFinite()).isZero();
  }

  @Test
  void badOutputsFailBeforeReading() {
    Cli.Run ext = Cli.run("convert", file("bun0.pcd"), dir.resolve("bun0.e57").toString());
    assertThat(ext.code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(ext.err()).contains("bun0.e57: cannot tell the output format from the extension");
    Cli.Run folder = Cli.run("convert", file("bun0.pcd"), dir.resolve("no/such/x.ply").toString());
    assertThat(folder.code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(folder.err()).contains("the output folder does not exist");
    Cli.Run input = Cli.run("convert", dir.resolve("nope.pcd").toString(),
        dir.resolve("x.ply").toString());
    assertThat(input.code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(input.err().strip()).isEqualTo("pointea convert: " + dir.resolve("nope.pcd")
        + ": no such file or directory");
  }

  @Test
  void truncatedInputIsAOneLineUserErrorInASeparateProcess() throws IOException {
    Path cut = dir.resolve("cut.pcd");
    byte[] bytes = Files.readAllBytes(Path.of(file("bun0.pcd")));
    Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 2000));
    PointeaProcess.Result r = PointeaProcess.run("convert", cut.toString(),
        dir.resolve("out.ply").toString());
    UserErrors.assertOneLinePerFile(r, "convert", cut.toString());
    assertThat(Files.exists(dir.resolve("out.ply"))).isFalse();
  }

  private static String head(Path p) throws IOException {
    byte[] b = Files.readAllBytes(p);
    return new String(b, 0, Math.min(b.length, 400), StandardCharsets.ISO_8859_1);
  }
}

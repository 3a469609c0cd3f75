package org.pointea.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.pointea.tools.cli.PointeaProcess.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfoCommandTest {

  static String file(String name) {
    return resource("real/" + name).toString();
  }

  @Test
  void describesRealFilesAsJson() throws IOException {
    PointeaProcess.Result r = PointeaProcess.run("info", "--json",
        file("bun0.pcd"), file("lena_nan10_binary_compressed.pcd"), file("fuze.ply"),
        file("cube.ply"), file("comments.off"), file("shapenet_part_ply_data_plain.h5"),
        file("simple.xyz"), resource("metrics/cls_labels.npy").toString());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.err()).isEmpty();
    JsonNode all = new ObjectMapper().readTree(r.out());
    assertThat(all.size()).isEqualTo(8);

    JsonNode bun = all.get(0);
    assertThat(bun.get("format").asText()).isEqualTo("PCD");
    assertThat(bun.get("encoding").asText()).isEqualTo("ascii");
    assertThat(bun.get("points").asLong()).isEqualTo(397);
    assertThat(bun.get("channels").findValuesAsText("name")).containsExactly("normals",
        "curvature");
    assertThat(bun.get("channels").get(0).get("width").asInt()).isEqualTo(3);
    assertThat(bun.get("non_finite").asLong()).isZero();
    assertThat(bun.has("organized")).isFalse();
    // bounding box as PCL reports it (corpus MANIFEST.md ground truth)
    assertThat(bun.get("bounds").get("min").get(0).asDouble()).isCloseTo(-0.093938, within(1e-6));
    assertThat(bun.get("bounds").get("max").get(1).asDouble()).isCloseTo(0.1845, within(1e-6));

    JsonNode lena = all.get(1);
    assertThat(lena.get("encoding").asText()).isEqualTo("binary_compressed");
    assertThat(lena.get("points").asLong()).isEqualTo(65536);
    assertThat(lena.get("organized").get("width").asInt()).isEqualTo(256);
    assertThat(lena.get("organized").get("height").asInt()).isEqualTo(256);
    assertThat(lena.get("non_finite").asLong()).isEqualTo(5856);

    JsonNode fuze = all.get(2);
    assertThat(fuze.get("encoding").asText()).isEqualTo("binary_little_endian");
    assertThat(fuze.get("points").asLong()).isEqualTo(502);
    assertThat(fuze.get("faces").asLong()).isEqualTo(1000);
    assertThat(fuze.get("triangles").asLong()).isEqualTo(1000);
    assertThat(fuze.get("channels").get(0).get("name").asText()).isEqualTo("colors");
    assertThat(fuze.get("channels").get(0).get("width").asInt()).isEqualTo(4);

    JsonNode cube = all.get(3);
    assertThat(cube.get("encoding").asText()).isEqualTo("ascii");
    assertThat(cube.get("faces").asLong()).isEqualTo(6);
    assertThat(cube.get("triangles").asLong()).isEqualTo(12);

    JsonNode off = all.get(4);
    assertThat(off.get("format").asText()).isEqualTo("OFF");
    assertThat(off.get("points").asLong()).isEqualTo(8);
    assertThat(off.get("faces").asLong()).isEqualTo(6);
    assertThat(off.get("triangles").asLong()).isEqualTo(12);

    JsonNode h5 = all.get(5);
    assertThat(h5.get("format").asText()).isEqualTo("HDF5");
    assertThat(h5.get("dtype").asText()).isEqualTo("float32");
    assertThat(h5.get("points").asLong()).isEqualTo(4 * 2048);
    JsonNode batch = h5.get("batch");
    assertThat(batch.get("clouds").asInt()).isEqualTo(4);
    assertThat(batch.get("points_per_cloud").asInt()).isEqualTo(2048);
    assertThat(batch.get("classes").asInt()).isEqualTo(4);
    assertThat(batch.get("datasets").findValuesAsText("name")).containsExactly("data", "label",
        "pid");
    assertThat(batch.get("datasets").findValuesAsText("dtype")).containsExactly("float32",
        "uint8", "uint8");
    assertThat(batch.get("datasets").get(2).get("shape").toString()).isEqualTo("[4,2048]");

    JsonNode xyz = all.get(6);
    assertThat(xyz.get("format").asText()).isEqualTo("XYZ");
    assertThat(xyz.get("points").asLong()).isEqualTo(4);

    JsonNode npy = all.get(7);
    assertThat(npy.get("dtype").asText()).isEqualTo("int64");
    assertThat(npy.get("array").get("shape").toString()).isEqualTo("[300]");
    assertThat(npy.get("array").get("min").asDouble()).isZero();
    assertThat(npy.get("array").get("max").asDouble()).isEqualTo(9);
    assertThat(npy.has("points")).isFalse();
  }

  @Test
  void describesAFileAsText() {
    PointeaProcess.Result r = PointeaProcess.run("info", file("lena_nan10_binary_compressed.pcd"));
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("format      PCD (binary_compressed)")
        .contains("points      65,536")
        .contains("channels    colors (float x4)")
        .contains("bounds      min (1, 1, 0)  max (256, 256, 0)")
        .contains("organized   256 x 256")
        .contains("non-finite  5,856");
  }

  @Test
  void issue12ReproducersExitOneWithOnePrintableLineNamingFileAndOffset(@TempDir Path dir)
      throws IOException {
    // cause A (PLY vertex without properties, 536,870,912 points), B (NPY (0, 2^30)),
    // G (control bytes and a newline from the file in the message)
    Path ply = Files.writeString(dir.resolve("a.ply"),
        "ply\nformat binary_little_endian 1.0\nelement vertex 536870912\nend_header\n");
    Path npy = dir.resolve("b.npy");
    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (0, 1073741824), }";
    dict = dict + " ".repeat(63 - (10 + dict.length()) % 64) + "\n";
    byte[] head = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) dict.length(), 0};
    Files.write(npy, concat(head, dict.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    Path pcd = Files.writeString(dir.resolve("g.pcd"), "VERSION .7\nFIELDS x y z\nSIZE 4 4 4\n"
        + "TYPE F F F\nCOUNT 1 1 1\nWIDTH 1\nHEIGHT 1\nPOINTS 1\nDATA ascii\n1 2 \u001b[2J\n");
    for (Path f : new Path[] {ply, npy, pcd}) {
      Cli.Run r = Cli.run("info", f.toString());
      assertThat(r.code()).as(r.toString()).isEqualTo(1);
      String[] lines = r.err().strip().split("\\R");
      assertThat(lines).as(r.err()).hasSize(1);
      assertThat(lines[0]).startsWith("pointea info: " + f + ": ").contains("byte ")
          .doesNotContain("\u001b");
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void brokenFilesFailWithOneLineEachNamingTheFile(@TempDir Path dir) throws IOException {
    Path truncatedPly = dir.resolve("truncated.ply");
    byte[] fuze = Files.readAllBytes(resource("real/fuze.ply"));
    Files.write(truncatedPly, Arrays.copyOf(fuze, fuze.length / 3));
    Path truncatedPcd = dir.resolve("truncated.pcd");
    byte[] lena = Files.readAllBytes(resource("real/lena_nan10_binary_compressed.pcd"));
    Files.write(truncatedPcd, Arrays.copyOf(lena, 1000));
    Path truncatedH5 = dir.resolve("truncated.h5");
    byte[] h5 = Files.readAllBytes(resource("real/shapenet_part_ply_data_plain.h5"));
    Files.write(truncatedH5, Arrays.copyOf(h5, 2000));
    Path garbage = dir.resolve("garbage.pcd");
    byte[] noise = new byte[4096];
    new Random(7).nextBytes(noise);
    Files.write(garbage, noise);
    Path empty = dir.resolve("empty.ply");
    Files.write(empty, new byte[0]);
    Path missing = dir.resolve("missing.ply");

    PointeaProcess.Result r = PointeaProcess.run("info", truncatedPly.toString(),
        truncatedPcd.toString(), file("bun0.pcd"), truncatedH5.toString(), garbage.toString(),
        empty.toString(), missing.toString(), dir.toString());
    UserErrors.assertOneLinePerFile(r, "info", truncatedPly.toString(), truncatedPcd.toString(),
        truncatedH5.toString(), garbage.toString(), empty.toString(), missing.toString(),
        dir.toString());
    // the good file in the middle is still described
    assertThat(r.out()).contains("bun0.pcd").contains("points      397");
    assertThat(r.errLines().get(0)).contains("truncated");
    assertThat(r.errLines().get(5)).endsWith("no such file or directory");
  }

  @Test
  void jsonKeepsGoingAndRecordsErrors(@TempDir Path dir) throws IOException {
    Path bad = dir.resolve("bad.off");
    Files.writeString(bad, "OFF\n3 1 0\n0 0 0\n1 0 0\n");
    Cli.Run r = Cli.run("info", "--json", file("cube.ply"), bad.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.USER_ERROR);
    JsonNode all = new ObjectMapper().readTree(r.out());
    assertThat(all.get(0).get("points").asLong()).isEqualTo(8);
    assertThat(all.get(1).get("error").asText()).contains(bad.toString());
    assertThat(r.err().lines().count()).isEqualTo(1);
  }

  @Test
  void verboseAddsTheStackTrace(@TempDir Path dir) throws IOException {
    Path bad = dir.resolve("bad.ply");
    Files.writeString(bad, "ply\nformat ascii 1.0\nelement vertex 2\nproperty float x\n");
    Cli.Run quiet = Cli.run("info", bad.toString());
    assertThat(quiet.code()).isEqualTo(ExitCodes.USER_ERROR);
    UserErrors.assertNoStackTrace(quiet.err());
    Cli.Run verbose = Cli.run("info", "--verbose", bad.toString());
    assertThat(verbose.err()).contains("PointCloudFormatException").contains("\tat ");
    Cli.Run before = Cli.run("-v", "info", bad.toString());
    assertThat(before.err()).contains("\tat ");
  }

  @Test
  void needsAFile() {
    Cli.Run r = Cli.run("info");
    assertThat(r.code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(r.err()).contains("Missing required parameter");
  }

  @Test
  void numbersAreShort() {
    assertThat(InfoCommand.num(0.0374200001)).isEqualTo("0.03742");
    assertThat(InfoCommand.num(256)).isEqualTo("256");
    assertThat(InfoCommand.num(-1.5e-7)).isEqualTo("-1.5e-07");
    assertThat(InfoCommand.num(123456.7)).isEqualTo("123457");
  }
}

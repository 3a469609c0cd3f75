package org.pointea.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pointea.tools.cli.InfoCommandTest.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.PointCloudIO;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.registration.Transforms;

class IcpCommandTest {

  @TempDir Path dir;

  private final double[] truth = Transforms.fromAxisAngle(1, 2, 3, 0.08, 0.004, -0.003, 0.002);
  private Path moved;
  private Path movedNoNormals;

  @BeforeEach
  void writeAMovedBunny() throws IOException {
    PointCloud bunny = PointCloudIO.read(Path.of(file("bun0.pcd")));
    PointCloud m = bunny.withPositions(Transforms.apply(truth, bunny.positions(), bunny.size()))
        .toBuilder().normals(Transforms.rotate(truth, bunny.normals(), bunny.size())).build();
    moved = dir.resolve("moved.pcd");
    PointCloudIO.write(moved, m);
    movedNoNormals = dir.resolve("moved.xyz");
    PointCloudIO.write(movedNoNormals, PointCloud.of(m.positions()));
  }

  @Test
  void recoversAKnownMotionOfTheBunny() throws IOException {
    for (String method : new String[] {"point-to-point", "point-to-plane"}) {
      Cli.Run r = Cli.run("icp", file("bun0.pcd"), moved.toString(), "-d", "0.02", "-m", method,
          "--max-iterations", "100", "--relative-fitness", "0", "--relative-rmse", "1e-12",
          "--json");
      assertThat(r.code()).as(r.toString()).isZero();
      JsonNode doc = new ObjectMapper().readTree(r.out());
      double[] m = new double[16];
      for (int i = 0; i < 16; i++) {
        m[i] = doc.get("transformation").get(i / 4).get(i % 4).asDouble();
      }
      assertThat(Transforms.maxAbsDifference(m, truth)).as(method).isLessThan(1e-4);
      assertThat(doc.get("fitness").asDouble()).isEqualTo(1.0);
    }
  }

  @Test
  void initComesInlineOrFromAFileAndOutWritesTheAlignedSource() throws IOException {
    Path init = dir.resolve("init.txt");
    Files.writeString(init, Transforms.format(truth) + "\n");
    Path out = dir.resolve("aligned.ply");
    Cli.Run r = Cli.run("icp", file("bun0.pcd"), moved.toString(), "-d", "0.01", "--init",
        init.toString(), "--out", out.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out().strip().split("\n")).hasSize(4);
    assertThat(PointCloudIO.read(out).size()).isEqualTo(397);
    StringBuilder inline = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      inline.append(i == 0 ? "" : ",").append(truth[i]);
    }
    Cli.Run e = Cli.run("icp", file("bun0.pcd"), moved.toString(), "-d", "0.001", "--init",
        inline.toString(), "--evaluate");
    assertThat(e.code()).as(e.toString()).isZero();
    assertThat(e.err()).contains("evaluated: fitness 1.000000");
  }

  @Test
  void pointToPlaneNeedsTargetNormalsOrEstimatesThem() {
    Cli.Run r = Cli.run("icp", file("bun0.pcd"), movedNoNormals.toString(), "-d", "0.02", "-m",
        "point-to-plane");
    assertThat(r.code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(r.err()).contains("has no normals").contains("--estimate-normals");
    Cli.Run est = Cli.run("icp", file("bun0.pcd"), movedNoNormals.toString(), "-d", "0.02", "-m",
        "point_to_plane", "--estimate-normals", "10");
    assertThat(est.code()).as(est.toString()).isZero();
  }

  @Test
  void argumentsAreChecked() throws IOException {
    String src = file("bun0.pcd");
    assertThat(Cli.run("icp", src, moved.toString(), "-d", "-1").err())
        .contains("--max-distance must be a positive distance");
    assertThat(Cli.run("icp", src, moved.toString(), "-d", "1", "--init", "1,0,0").err())
        .contains("16 numbers, got 3");
    assertThat(Cli.run("icp", src, moved.toString(), "-d", "1", "--init",
        "2,0,0,0,0,1,0,0,0,0,1,0,0,0,0,1").err()).contains("not orthonormal");
    Path bad = dir.resolve("bad.txt");
    Files.writeString(bad, "1 0 0 0\n0 1 zero 0\n");
    assertThat(Cli.run("icp", src, moved.toString(), "-d", "1", "--init", bad.toString()).err())
        .contains("bad.txt: 'zero' is not a number");
    assertThat(Cli.run("icp", src, moved.toString(), "-d", "1", "-m", "plane").err())
        .contains("expected point-to-point or point-to-plane");
  }
}

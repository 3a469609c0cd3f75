package org.pointea.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.pointea.tools.cli.InfoCommandTest.file;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.PointCloudIO;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.normals.Neighborhood;
import org.pointea.pointcloud.normals.NormalEstimator;

class NormalsCommandTest {

  @TempDir Path dir;

  @Test
  void normalsAreTheLibrarysFacingTheViewpoint() throws IOException {
    Path out = dir.resolve("bun0.pcd");
    Cli.Run r = Cli.run("normals", file("bun0.pcd"), out.toString(), "-k", "12", "--viewpoint",
        "0,0.1,1", "--curvature");
    assertThat(r.code()).as(r.toString()).isZero();
    PointCloud in = PointCloudIO.read(Path.of(file("bun0.pcd")));
    PointCloud got = PointCloudIO.read(out);
    float[] expected = NormalEstimator.estimate(in.positions(), in.size(), Neighborhood.knn(12),
        new float[] {0, 0.1f, 1}, 1);
    assertThat(got.normals()).containsExactly(expected);
    float[] n = got.normals();
    for (int i = 0; i < got.size(); i++) {
      double len = Math.sqrt(n[3 * i] * n[3 * i] + n[3 * i + 1] * n[3 * i + 1]
          + n[3 * i + 2] * n[3 * i + 2]);
      assertThat(len).isCloseTo(1, within(1e-5));
      double toward = (0 - got.x(i)) * n[3 * i] + (0.1 - got.y(i)) * n[3 * i + 1]
          + (1 - got.z(i)) * n[3 * i + 2];
      assertThat(toward).isGreaterThanOrEqualTo(0);
    }
    assertThat(got.hasChannel("curvature")).isTrue();
    assertThat(got.floatChannel("curvature").get(0, 0)).isBetween(0f, 1f / 3);
  }

  @Test
  void organizedCloudsStayOrganizedWithNanNormalsAtNanPoints() throws IOException {
    Path out = dir.resolve("lena.pcd");
    Cli.Run r = Cli.run("normals", file("lena_nan10_binary_compressed.pcd"), out.toString(),
        "-k", "8");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.err()).contains("5856 NaN normals");
    PointCloud got = PointCloudIO.read(out);
    assertThat(got.width()).isEqualTo(256);
    assertThat(got.height()).isEqualTo(256);
    float[] n = got.normals();
    for (int i = 0; i < got.size(); i++) {
      boolean invalid = !Float.isFinite(got.x(i)) || !Float.isFinite(got.y(i))
          || !Float.isFinite(got.z(i));
      assertThat(Float.isNaN(n[3 * i])).isEqualTo(invalid);
    }
  }

  @Test
  void radiusSearchLeavesIsolatedPointsWithoutNormals() throws IOException {
    Path out = dir.resolve("r.ply");
    Cli.Run r = Cli.run("normals", file("bun0.pcd"), out.toString(), "--radius", "0.004");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.err()).contains("Hybrid(radius=0.004, max=30)").contains("NaN normals");
  }

  @Test
  void argumentsAreChecked() {
    String in = file("bun0.pcd");
    assertThat(Cli.run("normals", in, dir.resolve("a.xyz").toString()).err())
        .contains("XYZ files cannot hold normals");
    assertThat(Cli.run("normals", in, dir.resolve("a.ply").toString(), "-k", "2").err())
        .contains("-k must be at least 3");
    assertThat(Cli.run("normals", in, dir.resolve("a.ply").toString(), "--radius", "0").err())
        .contains("--radius must be a positive size");
    Cli.Run vp = Cli.run("normals", in, dir.resolve("a.ply").toString(), "--viewpoint", "1,2");
    assertThat(vp.code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(vp.err()).contains("expected X,Y,Z");
  }
}

package org.pointea.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pointea.tools.cli.InfoCommandTest.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.PointCloudIO;
import org.pointea.pointcloud.Bounds;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.sampling.FarthestPointSampler;
import org.pointea.pointcloud.sampling.VoxelGrid;

class SampleCommandTest {

  @TempDir Path dir;

  private PointCloud run(String... args) throws IOException {
    Path out = dir.resolve("out.ply");
    String[] full = new String[args.length + 2];
    full[0] = "sample";
    full[1] = args[0];
    full[2] = out.toString();
    System.arraycopy(args, 1, full, 3, args.length - 1);
    Cli.Run r = Cli.run(full);
    assertThat(r.code()).as(r.toString()).isZero();
    return PointCloudIO.read(out);
  }

  @Test
  void fpsIsTheLibrarysFpsWithChannels() throws IOException {
    PointCloud in = PointCloudIO.read(Path.of(file("bun0.pcd")));
    PointCloud out = run(file("bun0.pcd"), "--method", "fps", "-n", "64");
    PointCloud expected = in.select(FarthestPointSampler.sample(in.positions(), in.size(), 64, 0));
    assertThat(out.positions()).containsExactly(expected.positions());
    assertThat(out.normals()).containsExactly(expected.normals());
    PointCloud from5 = run(file("bun0.pcd"), "-m", "FPS", "-n", "8", "--start-index", "5");
    assertThat(from5.x(0)).isEqualTo(in.x(5));
    assertThat(from5.z(0)).isEqualTo(in.z(5));
  }

  @Test
  void randomIsSeeded() throws IOException {
    PointCloud a = run(file("bun0.pcd"), "-m", "random", "-n", "50", "--seed", "7");
    PointCloud b = run(file("bun0.pcd"), "-m", "random", "-n", "50", "--seed", "7");
    PointCloud c = run(file("bun0.pcd"), "-m", "random", "-n", "50", "--seed", "8");
    assertThat(a.positions()).containsExactly(b.positions());
    assertThat(a.positions()).isNotEqualTo(c.positions());
    assertThat(a.size()).isEqualTo(50);
  }

  @Test
  void voxelIsTheLibrarysVoxelGrid() throws IOException {
    PointCloud in = PointCloudIO.read(Path.of(file("bun0.pcd")));
    PointCloud out = run(file("bun0.pcd"), "-m", "voxel", "--voxel", "0.01");
    assertThat(out.size()).isEqualTo(VoxelGrid.downsample(in, 0.01f).size()).isLessThan(397);
  }

  @Test
  void surfaceSamplesAMeshWithNormals() throws IOException {
    PointCloud out = run(file("fuze.ply"), "-m", "surface", "-n", "2000", "--seed", "3");
    assertThat(out.size()).isEqualTo(2000);
    assertThat(out.hasNormals()).isTrue();
    Bounds mesh = PointCloudIO.readMesh(Path.of(file("fuze.ply"))).bounds();
    Bounds got = out.bounds();
    assertThat(got.minZ()).isGreaterThanOrEqualTo(mesh.minZ() - 1e-6f);
    assertThat(got.maxZ()).isLessThanOrEqualTo(mesh.maxZ() + 1e-6f);
    Cli.Run cloud = Cli.run("sample", file("bun0.pcd"), dir.resolve("x.ply").toString(), "-m",
        "surface", "-n", "10");
    assertThat(cloud.code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(cloud.err()).contains("bun0.pcd: has no faces");
  }

  @Test
  void nonFinitePointsAreDroppedFirst() throws IOException {
    Path out = dir.resolve("lena.pcd");
    Cli.Run r = Cli.run("sample", file("lena_nan10_binary_compressed.pcd"), out.toString(), "-m",
        "fps", "-n", "100", "--seed", "1");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.err()).contains("dropped 5856 points with non-finite coordinates");
    PointCloud c = PointCloudIO.read(out);
    assertThat(c.size()).isEqualTo(100);
    assertThat(c.countNonFinite()).isZero();
    assertThat(c.hasColors()).isTrue();
  }

  @Test
  void argumentsAreChecked() {
    String in = file("bun0.pcd");
    String out = dir.resolve("x.ply").toString();
    String[][] cases = {
      {"--method fps needs -n N", "-m", "fps"},
      {"--method voxel needs --voxel SIZE", "-m", "voxel"},
      {"--voxel applies to --method voxel only", "-m", "random", "-n", "5", "--voxel", "1"},
      {"--method voxel takes --voxel SIZE, not -n", "-m", "voxel", "--voxel", "1", "-n", "3"},
      {"-n must be at least 1", "-m", "fps", "-n", "0"},
      {"--voxel must be a positive size", "-m", "voxel", "--voxel", "-1"},
      {"cannot keep -n 1000", "-m", "fps", "-n", "1000"},
      {"--start-index 397 is out of range", "-m", "fps", "-n", "3", "--start-index", "397"},
      {"either --start-index or --seed", "-m", "fps", "-n", "3", "--start-index", "1",
          "--seed", "2"},
      {"--start-index applies to --method fps only", "-m", "random", "-n", "3",
          "--start-index", "1"},
      {"it takes no --seed", "-m", "voxel", "--voxel", "0.1", "--seed", "1"},
      {"Missing required option: '--method=METHOD'", "-n", "3"},
      {"Invalid value for option '--method'", "-m", "poisson", "-n", "3"},
    };
    for (String[] c : cases) {
      String[] args = new String[c.length + 2];
      args[0] = "sample";
      args[1] = in;
      args[2] = out;
      System.arraycopy(c, 1, args, 3, c.length - 1);
      Cli.Run r = Cli.run(args);
      assertThat(r.code()).as(String.join(" ", args) + "\n" + r).isEqualTo(ExitCodes.USER_ERROR);
      assertThat(r.err()).as(String.join(" ", args)).contains(c[0]);
    }
    assertThat(Files.exists(Path.of(out))).isFalse();
  }
}

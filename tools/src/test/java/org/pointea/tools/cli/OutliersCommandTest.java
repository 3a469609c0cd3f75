package org.pointea.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pointea.tools.cli.InfoCommandTest.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.PointCloudIO;
import org.pointea.pointcloud.Indices;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.filters.RadiusOutlierRemoval;
import org.pointea.pointcloud.filters.StatisticalOutlierRemoval;

class OutliersCommandTest {

  @TempDir Path dir;

  @Test
  void statisticalKeepsTheLibrarysInliersAndWritesTheRest() throws IOException {
    Path out = dir.resolve("kept.pcd");
    Path removed = dir.resolve("removed.ply");
    Cli.Run r = Cli.run("outliers", file("milk.pcd"), out.toString(), "-m", "statistical",
        "-k", "50", "--std-ratio", "1", "--convention", "pcl", "--removed", removed.toString(),
        "--json");
    assertThat(r.code()).as(r.toString()).isZero();
    PointCloud in = PointCloudIO.read(Path.of(file("milk.pcd")));
    int[] kept = StatisticalOutlierRemoval.pcl(50, 1).filter(in.positions(), in.size(), 1);
    assertThat(PointCloudIO.read(out).positions()).containsExactly(in.select(kept).positions());
    assertThat(PointCloudIO.read(removed).size()).isEqualTo(in.size() - kept.length);
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(doc.get("kept").asInt()).isEqualTo(kept.length);
    assertThat(doc.get("params").get("mean_k").asInt()).isEqualTo(50);
    assertThat(doc.get("distance_threshold").asDouble()).isPositive();
    assertThat(r.err()).contains("points kept").contains("statistical, pcl");
  }

  @Test
  void radiusFollowsOpen3dByDefaultAndDropsNanPoints() throws IOException {
    Path out = dir.resolve("kept.pcd");
    Cli.Run r = Cli.run("outliers", file("lena_nan10_binary_compressed.pcd"), out.toString(),
        "-m", "radius", "-r", "3", "--min-neighbors", "4");
    assertThat(r.code()).as(r.toString()).isZero();
    PointCloud in = PointCloudIO.read(Path.of(file("lena_nan10_binary_compressed.pcd")));
    int[] kept = RadiusOutlierRemoval.open3d(4, 3).filter(in.positions(), in.size(), 1);
    PointCloud got = PointCloudIO.read(out);
    assertThat(got.size()).isEqualTo(kept.length).isLessThanOrEqualTo(65536 - 5856);
    assertThat(got.countNonFinite()).isZero();
    assertThat(got.hasColors()).isTrue();
    assertThat(Indices.isStrictlyAscending(kept)).isTrue();
  }

  @Test
  void argumentsAreCheckedBeforeReading() {
    String in = file("bun0.pcd");
    String out = dir.resolve("a.pcd").toString();
    assertThat(Cli.run("outliers", in, out, "-m", "statistical", "--std-ratio", "2").err())
        .contains("--method statistical needs -k");
    assertThat(Cli.run("outliers", in, out, "-m", "statistical", "-k", "5", "--std-ratio", "2",
        "-r", "1").err()).contains("--radius applies to --method radius only");
    assertThat(Cli.run("outliers", in, out, "-m", "radius", "-r", "1").err())
        .contains("--method radius needs --min-neighbors");
    assertThat(Cli.run("outliers", in, out, "-m", "radius", "-r", "0", "--min-neighbors", "2")
        .err()).contains("radius must be positive");
    Cli.Run conv = Cli.run("outliers", in, out, "-m", "radius", "-r", "1", "--min-neighbors",
        "2", "--convention", "pdal");
    assertThat(conv.code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(conv.err()).contains("--convention must be open3d or pcl");
    Cli.Run missing = Cli.run("outliers", dir.resolve("none.pcd").toString(), out, "-m",
        "radius", "-r", "1", "--min-neighbors", "2");
    assertThat(missing.code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(missing.err()).contains("none.pcd").hasLineCount(1);
  }
}

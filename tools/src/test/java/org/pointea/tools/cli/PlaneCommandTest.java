package org.pointea.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pointea.tools.cli.InfoCommandTest.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.PointCloudIO;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.segmentation.PlaneFit;
import org.pointea.pointcloud.segmentation.PlaneSegmentation;

class PlaneCommandTest {

  @TempDir Path dir;

  @Test
  void printsTheLibrarysPlaneAndWritesItsInliers() throws IOException {
    Path out = dir.resolve("plane.ply");
    Path rest = dir.resolve("rest.pcd");
    Cli.Run r = Cli.run("plane", file("milk.pcd"), out.toString(), "-d", "0.005", "--seed", "4",
        "--rest", rest.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    PointCloud in = PointCloudIO.read(Path.of(file("milk.pcd")));
    PlaneFit fit = PlaneSegmentation.of(0.005, 3, 1000).segment(in.positions(), in.size(), 4, 1);
    assertThat(r.out().strip()).isEqualTo(String.format(Locale.ROOT, "%.9g %.9g %.9g %.9g",
        fit.a(), fit.b(), fit.c(), fit.d()));
    assertThat(PointCloudIO.read(out).positions())
        .containsExactly(in.select(fit.inliers()).positions());
    assertThat(PointCloudIO.read(rest).size()).isEqualTo(in.size() - fit.inliers().length);
    assertThat(r.err()).contains("points on the plane");
  }

  @Test
  void jsonHasThePlaneAndTheFit() throws IOException {
    Cli.Run r = Cli.run("plane", file("milk.pcd"), dir.resolve("p.pcd").toString(), "-d", "0.01",
        "--iterations", "200", "--json");
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(doc.get("plane")).hasSize(4);
    assertThat(doc.get("inliers").asInt()).isPositive();
    assertThat(doc.get("hypotheses").asInt()).isBetween(1, 200);
    assertThat(doc.get("fitness").asDouble()).isBetween(0.0, 1.0);
  }

  @Test
  void argumentsAreChecked() {
    String in = file("bun0.pcd");
    String out = dir.resolve("a.pcd").toString();
    assertThat(Cli.run("plane", in, out, "-d", "0").err())
        .contains("--distance must be a positive distance");
    assertThat(Cli.run("plane", in, out, "-d", "0.1", "--ransac-n", "2").err())
        .contains("--ransac-n must be at least 3");
    assertThat(Cli.run("plane", in, out, "-d", "0.1", "--probability", "1.5").err())
        .contains("--probability must be in (0, 1]");
    assertThat(Cli.run("plane", in, dir.resolve("a.unknown").toString(), "-d", "0.1").err())
        .contains("cannot tell the output format");
  }
}

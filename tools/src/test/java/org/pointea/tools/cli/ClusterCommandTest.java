package org.pointea.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pointea.tools.cli.InfoCommandTest.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.PointCloudIO;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.segmentation.Clustering;
import org.pointea.pointcloud.segmentation.Dbscan;
import org.pointea.pointcloud.segmentation.EuclideanClusterExtraction;

class ClusterCommandTest {

  @TempDir Path dir;

  @Test
  void dbscanWritesOpen3dsLabelsAsAChannel() throws IOException {
    Path out = dir.resolve("c.pcd");
    Cli.Run r = Cli.run("cluster", file("milk.pcd"), out.toString(), "-m", "dbscan", "--eps",
        "0.004", "--min-points", "8", "--json");
    assertThat(r.code()).as(r.toString()).isZero();
    PointCloud in = PointCloudIO.read(Path.of(file("milk.pcd")));
    Clustering c = new Dbscan(0.004, 8).cluster(in.positions(), in.size(), 1);
    PointCloud got = PointCloudIO.read(out);
    assertThat(got.intChannel("cluster").toArray()).containsExactly(c.labels());
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(doc.get("clusters").asInt()).isEqualTo(c.clusterCount());
    assertThat(doc.get("noise").asInt()).isEqualTo(c.noiseCount());
  }

  @Test
  void euclideanSplitsIntoOneFilePerCluster() throws IOException {
    Path out = dir.resolve("objects.ply");
    Cli.Run r = Cli.run("cluster", file("milk.pcd"), out.toString(), "-m", "euclidean",
        "--tolerance", "0.005", "--min-size", "10", "--split", "--channel", "labels");
    assertThat(r.code()).as(r.toString()).isZero();
    PointCloud in = PointCloudIO.read(Path.of(file("milk.pcd")));
    Clustering c = new EuclideanClusterExtraction(0.005, 10, Integer.MAX_VALUE)
        .cluster(in.positions(), in.size(), 1);
    assertThat(PointCloudIO.read(out).labels()).containsExactly(c.labels());
    for (int k = 0; k < c.clusterCount(); k++) {
      Path part = dir.resolve("objects_" + k + ".ply");
      assertThat(PointCloudIO.read(part).size()).isEqualTo(c.sizes()[k]);
    }
    assertThat(Files.exists(dir.resolve("objects_" + c.clusterCount() + ".ply"))).isFalse();
  }

  @Test
  void argumentsAreChecked() {
    String in = file("bun0.pcd");
    String out = dir.resolve("a.pcd").toString();
    assertThat(Cli.run("cluster", in, out, "-m", "dbscan", "--eps", "0.1").err())
        .contains("--method dbscan needs --min-points");
    assertThat(Cli.run("cluster", in, out, "-m", "dbscan", "--eps", "0.1", "--min-points", "3",
        "--tolerance", "1").err()).contains("--tolerance applies to --method euclidean only");
    assertThat(Cli.run("cluster", in, out, "-m", "euclidean", "--tolerance", "1", "--min-size",
        "5", "--max-size", "2").err()).contains("1 <= min <= max");
    Cli.Run xyz = Cli.run("cluster", in, dir.resolve("a.xyz").toString(), "-m", "euclidean",
        "--tolerance", "0.01");
    assertThat(xyz.code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(xyz.err()).contains("cannot hold the 'cluster' channel");
  }
}

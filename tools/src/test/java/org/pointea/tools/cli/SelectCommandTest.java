package org.pointea.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pointea.tools.cli.InfoCommandTest.file;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.PointCloudIO;
import org.pointea.pointcloud.PointCloud;

class SelectCommandTest {

  @TempDir Path dir;

  @Test
  void selectsAndRemovesByTheLabelsOfAClusterChannel() throws IOException {
    Path clustered = dir.resolve("clustered.pcd");
    assertThat(Cli.run("cluster", file("milk.pcd"), clustered.toString(), "-m", "dbscan",
        "--eps", "0.004", "--min-points", "8").code()).isZero();
    PointCloud all = PointCloudIO.read(clustered);
    int[] labels = all.intChannel("cluster").toArray();
    int noise = 0;
    int zero = 0;
    for (int l : labels) {
      noise += l == -1 ? 1 : 0;
      zero += l == 0 ? 1 : 0;
    }
    Path kept = dir.resolve("no_noise.ply");
    Path rest = dir.resolve("noise.ply");
    Cli.Run r = Cli.run("select", clustered.toString(), kept.toString(), "--labels", "-1",
        "--channel", "cluster", "--remove", "--rest", rest.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(PointCloudIO.read(kept).size()).isEqualTo(labels.length - noise);
    assertThat(PointCloudIO.read(rest).size()).isEqualTo(noise);
    Cli.Run first = Cli.run("select", clustered.toString(), dir.resolve("c0.pcd").toString(),
        "-l", "0", "--channel", "cluster", "--json");
    assertThat(first.out()).contains("\"kept\" : " + zero);
  }

  @Test
  void aMissingChannelNamesTheIntegerOnes() {
    Cli.Run r = Cli.run("select", file("bun0.pcd"), dir.resolve("a.pcd").toString(), "-l", "1");
    assertThat(r.code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(r.err()).contains("bun0.pcd: no channel 'labels'; integer channels: none")
        .hasLineCount(1);
    assertThat(Cli.run("select", file("bun0.pcd"), dir.resolve("a.pcd").toString(), "-l", "x")
        .err()).contains("'x'");
  }
}

package org.pointea.spark.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.dataset.DatasetLayout;
import org.pointea.io.dataset.DatasetProgress;
import org.pointea.io.dataset.synthetic.ShapeClass;
import org.pointea.io.dataset.synthetic.SyntheticModelNet;
import org.pointea.spark.SharedSpark;

class PointeaSparkJobTest {
  @TempDir
  Path tmp;

  @Test
  void predictWritesParquetAndSaysHowManyInputsFailed() throws Exception {
    Path scans = Files.createDirectories(tmp.resolve("scans"));
    Files.copy(Path.of("src/test/resources/real/pcd_pcl_bunny.pcd"), scans.resolve("a.pcd"));
    Files.copy(Path.of("src/test/resources/real/ply_open3d_bathtub_0154.ply"), scans.resolve("b.ply"));
    Files.writeString(scans.resolve("c.pcd"), "not a cloud");
    Path model = tmp.resolve("job-cls");   // SparkFiles names: one path per folder name in a session
    Files.createDirectories(model);
    try (Stream<Path> s = Files.list(Path.of("src/test/resources/models/tiny-cls"))) {
      for (Path p : s.toList()) {
        Files.copy(p, model.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    SharedSpark.get();   // the job's getOrCreate() takes the shared local[2] session
    Path out = tmp.resolve("out");
    String printed = stdout(() -> assertThat(PointeaSparkJob.run("predict", "--model",
        model.toString(), "--input", scans.toString(), "--output", out.toString(), "--top-k", "2"))
        .isZero());
    assertThat(printed).contains("3 inputs, 2 answered, 1 error rows -> " + out);
    List<Row> rows = SharedSpark.get().read().parquet(out.toString()).collectAsList();
    assertThat(rows).hasSize(3);
    assertThat(PointeaSparkJob.run("predict", "--model", model.toString(), "--input",
        scans.toString(), "--output", out.toString())).as("the output exists").isEqualTo(1);
    assertThat(PointeaSparkJob.run("predict", "--model", tmp.resolve("none").toString(),
        "--input", scans.toString(), "--output", tmp.resolve("o2").toString())).isEqualTo(1);
    assertThat(PointeaSparkJob.run("predict", "--model", model.toString())).as("usage").isEqualTo(2);
  }

  @Test
  void prepareBuildsTheCacheAndThenLoadsIt() throws Exception {
    Path root = tmp.resolve("mn");
    SyntheticModelNet.builder().optClasses(List.of(ShapeClass.CONE, ShapeClass.TORUS))
        .optTrainPerClass(2).optTestPerClass(1).optPoints(200).optSeed(1).build()
        .write(root, DatasetLayout.MODELNET_NORMAL_RESAMPLED, DatasetProgress.NONE);
    SharedSpark.get();
    String[] args = {"prepare", "--dataset", "modelnet", "--root", root.toString(), "--points",
        "64", "--sampling", "random"};
    assertThat(stdout(() -> assertThat(PointeaSparkJob.run(args)).isZero())).startsWith("built ");
    assertThat(stdout(() -> assertThat(PointeaSparkJob.run(args)).isZero())).startsWith("loaded ");
  }

  @Test
  void trainWritesARunThatResumes() throws Exception {
    Path root = tmp.resolve("mn-train");
    SyntheticModelNet.builder().optClasses(List.of(ShapeClass.CONE, ShapeClass.TORUS))
        .optTrainPerClass(4).optTestPerClass(1).optPoints(100).optSeed(1).build()
        .write(root, DatasetLayout.MODELNET_NORMAL_RESAMPLED, DatasetProgress.NONE);
    SharedSpark.get();
    Path run = tmp.resolve("run");
    String printed = stdout(() -> assertThat(PointeaSparkJob.run("train", "--data", root.toString(), "--out",
        run.toString(), "--workers", "2", "--batch", "2", "--points", "64", "--epochs", "1", "--val-split",
        "none", "--threads", "1")).isZero());
    assertThat(printed).startsWith("trained " + run + ": 1 epochs on 2 workers (1 stage attempt)");
    assertThat(run.resolve("best").resolve("model.json")).exists();
    assertThat(PointeaSparkJob.run("train", "--data", root.toString(), "--out", run.toString()))
        .as("the run exists").isEqualTo(1);
    assertThat(PointeaSparkJob.run("train", "--resume", run.toString(), "--epochs", "2"))
        .as("settings on resume").isEqualTo(1);
    assertThat(stdout(() -> assertThat(PointeaSparkJob.run("train", "--resume", run.toString())).isZero()))
        .startsWith("trained " + run + ": 1 epochs");
  }

  private static String stdout(Runnable r) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      r.run();
    } finally {
      System.setOut(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }
}

package org.pointea.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pointea.tools.cli.InfoCommandTest.file;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Commands that need no neural network must start without loading ND4J / DL4J / JavaCPP (100+ MB
 * of natives, seconds of start-up): checked on the JVM's class-loading log.
 */
class StartupTest {

  private static List<String> heavyClasses(String... args) {
    PointeaProcess.Result r = PointeaProcess.run(List.of("-Xlog:class+load=info"), Path.of("."),
        args);
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("class,load");
    return r.out().lines()
        .filter(l -> l.contains("org.nd4j") || l.contains("org.deeplearning4j")
            || l.contains("org.bytedeco"))
        .toList();
  }

  @Test
  void infoAndHelpLoadNoNd4j() {
    assertThat(heavyClasses("info", file("bun0.pcd"), file("shapenet_part_ply_data_plain.h5")))
        .isEmpty();
    assertThat(heavyClasses("--help")).isEmpty();
  }

  @Test
  void metricsLoadNoNd4j() {
    assertThat(heavyClasses("metrics", "cls", "--labels",
        MetricsClsCommandTest.m("cls_labels.npy"), "--pred",
        MetricsClsCommandTest.m("cls_pred.npy"))).isEmpty();
  }
}

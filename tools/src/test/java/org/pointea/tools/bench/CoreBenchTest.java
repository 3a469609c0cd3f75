package org.pointea.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoreBenchTest {

  @Test
  void quickRunsAreNamedForTheSizesTheyRun() {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    List<Measurement> m = CoreBench.run(new CoreBench.Config(true, 1, 0,
        List.of("fps_100k_to_1024", "kdtree_build_100k")),
        new PrintStream(log, true, StandardCharsets.UTF_8));
    assertThat(m).extracting(Measurement::name).contains("fps_10k_to_102", "kdtree_build_10k")
        .doesNotContain("fps_100k_to_1024", "kdtree_build_100k");
    assertThat(m.get(0).detail()).isEqualTo("10000 -> 102 points");
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("fps_10k_to_102 ...");
  }

  @Test
  void everyScaledCaseHasAQuickName() {
    for (String c : CoreBench.CASES) {
      if (!c.contains("batch")) {
        assertThat(CoreBench.quickName(c)).as(c).isNotEqualTo(c);
      }
    }
  }
}

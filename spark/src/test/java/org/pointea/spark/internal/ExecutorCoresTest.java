package org.pointea.spark.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

class ExecutorCoresTest {
  @Test
  void localMastersGiveTheirThreadCountOthersTheProcessors() {
    assertThat(ExecutorCores.fromMaster("local", 16)).isEqualTo(1);
    assertThat(ExecutorCores.fromMaster("local[2]", 16)).isEqualTo(2);
    assertThat(ExecutorCores.fromMaster("local[2,3]", 16)).as("threads, max failures").isEqualTo(2);
    assertThat(ExecutorCores.fromMaster("local[*]", 16)).isEqualTo(16);
    assertThat(ExecutorCores.fromMaster("yarn", 16)).isEqualTo(16);
    assertThat(ExecutorCores.fromMaster("spark://host:7077", 8)).isEqualTo(8);
  }

  @Test
  void boundedReadsRefuseMoreThanTheLimitWithoutReadingOn() throws Exception {
    byte[] ten = new byte[10];
    assertThat(HadoopFiles.readBounded(new ByteArrayInputStream(ten), "f", 10)).hasSize(10);
    try {
      HadoopFiles.readBounded(new ByteArrayInputStream(new byte[1 << 20]), "hdfs:///a.pcd", 1000);
      throw new AssertionError("no exception");
    } catch (HadoopFiles.TooLargeException e) {
      assertThat(e.getMessage()).startsWith("hdfs:///a.pcd: larger than the limit of 1000 bytes");
    }
  }
}

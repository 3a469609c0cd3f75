package org.pointea.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.PointCloudFormat;
import org.pointea.io.PointCloudIO;
import org.pointea.io.WriteOptions;
import org.pointea.pointcloud.PointCloud;

class OutputOptionsTest {

  /** A cloud with every standard channel and a custom one. */
  private static PointCloud rich() {
    int n = 4;
    float[] xyz = new float[3 * n];
    float[] nrm = new float[3 * n];
    float[] col = new float[3 * n];
    float[] intensity = new float[n];
    float[] curv = new float[n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      xyz[3 * i] = i;
      xyz[3 * i + 1] = 2 * i;
      nrm[3 * i + 2] = 1;
      col[3 * i] = 0.5f;
      intensity[i] = i;
      curv[i] = 0.1f * i;
      labels[i] = i % 2;
    }
    return PointCloud.builder(xyz).normals(nrm).colors(col, 3).intensity(intensity)
        .labels(labels).channel("curvature", 1, curv).build();
  }

  @Test
  void droppedChannelsAreExactlyThoseTheWriterLoses(@TempDir Path dir) throws IOException {
    PointCloud cloud = rich();
    for (PointCloudFormat f : PointCloudFormat.values()) {
      List<String> dropped = OutputOptions.droppedChannels(f, cloud);
      List<String> kept = new ArrayList<>(cloud.channelNames());
      kept.removeAll(dropped);
      Path out = dir.resolve("c." + f.extensions().get(0));
      PointCloudIO.write(out, cloud, WriteOptions.defaults(f));
      PointCloud back = PointCloudIO.read(out);
      if (f == PointCloudFormat.LAS) {
        // LAS adds the fields of its point format (returns, flags, scan angle, ...)
        assertThat(back.channelNames()).as(f.toString()).containsAll(kept);
        continue;
      }
      assertThat(back.channelNames()).as(f.toString()).containsExactlyInAnyOrderElementsOf(kept);
    }
  }

  @Test
  void encodingsMapToTheFormatsOptions() {
    Path p = Path.of("x");
    assertThat(OutputOptions.options(PointCloudFormat.PCD, Encoding.BINARY_COMPRESSED, p)
        .toString()).contains("BINARY_COMPRESSED");
    assertThat(OutputOptions.options(PointCloudFormat.PLY, null, p))
        .isEqualTo(WriteOptions.defaults(PointCloudFormat.PLY));
    assertThatThrownBy(() -> OutputOptions.options(PointCloudFormat.NPY, Encoding.ASCII, p))
        .isInstanceOf(UserException.class).hasMessageContaining("NPY: binary");
    assertThatThrownBy(() -> OutputOptions.options(PointCloudFormat.XYZ, Encoding.BINARY, p))
        .isInstanceOf(UserException.class).hasMessageContaining("XYZ files have no binary");
  }
}

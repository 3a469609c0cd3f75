package org.pointea.io.las;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pointea.io.PointCloudFormat;
import org.pointea.io.PointCloudIO;
import org.pointea.pointcloud.Channel;
import org.pointea.pointcloud.PointCloud;

/**
 * LAS written by pointea reads back as it was (every file of the test data, through a cloud), in
 * the point format its channels need; values LAS cannot hold are refused, naming the channel.
 */
class LasWriterTest {
  @TempDir
  Path tmp;

  static List<String> readable() {
    return LasFixtures.readable();
  }

  @ParameterizedTest
  @MethodSource("readable")
  void everyFileRoundTripsThroughACloud(String file) throws IOException {
    Path in = LasFixtures.file(file);
    LasHeader h = LasReader.readHeader(in);
    PointCloud cloud = LasReader.read(in);
    Path out = tmp.resolve("out.las");
    LasWriter.write(out, cloud, LasWriteOptions.builder()
        .optScale(h.scale()[0], h.scale()[1], h.scale()[2])
        .optOffset(h.offset()[0], h.offset()[1], h.offset()[2])
        .optVlrs(h.crsVlrs()).build());
    LasHeader h2 = LasReader.readHeader(out);
    PointCloud back = LasReader.read(out);
    assertThat(h2.pointCount()).isEqualTo(h.pointCount());
    assertThat(h2.pointFormat().hasGpsTime()).isEqualTo(h.pointFormat().hasGpsTime());
    assertThat(h2.pointFormat().hasRgb()).isEqualTo(h.pointFormat().hasRgb());
    assertThat(h2.pointFormat().isExtended()).isEqualTo(h.pointFormat().isExtended());
    assertThat(h2.crsVlrs()).isEqualTo(h.crsVlrs());
    assertThat(h2.min()).isEqualTo(h.pointCount() == 0 ? h2.min() : quantizedBounds(h, cloud, true));
    assertThat(back.positions()).isEqualTo(cloud.positions());
    assertThat(back.origin()).isEqualTo(cloud.origin());
    for (Channel c : cloud.channels().values()) {
      if (c.name().equals(Channel.COLORS)) {
        float[] a = cloud.colors();
        float[] b = back.colors();
        for (int i = 0; i < a.length; i++) {
          assertThat(b[i]).isCloseTo(a[i], within(1e-6f)); // 8-bit colours come back as 16-bit
        }
        continue;
      }
      assertThat(back.channel(c.name())).as(file + " " + c.name()).contains(c);
    }
  }

  /** The bounds of the points as the reader computed them (the header's may be stale). */
  private static double[] quantizedBounds(LasHeader h, PointCloud cloud, boolean min) {
    double[] out = new double[3];
    for (int a = 0; a < 3; a++) {
      double best = min ? Double.MAX_VALUE : -Double.MAX_VALUE;
      for (int i = 0; i < cloud.size(); i++) {
        double v = cloud.origin()[a] + (a == 0 ? cloud.x(i) : a == 1 ? cloud.y(i) : cloud.z(i));
        double q = Math.rint((v - h.offset()[a]) / h.scale()[a]) * h.scale()[a] + h.offset()[a];
        best = min ? Math.min(best, q) : Math.max(best, q);
      }
      out[a] = best;
    }
    return out;
  }

  @Test
  void choosesTheSmallestFormatThatHoldsTheChannels() throws IOException {
    float[] xyz = {512000.25f, 0, 0, 512001.5f, 1, 2};
    PointCloud plain = PointCloud.of(xyz);
    assertThat(formatOf(plain)).isEqualTo("1.2/0");
    PointCloud timed = plain.toBuilder().doubleChannel(LasChannels.GPS_TIME, 1,
        new double[] {3.1e8 + 0.25, 3.1e8 + 0.5}).build();
    assertThat(formatOf(timed)).isEqualTo("1.2/1");
    PointCloud coloured = timed.toBuilder().colors(new float[] {1, 0, 0, 0, 1, 0.5f}, 3).build();
    assertThat(formatOf(coloured)).isEqualTo("1.2/3");
    PointCloud manyClasses = coloured.toBuilder().labels(new int[] {2, 40}).build();
    assertThat(formatOf(manyClasses)).isEqualTo("1.4/7");
    PointCloud nir = plain.toBuilder().intChannel(LasChannels.NIR, 1, new int[] {5, 6}).build();
    assertThat(formatOf(nir)).isEqualTo("1.4/8");
    PointCloud extra = plain.toBuilder().normals(new float[] {0, 0, 1, 1, 0, 0})
        .channel("curvature", 1, new float[] {0.5f, 0.25f}).build();
    assertThat(formatOf(extra)).isEqualTo("1.4/0");
    PointCloud back = LasReader.read(tmp.resolve("f.las"));
    assertThat(back.normals()).containsExactly(0, 0, 1, 1, 0, 0);
    assertThat(back.floatChannel("curvature").toArray()).containsExactly(0.5f, 0.25f);
    assertThat(back.origin()[0] + back.x(0)).isEqualTo(512000.25);
    assertThat(LasReader.readHeader(tmp.resolve("f.las")).extraDimensions())
        .extracting(LasExtraDimension::name).containsExactly("normal_x", "normal_y", "normal_z",
            "curvature");
  }

  private String formatOf(PointCloud cloud) throws IOException {
    Path f = tmp.resolve("f.las");
    PointCloudIO.write(f, cloud);
    LasHeader h = LasReader.readHeader(f);
    assertThat(PointCloudFormat.detect(f)).isEqualTo(PointCloudFormat.LAS);
    return h.version() + "/" + h.pointFormat().id();
  }

  @Test
  void headerFieldsAreAsAsked() throws IOException {
    Path f = tmp.resolve("h.las");
    PointCloud c = PointCloud.of(new float[] {1, 2, 3});
    LasWriter.write(f, c, LasWriteOptions.builder().optSystemIdentifier("rig 7")
        .optGeneratingSoftware("test").optCreationDate(LocalDate.of(2024, 2, 29))
        .optPointFormat(6).optScale(0.01, 0.01, 0.01).build());
    LasHeader h = LasReader.readHeader(f);
    assertThat(h.systemIdentifier()).isEqualTo("rig 7");
    assertThat(h.generatingSoftware()).isEqualTo("test");
    assertThat(h.creationYear()).isEqualTo(2024);
    assertThat(h.creationDayOfYear()).isEqualTo(60);
    assertThat(h.version()).isEqualTo("1.4");
    assertThat(h.globalEncoding() & 16).as("WKT bit of formats 6-10").isEqualTo(16);
    assertThat(h.pointsByReturn()[0]).isEqualTo(1);
    assertThat(h.scale()).containsExactly(0.01, 0.01, 0.01);
  }

  @Test
  void refusesWhatLasCannotHold() {
    Path f = tmp.resolve("bad.las");
    PointCloud nan = PointCloud.of(new float[] {0, 0, Float.NaN, 1, 1, 1});
    assertThatThrownBy(() -> LasWriter.write(f, nan)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 points have a NaN or infinite coordinate");
    PointCloud wide = PointCloud.of(new float[] {-3e6f, 0, 0, 3e6f, 0, 0});
    assertThatThrownBy(() -> LasWriter.write(f, wide)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not fit LAS's 32-bit integers at scale 0.001");
    PointCloud classes = PointCloud.builder(new float[] {0, 0, 0}).labels(new int[] {40}).build();
    assertThatThrownBy(() -> LasWriter.write(f, classes,
        LasWriteOptions.builder().optPointFormat(3).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("channel 'labels' has 40 at point 0; LAS point format 3 holds 0 to 31 "
            + "(formats 6-10 hold more)");
    assertThatThrownBy(() -> LasWriteOptions.builder().optPointFormat(7).optVersion(2).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs LAS 1.4");
    assertThat(Files.exists(f)).isFalse();
  }
}

package org.pointea.io.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pointea.io.PointCloudFormatException;
import org.pointea.io.ReadOptions;
import org.pointea.io.internal.Input;
import org.pointea.pointcloud.Channel;
import org.pointea.pointcloud.PointCloud;

class TextReaderTest {
  private static PointCloud read(String s, TextLayout layout) throws Exception {
    return TextReader.read(Input.of(s.getBytes(StandardCharsets.UTF_8), "t.txt"), layout,
        ReadOptions.DEFAULT);
  }

  @Test
  void modelNetCommaFiles() throws Exception {
    // verbatim sample of modelnet40_normal_resampled/airplane/airplane_0001.txt (pointnet2 #103)
    String s = "-0.098790,-0.182300,0.163800,0.829000,-0.557200,-0.048180\n"
        + "0.994600,0.074420,0.010250,0.331800,-0.939500,0.085320\n";
    for (TextLayout l : List.of(TextLayout.MODELNET, TextLayout.AUTO)) {
      PointCloud c = read(s, l);
      assertThat(c.size()).isEqualTo(2);
      assertThat(c.positions()).startsWith(-0.098790f, -0.182300f, 0.163800f);
      assertThat(c.normals()).startsWith(0.829000f, -0.557200f, -0.048180f);
    }
  }

  @Test
  void shapeNetPartFloatLabels() throws Exception {
    // verbatim sample lines of shapenetcore_partanno_segmentation_benchmark_v0_normal
    String s = "-0.253770 -0.041050 -0.000220 -0.999500 0.026250 -0.014680 0.000000\n"
        + "-0.266060 -0.031920 0.022690 -0.053900 0.985000 -0.163800 2.000000\n"
        + "0.1 0.2 0.3 0 0 1 44.000000\n";
    for (TextLayout l : List.of(TextLayout.SHAPENET_PART, TextLayout.AUTO)) {
      PointCloud c = read(s, l);
      assertThat(c.labels()).containsExactly(0, 2, 44);
      assertThat(c.normals()[4]).isEqualTo(0.985f);
    }
    assertThatThrownBy(() -> read("0 0 0 0 0 1 2.5\n", TextLayout.SHAPENET_PART))
        .isInstanceOf(PointCloudFormatException.class).hasMessageContaining("not an integer");
  }

  @Test
  void ptsCountLineAndByteColours() throws Exception {
    PointCloud c = read("2\n1 2 3 7 255 0 51\n4 5 6 8 0 0 0\n", TextLayout.PTS);
    assertThat(c.size()).isEqualTo(2);
    assertThat(c.floatChannel(Channel.INTENSITY).toArray()).containsExactly(7, 8);
    assertThat(c.colors()).startsWith(1f, 0f, 0.2f);
  }

  @Test
  void headersNameTheColumnsCloudCompareStyleIncluded() throws Exception {
    PointCloud c = read("//X,Y,Z,R,G,B,Scalar_field\n1,2,3,255,128,0,0.5\n", TextLayout.AUTO);
    assertThat(c.positions()).containsExactly(1, 2, 3);
    assertThat(c.colors()).containsExactly(1f, 128 / 255f, 0f);
    assertThat(c.floatChannel("Scalar_field").get(0, 0)).isEqualTo(0.5f);
  }

  @Test
  void explicitLayoutsSkipColumnsAndSemicolonsWork() throws Exception {
    PointCloud c = read("1;2;3;9;4\n", TextLayout.parse("x y z _ label"));
    assertThat(c.labels()).containsExactly(4);
    assertThat(c.channelNames()).containsExactly(Channel.LABELS);
  }

  @Test
  void otherColumnCountsKeepTheRestAsValues() throws Exception {
    PointCloud c = read("1 2 3 4 5\n", TextLayout.AUTO);
    assertThat(c.floatChannel("values").toArray()).containsExactly(4, 5);
  }

  @Test
  void badLinesNameTheirLineNumber() {
    assertThatThrownBy(() -> read("1 2 3\n4 5\n", TextLayout.XYZ))
        .isInstanceOf(PointCloudFormatException.class)
        .hasMessage("t.txt: line 2, byte 9: expected z but the line ends");
    assertThatThrownBy(() -> read("1 2 3 0 0 1\n4 5 6 0 0 1 9\n", TextLayout.XYZN))
        .hasMessageContaining("line 2").hasMessageContaining("more than the 6 values");
    assertThatThrownBy(() -> read("1 2 3\n4 5 \u00e96\n", TextLayout.XYZ))
        .hasMessageContaining("line 2").hasMessageContaining("\\xC3");
    assertThatThrownBy(() -> read("1 2\n", TextLayout.AUTO))
        .hasMessageContaining("3 columns but the first data line has 2");
  }

  @Test
  void emptyFilesAreEmptyClouds() throws Exception {
    assertThat(read("", TextLayout.AUTO).isEmpty()).isTrue();
    assertThat(read("# only a comment\n\n", TextLayout.XYZ).isEmpty()).isTrue();
  }

  @Test
  void crOnlyLineEndingsAreLineEndings() throws Exception {
    // issue 12, G: a CR-only CSV of 180 KB read as one point with thousands of channels
    StringBuilder sb = new StringBuilder("x,y,z\r");
    for (int i = 0; i < 10000; i++) {
      sb.append(i).append(',').append(i + 1).append(',').append(i + 2).append('\r');
    }
    long allocated = org.pointea.io.Allocation.of(() -> read(sb.toString(), TextLayout.AUTO));
    PointCloud c = read(sb.toString(), TextLayout.AUTO);
    assertThat(c.size()).isEqualTo(10000);
    assertThat(c.channelNames()).doesNotContain("values");
    assertThat(c.positions()[3 * 9999 + 2]).isEqualTo(10001f);
    assertThat(allocated).isLessThan(16L << 20);
    PointCloud mixed = read("1 2 3\r\n4 5 6\r7 8 9\n", TextLayout.XYZ);
    assertThat(mixed.positions()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertThatThrownBy(() -> read("1 2 3\r4 5\r", TextLayout.XYZ))
        .hasMessageContaining("line 2");
  }
}

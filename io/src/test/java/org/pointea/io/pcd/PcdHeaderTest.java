package org.pointea.io.pcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.pointea.io.PointCloudFormatException;
import org.pointea.io.internal.Input;
import org.pointea.io.internal.ScalarType;
import org.pointea.pointcloud.Viewpoint;

class PcdHeaderTest {
  private static PcdHeader parse(String s) throws Exception {
    return PcdHeader.read(Input.of(s.getBytes(StandardCharsets.ISO_8859_1), "h.pcd"));
  }

  private static final String V7 = "# .PCD v0.7 - Point Cloud Data file format\nVERSION 0.7\n"
      + "FIELDS x y z _ rgb\nSIZE 4 4 4 1 4\nTYPE F F F U U\nCOUNT 1 1 1 4 1\nWIDTH 2\nHEIGHT 3\n"
      + "VIEWPOINT 1 2 3 0 1 0 0\nPOINTS 6\nDATA binary\n";

  @Test
  void parsesV7WithPaddingCountsAndViewpoint() throws Exception {
    PcdHeader h = parse(V7);
    assertThat(h.fields()).extracting(PcdHeader.Field::name).containsExactly("x", "y", "z", "_",
        "rgb");
    assertThat(h.fields().get(3).offset()).isEqualTo(12);
    assertThat(h.fields().get(4).offset()).isEqualTo(16);
    assertThat(h.pointStep()).isEqualTo(20);
    assertThat(h.width()).isEqualTo(2);
    assertThat(h.height()).isEqualTo(3);
    assertThat(h.viewpoint()).isEqualTo(new Viewpoint(1, 2, 3, 0, 1, 0, 0));
    assertThat(h.dataOffset()).isEqualTo(V7.length());
  }

  @Test
  void v5WithoutViewpointAndCountDefaults() throws Exception {
    PcdHeader h = parse("VERSION .5\nFIELDS x y z\nSIZE 4 4 8\nTYPE F F F\nPOINTS 3\n"
        + "DATA ascii\n");
    assertThat(h.width()).isEqualTo(3);
    assertThat(h.height()).isEqualTo(1);
    assertThat(h.viewpoint()).isEqualTo(Viewpoint.IDENTITY);
    assertThat(h.fields().get(2).type()).isEqualTo(ScalarType.FLOAT64);
  }

  @Test
  void everyTypeAndSizePair() {
    assertThat(PcdHeader.typeOf('I', 1)).isEqualTo(ScalarType.INT8);
    assertThat(PcdHeader.typeOf('I', 8)).isEqualTo(ScalarType.INT64);
    assertThat(PcdHeader.typeOf('U', 2)).isEqualTo(ScalarType.UINT16);
    assertThat(PcdHeader.typeOf('U', 8)).isEqualTo(ScalarType.UINT64);
    assertThat(PcdHeader.typeOf('F', 4)).isEqualTo(ScalarType.FLOAT32);
    assertThat(PcdHeader.typeOf('F', 8)).isEqualTo(ScalarType.FLOAT64);
    assertThat(PcdHeader.typeOf('F', 2)).isNull();
    for (ScalarType t : ScalarType.values()) {
      String[] ts = PcdHeader.typeAndSize(t).split(" ");
      assertThat(PcdHeader.typeOf(ts[0].charAt(0), Integer.parseInt(ts[1]))).isEqualTo(t);
    }
  }

  @Test
  void inconsistentHeadersAreRejectedWithTheLine() {
    assertThatThrownBy(() -> parse("FIELDS x y\nSIZE 4\nTYPE F F\nPOINTS 1\nDATA ascii\n"))
        .isInstanceOf(PointCloudFormatException.class)
        .hasMessage("h.pcd: line 2, byte 11: SIZE has 1 values but FIELDS names 2");
    assertThatThrownBy(() -> parse("FIELDS x\nSIZE 3\nTYPE F\nPOINTS 1\nDATA ascii\n"))
        .hasMessageContaining("is not a PCD type");
    assertThatThrownBy(() -> parse("FIELDS x\nSIZE 4\nTYPE F\nWIDTH 2\nHEIGHT 2\nPOINTS 5\n"
        + "DATA ascii\n")).hasMessageContaining("differs from POINTS");
    assertThatThrownBy(() -> parse("FIELDS x\nSIZE 4\nTYPE F\nWIDTH -2\nDATA ascii\n"))
        .hasMessageContaining("outside");
    assertThatThrownBy(() -> parse("FIELDS x\nSIZE 4\nTYPE F\nPOINTS 99999999999\nDATA ascii\n"))
        .hasMessageContaining("outside");
    assertThatThrownBy(() -> parse("FIELDS x\nSIZE 4\nTYPE F\nPOINTS 1\nDATA zip\n"))
        .hasMessageContaining("unknown DATA encoding");
    assertThatThrownBy(() -> parse("FIELDS x\nSIZE 4\nTYPE F\nPOINTS 1\n"))
        .hasMessageContaining("no DATA line");
    assertThatThrownBy(() -> parse("FIELDS x\u00ff\nSIZE 4\nTYPE F\nPOINTS 1\nDATA ascii\n"))
        .hasMessageContaining("byte 0xFF in the header");
    assertThatThrownBy(() -> parse("FIELDS x\nSIZE 4\nTYPE F\nVIEWPOINT 0 0 NaN 1 0 0 0\n"
        + "POINTS 1\nDATA ascii\n")).hasMessageContaining("not finite");
  }
}

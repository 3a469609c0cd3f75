package org.pointea.io.off;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.pointea.io.PointCloudFormatException;
import org.pointea.io.ReadOptions;
import org.pointea.io.internal.Input;
import org.pointea.pointcloud.Channel;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.TriangleMesh;

class OffReaderTest {
  private static Input in(String s) {
    return Input.of(s.getBytes(StandardCharsets.ISO_8859_1), "t.off");
  }

  @Test
  void modelNetGluedHeaderWithCrlfAndTrailingSpaces() throws Exception {
    TriangleMesh m = OffReader.readMesh(in("OFF4 2 0 \r\n0 0 0 \r\n1 0 0\r\n1 1 0\r\n0 1 0\r\n"
        + "3 0 1 2\r\n3 0 2 3 \r\n"));
    assertThat(m.vertexCount()).isEqualTo(4);
    assertThat(m.triangles()).containsExactly(0, 1, 2, 0, 2, 3);
  }

  @Test
  void countsOnTheKeywordLineOrAfterCommentsAndBlankLines() throws Exception {
    assertThat(OffReader.readMesh(in("OFF 3 1 3\n0 0 0\n1 0 0\n0 1 0\n3 0 1 2\n"))
        .triangleCount()).isEqualTo(1);
    assertThat(OffReader.readMesh(in("OFF\n# a comment\n\n  # another\n3 1\n0 0 0 # v0\n"
        + "1 0 0\n0 1 0\n3 0 1 2 0.5 0.5 0.5 1\n")).triangleCount()).isEqualTo(1);
    assertThat(OffReader.readMesh(in("3 1 0\n0 0 0\n1 0 0\n0 1 0\n3 0 1 2\n")).vertexCount())
        .isEqualTo(3);
  }

  @Test
  void polygonsAreFanTriangulatedAndDegenerateFacesDropped() throws Exception {
    TriangleMesh m = OffReader.readMesh(in("OFF\n5 3 0\n0 0 0\n1 0 0\n1 1 0\n0 1 0\n0 2 0\n"
        + "5 0 1 2 3 4\n2 0 1\n1 4\n"));
    assertThat(m.triangles()).containsExactly(0, 1, 2, 0, 2, 3, 0, 3, 4);
  }

  @Test
  void noffNormalsAndCoffColoursAreKept() throws Exception {
    TriangleMesh m = OffReader.readMesh(in("NOFF\n3 1 0\n0 0 0 0 0 1\n1 0 0 0 0 1\n"
        + "0 1 0 0 0 1\n3 0 1 2\n"));
    assertThat(m.vertexNormals()).containsExactly(0, 0, 1, 0, 0, 1, 0, 0, 1);
    PointCloud c = OffReader.read(in("COFF\n2 0 0\n0 0 0 255 0 0 255\n1 1 1 0 255 0 128\n"),
        ReadOptions.DEFAULT);
    assertThat(c.floatChannel(Channel.COLORS).width()).isEqualTo(4);
    assertThat(c.colors()).containsExactly(1, 0, 0, 1, 0, 1, 0, 128 / 255f);
  }

  @Test
  void badInputNamesTheLine() {
    assertThatThrownBy(() -> OffReader.readMesh(in("OFF\n3 1 0\n0 0 0\n1 0 0\n0 1 0\n3 0 1 3\n")))
        .isInstanceOf(PointCloudFormatException.class)
        .hasMessage("t.off: line 6, byte 34: face vertex index 3 is outside [0, 2]");
    assertThatThrownBy(() -> OffReader.readMesh(in("OFF\n300000 1 0\n0 0 0\n")))
        .hasMessageContaining("truncated");
    assertThatThrownBy(() -> OffReader.readMesh(in("OFF\n-3 1 0\n0 0 0\n")))
        .hasMessageContaining("negative count");
    assertThatThrownBy(() -> OffReader.readMesh(in("OFF\n2 0 0\n0 0 0\n1 x 0\n")))
        .hasMessage("t.off: line 4, byte 18: expected vertex coordinate, got 'x'");
    assertThatThrownBy(() -> OffReader.readMesh(in("OFF BINARY\n"))).hasMessageContaining(
        "binary OFF");
    assertThatThrownBy(() -> OffReader.readMesh(in("4OFF\n"))).hasMessageContaining("4D");
    assertThatThrownBy(() -> OffReader.readMesh(in(""))).hasMessageContaining("empty");
    assertThatThrownBy(() -> OffReader.readMesh(in("OFF\n2 0 0\n0.000 0.000 0.000\n")))
        .hasMessageContaining("ends after 1 of 2 vertices");
  }
}

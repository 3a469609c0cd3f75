package org.pointea.io.ply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.pointea.io.PointCloudFormatException;
import org.pointea.io.internal.Input;
import org.pointea.io.internal.ScalarType;

class PlyHeaderTest {
  private static PlyHeader parse(String s) throws Exception {
    return PlyHeader.read(Input.of(s.getBytes(StandardCharsets.ISO_8859_1), "h.ply"));
  }

  @Test
  void everyTypeNameAndItsAlias() {
    String[][] pairs = {{"char", "int8"}, {"uchar", "uint8"}, {"short", "int16"},
        {"ushort", "uint16"}, {"int", "int32"}, {"uint", "uint32"}, {"float", "float32"},
        {"double", "float64"}};
    for (String[] p : pairs) {
      assertThat(PlyHeader.typeOf(p[0])).isNotNull().isEqualTo(PlyHeader.typeOf(p[1]));
      assertThat(PlyHeader.nameOf(PlyHeader.typeOf(p[1]))).isEqualTo(p[0]);
    }
    assertThat(PlyHeader.typeOf("int64")).isNull();
  }

  @Test
  void crlfCommentsObjInfoAndListsAreParsed() throws Exception {
    String text = "ply\r\nformat binary_big_endian 1.0\r\ncomment made by hand\r\n"
        + "obj_info scanner 3\r\nelement vertex 2\r\nproperty float32 x\r\nproperty uint8 red\r\n"
        + "element face 1\r\nproperty list uint8 int32 vertex_indices\r\nend_header\r\n\n";
    PlyHeader h = parse(text);
    assertThat(h.encoding()).isEqualTo(PlyHeader.Encoding.BINARY_BIG_ENDIAN);
    assertThat(h.comments()).containsExactly("made by hand", "scanner 3");
    assertThat(h.elements()).hasSize(2);
    assertThat(h.element("face").properties().get(0).countType()).isEqualTo(ScalarType.UINT8);
    // exactly one line terminator is consumed: the body starts at the second '\n'
    assertThat(h.dataOffset()).isEqualTo(text.length() - 1);
  }

  @Test
  void aBinaryBodyStartingWithANewlineByteIsNotEaten() throws Exception {
    String hdr = "ply\nformat binary_little_endian 1.0\nelement vertex 1\nproperty uchar a\n"
        + "end_header\n";
    PlyHeader h = parse(hdr + "\n");
    assertThat(h.dataOffset()).isEqualTo(hdr.length());
  }

  @Test
  void malformedHeadersNameTheLine() {
    assertThatThrownBy(() -> parse("plx\n")).isInstanceOf(PointCloudFormatException.class)
        .hasMessageContaining("not a PLY file");
    assertThatThrownBy(() -> parse("ply\nformat ascii 1.0\nelement vertex 1\n"
        + "property flaot x\nend_header\n"))
        .hasMessage("h.ply: line 4, byte 38: unknown property type 'flaot'");
    assertThatThrownBy(() -> parse("ply\nformat ascii 1.0\nelement vertex -1\nend_header\n"))
        .hasMessageContaining("line 3").hasMessageContaining("out of range");
    assertThatThrownBy(() -> parse("ply\nformat ascii 1.0\nelement vertex 99999999999\n"
        + "end_header\n")).hasMessageContaining("out of range");
    assertThatThrownBy(() -> parse("ply\nformat ascii 1.0\nproperty float x\nend_header\n"))
        .hasMessageContaining("property before any element");
    assertThatThrownBy(() -> parse("ply\nformat ascii 1.0\nelement v\u00e9rtex 1\nend_header\n"))
        .hasMessageContaining("byte 0xE9 in the header");
    assertThatThrownBy(() -> parse("ply\nformat ascii 1.0\nelement vertex 1\n"))
        .hasMessageContaining("ends inside the header");
    assertThatThrownBy(() -> parse("ply\nformat binary 1.0\nend_header\n"))
        .hasMessageContaining("unknown PLY encoding");
  }

  @Test
  void nonAsciiIsAllowedInComments() throws Exception {
    PlyHeader h = parse("ply\nformat ascii 1.0\ncomment cr\u00e9\u00e9\nelement vertex 0\n"
        + "property float x\nend_header\n");
    assertThat(h.comments()).hasSize(1);
  }
}

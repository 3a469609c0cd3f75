package org.pointea.io.dataset.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.PointCloudFormatException;

class ListFilesTest {
  @TempDir Path tmp;

  @Test
  void linesAreTrimmedNumberedAndBlankOnesSkipped() throws Exception {
    Path f = Files.writeString(tmp.resolve("l.txt"), "airplane_0001\r\n\n  bed_0002 \nchair");
    assertThat(ListFiles.lines(f)).containsExactly(new ListFiles.Line(1, "airplane_0001"),
        new ListFiles.Line(3, "bed_0002"), new ListFiles.Line(4, "chair"));
  }

  @Test
  void nonUtf8TextIsNamedWithItsLineAndByte() throws Exception {
    Path f = Files.write(tmp.resolve("l.txt"), new byte[] {'a', '\n', 'b', (byte) 0xff, '\n'});
    assertThatThrownBy(() -> ListFiles.lines(f))
        .isInstanceOf(PointCloudFormatException.class)
        .hasMessage(f + ": line 2, byte 3: not UTF-8 text");
  }

  @Test
  void jsonStringListsAndTheirErrors() throws Exception {
    Path ok = Files.writeString(tmp.resolve("ok.json"), "[\"a/b/c\", \"d\"]");
    assertThat(ListFiles.jsonStrings(ok)).containsExactly("a/b/c", "d");
    Path obj = Files.writeString(tmp.resolve("obj.json"), "{\"a\": 1}");
    assertThatThrownBy(() -> ListFiles.jsonStrings(obj))
        .isInstanceOf(PointCloudFormatException.class)
        .hasMessageContaining("expected a JSON array of strings");
    Path cut = Files.writeString(tmp.resolve("cut.json"), "[\"a\",\n\"b\"");
    assertThatThrownBy(() -> ListFiles.jsonStrings(cut))
        .isInstanceOf(PointCloudFormatException.class)
        .hasMessageContaining("cut.json: line 2");
    Path tail = Files.writeString(tmp.resolve("tail.json"), "[] []");
    assertThatThrownBy(() -> ListFiles.jsonStrings(tail))
        .isInstanceOf(PointCloudFormatException.class)
        .hasMessageContaining("after the array");
  }

  @Test
  void jsonStartingWithNulBytesIsAFormatErrorNamingTheFile() throws Exception {
    // Jazzer finding (DatasetListFuzzTest#shapeNetSplit): Jackson read the NULs as UTF-32 and
    // threw a CharConversionException naming no file
    Path f = tmp.resolve("split.json");
    java.nio.file.Files.write(f, ("\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
        + "[\"shapa_d/2").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ListFiles.jsonStrings(f))
        .isInstanceOf(org.pointea.io.PointCloudFormatException.class)
        .hasMessageStartingWith(f + ": line 1, byte ");
  }
}

package org.pointea.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @Test
  void createsAndReplaces(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("a/b/report.md");
    AtomicFiles.writeString(f, "one");
    assertThat(Files.readString(f)).isEqualTo("one");
    AtomicFiles.writeString(f, "two ünïcode");
    assertThat(Files.readString(f)).isEqualTo("two ünïcode");
    assertThat(list(f.getParent())).containsExactly("report.md");
  }

  @Test
  void aFailedWriteLeavesTheOldFileAndNoTemporary(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("report.json");
    AtomicFiles.writeString(f, "{\"ok\": true}");
    assertThatThrownBy(
            () -> AtomicFiles.write(f, out -> {
              out.write("{\"half".getBytes());
              throw new IOException("disk full");
            }))
        .isInstanceOf(IOException.class)
        .hasMessage("disk full");
    assertThat(Files.readString(f)).isEqualTo("{\"ok\": true}");
    assertThatThrownBy(() -> AtomicFiles.write(f, out -> {
      throw new IllegalStateException("bug");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(list(dir)).containsExactly("report.json");
  }

  @Test
  void filesAreReadableByOthersAsTheUmaskAllows(@TempDir Path dir) throws IOException {
    Path f = AtomicFiles.writeString(dir.resolve("x.txt"), "x");
    Path plain = Files.writeString(dir.resolve("y.txt"), "y");
    if (Files.getFileStore(f).supportsFileAttributeView("posix")) {
      Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
      assertThat(Files.getPosixFilePermissions(f)).isEqualTo(expected);
    }
  }

  @Test
  void writesPng(@TempDir Path dir) throws IOException {
    BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
    img.setRGB(2, 1, 0x123456);
    Path f = AtomicFiles.writePng(dir.resolve("i.png"), img);
    BufferedImage back = ImageIO.read(f.toFile());
    assertThat(back.getRGB(2, 1) & 0xffffff).isEqualTo(0x123456);
  }

  private static List<String> list(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}

package org.pointea.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pointea.tools.cli.InfoCommandTest.file;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCommandTest {

  @TempDir Path dir;

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  @Test
  void rendersViewsSideBySide() throws IOException {
    Path png = dir.resolve("bun.png");
    Cli.Run r = Cli.run("render", file("bun0.pcd"), "--out", png.toString(), "--views", "3",
        "--size", "200x120", "--color-by", "normal");
    assertThat(r.code()).as(r.toString()).isZero();
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img.getWidth()).isEqualTo(600);
    assertThat(img.getHeight()).isEqualTo(120);
    assertThat(drawn(img)).isGreaterThan(500);
  }

  @Test
  void rendersBatchesMeshesAndLabels() throws IOException {
    Path labels = dir.resolve("labels.png");
    Cli.Run h5 = Cli.run("render", file("shapenet_part_ply_data_plain.h5"), "--index", "1",
        "-o", labels.toString(), "--color-by", "label", "--size", "128x128");
    assertThat(h5.code()).as(h5.toString()).isZero();
    assertThat(drawn(ImageIO.read(labels.toFile()))).isGreaterThan(100);
    Path mesh = dir.resolve("mesh.png");
    Cli.Run off = Cli.run("render", file("comments.off"), "-o", mesh.toString(), "--size",
        "128x128", "--mesh-points", "5000");
    assertThat(off.code()).as(off.toString()).isZero();
    assertThat(off.err()).contains("5000 points");
  }

  @Test
  void missingChannelsAndBadOptionsAreUserErrors() {
    String png = dir.resolve("x.png").toString();
    Cli.Run label = Cli.run("render", file("bun0.pcd"), "-o", png, "--color-by", "label");
    assertThat(label.code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(label.err()).contains("bun0.pcd: cannot colour by label").contains("--color-by "
        + "height");
    assertThat(Cli.run("render", file("bun0.pcd"), "-o", dir.resolve("x.jpg").toString()).err())
        .contains("must be a .png file");
    assertThat(Cli.run("render", file("bun0.pcd"), "-o", png, "--size", "big").err())
        .contains("--size must be WIDTHxHEIGHT");
    assertThat(Cli.run("render", file("bun0.pcd"), "-o", png, "--views", "0").err())
        .contains("views");
    assertThat(Cli.run("render", file("bun0.pcd"), "-o", png, "--color-by", "temperature").err())
        .contains("unknown colouring 'temperature'");
    assertThat(Cli.run("render", file("bun0.pcd")).err()).contains("--out");
  }

  private static int drawn(BufferedImage img) {
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        n += (img.getRGB(x, y) & 0xffffff) != 0xffffff ? 1 : 0;
      }
    }
    return n;
  }
}

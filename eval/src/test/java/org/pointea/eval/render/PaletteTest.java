package org.pointea.eval.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.ShapeNetPart;

class PaletteTest {
  @Test
  void startsWithTab10() {
    assertThat(Palette.label(0)).isEqualTo(0x1f77b4);
    assertThat(Palette.label(3)).isEqualTo(0xd62728);
    assertThat(Palette.label(-1)).isEqualTo(Palette.UNLABELLED);
    assertThat(Palette.labelColor(1).getRGB() & 0xffffff).isEqualTo(0xff7f0e);
  }

  @Test
  void theFiftyPartsAreDistinctAndEachCategorysPartsFarApart() {
    Set<Integer> seen = new HashSet<>();
    for (int p = 0; p < ShapeNetPart.PARTS; p++) {
      assertThat(seen.add(Palette.label(p))).as("part %d", p).isTrue();
      assertThat(Palette.label(p)).isNotEqualTo(0xffffff);
    }
    for (int c = 0; c < ShapeNetPart.CATEGORIES; c++) {
      int[] parts = ShapeNetPart.parts(c);
      for (int i = 0; i < parts.length; i++) {
        for (int j = i + 1; j < parts.length; j++) {
          assertThat(distance(Palette.label(parts[i]), Palette.label(parts[j])))
              .as("%s parts %d and %d", ShapeNetPart.categoryName(c), parts[i], parts[j])
              .isGreaterThan(60);
        }
      }
    }
    assertThat(Palette.label(1000)).isEqualTo(Palette.label(1000));
  }

  @Test
  void viridisEndsAndClamps() {
    assertThat(Palette.viridis(0)).isEqualTo(0x440154);
    assertThat(Palette.viridis(1)).isEqualTo(0xfde725);
    assertThat(Palette.viridis(0.5)).isEqualTo(0x21918c);
    assertThat(Palette.viridis(-3)).isEqualTo(0x440154);
    assertThat(Palette.viridis(Double.NaN)).isEqualTo(0x440154);
    assertThat(Palette.viridis(7)).isEqualTo(0xfde725);
    int mid = Palette.viridis(1.0 / 16); // halfway between the first two stops
    assertThat(mid >> 16 & 255).isEqualTo((0x44 + 0x47 + 1) / 2);
  }

  private static double distance(int a, int b) {
    double dr = (a >> 16 & 255) - (b >> 16 & 255);
    double dg = (a >> 8 & 255) - (b >> 8 & 255);
    double db = (a & 255) - (b & 255);
    return Math.sqrt(dr * dr + dg * dg + db * db);
  }
}

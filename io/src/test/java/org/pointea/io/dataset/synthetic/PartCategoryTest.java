package org.pointea.io.dataset.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.RandomStreams;
import org.pointea.pointcloud.ShapeNetPart;

class PartCategoryTest {
  @Test
  void everyCategoryLabelsEachTriangleWithOneOfItsParts() {
    for (PartCategory c : PartCategory.values()) {
      PartCategory.Parts p = new PartCategory.Parts();
      c.build(p, RandomStreams.of(1, c.ordinal()));
      Set<Integer> parts = new TreeSet<>();
      for (int id : p.triangleParts()) {
        parts.add(id);
      }
      Set<Integer> expected = new TreeSet<>();
      for (int id : ShapeNetPart.parts(c.category())) {
        expected.add(id);
      }
      assertThat(parts).as(c.categoryName()).isEqualTo(expected);
      assertThat(p.mb.build().bounds().min()[1]).as(c + " stands on y = 0")
          .isGreaterThan(-0.2f);
    }
  }

  @Test
  void namesAndSynsetsAreShapeNetParts() {
    assertThat(PartCategory.AIRPLANE.synset()).isEqualTo("02691156");
    assertThat(PartCategory.LAMP.category()).isEqualTo(8);
    assertThat(PartCategory.values()).hasSizeGreaterThanOrEqualTo(4);
  }
}

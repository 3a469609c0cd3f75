package org.pointea.pointcloud.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.RandomStreams;

class ComposeTest {

  @Test
  void appliesInOrderWithOneGeneratorAndFlattens() {
    PointCloud c = PointCloud.of(new float[] {1, 2, 3, -1, 0, 2});
    PointTransform both = Compose.of(new Center(), RandomTranslate.pct()).andThen(new Shuffle());
    assertThat(((Compose) both).transforms()).hasSize(3);
    var rng = RandomStreams.of(9);
    PointCloud manual = new Shuffle().apply(RandomTranslate.pct().apply(new Center().apply(c, rng), rng), rng);
    assertThat(both.apply(c, 9)).isEqualTo(manual);
    assertThat(both.toString())
        .isEqualTo("Compose([Center(), RandomTranslate(0.2), Shuffle()])");
  }
}

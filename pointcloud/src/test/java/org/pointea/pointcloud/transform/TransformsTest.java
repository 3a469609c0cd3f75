package org.pointea.pointcloud.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.RandomStreams;

class TransformsTest {

  @Test
  void everyTransformReadsBackFromItsPrintedForm() {
    List<PointTransform> all = List.of(new Center(), new FixedPoints(1024, true), Jitter.pointNet(),
        new NormalizeToUnitSphere(), RandomDropout.pct(), RandomRotate.about(180f, 1),
        new RandomRotateSO3(), RandomScale.pct(), new RandomScale(0.8f, 1.25f), RandomTranslate.pct(),
        new Shuffle(), new Subsample(512, Subsample.Method.FPS),
        new Subsample(7, Subsample.Method.RANDOM_WITH_REPLACEMENT),
        Compose.of(RandomDropout.pct(), RandomScale.pct(), RandomTranslate.pct(), new Shuffle()));
    for (PointTransform t : all) {
      assertThat(Transforms.parse(t.toString())).as(t.toString()).isEqualTo(t);
    }
    // PCT's 2/3 survives the round trip exactly
    assertThat(((RandomScale) Transforms.parse(RandomScale.pct().toString())).min()).isEqualTo(2f / 3f);
  }

  @Test
  void blanksAndNamedArgumentsAreAccepted() {
    assertThat(Transforms.parse(" Compose( [ RandomScale( 0.8 ,1.25 ) , Shuffle( ) ] ) "))
        .isEqualTo(Compose.of(new RandomScale(0.8f, 1.25f), new Shuffle()));
    assertThat(Transforms.parse("FixedPoints(16, replace=false)")).isEqualTo(new FixedPoints(16, false));
    assertThat(Transforms.parse("Jitter(sigma=0.01, clip=0.05)")).isEqualTo(new Jitter(0.01f, 0.05f));
  }

  @Test
  void mistakesAreNamedWithTheirColumn() {
    assertThatThrownBy(() -> Transforms.parse("Warp(2)")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no transform named 'Warp'").hasMessageContaining("column 1");
    assertThatThrownBy(() -> Transforms.parse("RandomScale(0.8)")).hasMessageContaining("takes 2 argument(s)");
    assertThatThrownBy(() -> Transforms.parse("RandomScale(2, 1)")).hasMessageContaining("0 < min <= max");
    assertThatThrownBy(() -> Transforms.parse("RandomScale(a, 1)")).hasMessageContaining("'a' is not a number");
    assertThatThrownBy(() -> Transforms.parse("Shuffle() x")).hasMessageContaining("unexpected 'x'");
    assertThatThrownBy(() -> Transforms.parse("Subsample(8, best)")).hasMessageContaining("is not one of");
    assertThatThrownBy(() -> Transforms.parse("FixedPoints(8, keep=true)")).hasMessageContaining("no argument 'keep'");
    assertThatThrownBy(() -> Transforms.parse("Transforms()")).hasMessageContaining("is not a transform");
  }

  @Test
  void subsampleRepeatsShortCloudsAndKeepsItsCount() {
    PointCloud three = PointCloud.of(new float[] {0, 0, 0, 1, 0, 0, 2, 0, 0});
    assertThat(Subsample.indices(three.positions(), 3, 7, Subsample.Method.FIRST, null))
        .containsExactly(0, 1, 2, 0, 1, 2, 0);
    assertThat(new Subsample(5, Subsample.Method.RANDOM).apply(three, RandomStreams.of(1)).size()).isEqualTo(5);
    assertThat(new Subsample(2, Subsample.Method.FPS).apply(three, null).positions())
        .containsExactly(0, 0, 0, 2, 0, 0);
    assertThatThrownBy(() -> new Subsample(0, Subsample.Method.FPS)).isInstanceOf(IllegalArgumentException.class);
  }
}

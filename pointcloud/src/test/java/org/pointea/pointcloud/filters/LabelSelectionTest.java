package org.pointea.pointcloud.filters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.IntChannel;
import org.pointea.pointcloud.PointCloud;

class LabelSelectionTest {

  @Property(tries = 100)
  void selectAndRemovePartitionThePoints(
      @ForAll @Size(max = 200) int[] labels, @ForAll @IntRange(min = -3, max = 3) int a,
      @ForAll @IntRange(min = -3, max = 3) int b) {
    int[] bounded = Arrays.stream(labels).map(l -> Math.floorMod(l, 7) - 3).toArray();
    LabelSelection s = LabelSelection.of(a, b, a);
    int[] in = s.select(bounded, bounded.length);
    int[] out = s.remove(bounded, bounded.length);
    assertThat(IntStream.of(in).allMatch(i -> bounded[i] == a || bounded[i] == b)).isTrue();
    assertThat(IntStream.of(out).allMatch(i -> bounded[i] != a && bounded[i] != b)).isTrue();
    assertThat(IntStream.concat(IntStream.of(in), IntStream.of(out)).sorted().toArray())
        .containsExactly(IntStream.range(0, bounded.length).toArray());
  }

  @Test
  void worksOnTheLabelsChannelAndOnNamedIntChannels() {
    float[] xyz = new float[15];
    PointCloud cloud = PointCloud.builder(xyz).labels(new int[] {0, 1, 2, 1, 0})
        .intChannel("classification", 1, new int[] {2, 2, 6, 9, 2}).build();
    assertThat(LabelSelection.of(1).select(cloud, "labels").intChannel("classification")
        .toArray()).containsExactly(2, 9);
    assertThat(LabelSelection.of(2).remove(cloud, "classification").labels())
        .containsExactly(2, 1);
    assertThat(LabelSelection.of(5).select(cloud, "labels").size()).isZero();
  }

  @Test
  void aMissingOrNonIntegerChannelIsNamed() {
    PointCloud cloud = PointCloud.builder(new float[6]).intensity(new float[2])
        .intChannel("classification", 1, new int[2]).build();
    assertThatThrownBy(() -> LabelSelection.of(1).select(cloud, "labels"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no channel 'labels'; integer channels: classification");
    assertThatThrownBy(() -> LabelSelection.labelsOf(cloud, "intensity"))
        .hasMessageContaining("channel 'intensity' is not one integer per point");
    assertThatThrownBy(() -> LabelSelection.of()).isInstanceOf(IllegalArgumentException.class);
    assertThat(cloud.channel("classification")).get().isInstanceOf(IntChannel.class);
  }
}

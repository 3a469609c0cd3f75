package org.pointea.pointcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class PointCloudTest {

  private static PointCloud threePoints() {
    return PointCloud.builder(new float[] {0, 0, 0, 1, 2, 3, -1, 5, 2})
        .normals(new float[] {0, 0, 1, 0, 1, 0, 1, 0, 0})
        .labels(new int[] {7, 8, 9})
        .intensity(new float[] {0.5f, 0.25f, 1f})
        .channel("curvature", 1, new float[] {0.1f, 0.2f, 0.3f})
        .build();
  }

  @Test
  void selectGathersEveryChannelInOrderWithRepeats() {
    PointCloud c = threePoints().select(new int[] {2, 0, 2});
    assertThat(c.size()).isEqualTo(3);
    assertThat(c.positions()).containsExactly(-1, 5, 2, 0, 0, 0, -1, 5, 2);
    assertThat(c.normals()).containsExactly(1, 0, 0, 0, 0, 1, 1, 0, 0);
    assertThat(c.labels()).containsExactly(9, 7, 9);
    assertThat(c.floatChannel(Channel.INTENSITY).toArray()).containsExactly(1f, 0.5f, 1f);
    assertThat(c.floatChannel("curvature").toArray()).containsExactly(0.3f, 0.1f, 0.3f);
    assertThat(c.channelNames()).containsExactly("normals", "labels", "intensity", "curvature");
  }

  @Test
  void selectRejectsOutOfRangeIndex() {
    assertThatThrownBy(() -> threePoints().select(new int[] {3}))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void accessorsReturnCopiesSoTheCloudStaysImmutable() {
    PointCloud c = threePoints();
    c.positions()[0] = 42;
    c.normals()[0] = 42;
    c.labels()[0] = 42;
    assertThat(c).isEqualTo(threePoints());
    assertThat(c.positionsBuffer().isReadOnly()).isTrue();
  }

  @Test
  void equalityIsByContentIncludingNaN() {
    float[] a = {Float.NaN, 0, 0};
    float[] b = {Float.NaN, 0, 0};
    assertThat(PointCloud.of(a)).isEqualTo(PointCloud.of(b)).hasSameHashCodeAs(PointCloud.of(b));
    assertThat(threePoints()).isNotEqualTo(threePoints().withoutChannel("curvature"));
  }

  @Test
  void boundsSkipNonFinitePoints() {
    PointCloud c =
        PointCloud.of(new float[] {1, 2, 3, Float.NaN, 100, 100, -1, 0, 9, 5, Float.POSITIVE_INFINITY, 0});
    Bounds b = c.bounds();
    assertThat(b.min()).containsExactly(-1, 0, 3);
    assertThat(b.max()).containsExactly(1, 2, 9);
    assertThat(c.countNonFinite()).isEqualTo(2);
    assertThat(c.finiteIndices()).containsExactly(0, 2);
    assertThat(c.removeNonFinite().size()).isEqualTo(2);
  }

  @Test
  void emptyCloud() {
    PointCloud c = PointCloud.empty();
    assertThat(c.isEmpty()).isTrue();
    assertThat(c.bounds().isEmpty()).isTrue();
    assertThat(c.select(new int[0]).size()).isZero();
    assertThat(c.toString()).isEqualTo("PointCloud[0 points]");
  }

  @Test
  void organizedSizeMustMatch() {
    float[] xyz = new float[3 * 6];
    PointCloud c = PointCloud.builder(xyz).organized(3, 2).build();
    assertThat(c.isOrganized()).isTrue();
    assertThat(c.width()).isEqualTo(3);
    assertThat(c.height()).isEqualTo(2);
    assertThat(c.toString()).contains("organized 3x2");
    assertThat(c.select(new int[] {0, 1}).isOrganized()).isFalse();
    assertThatThrownBy(() -> PointCloud.builder(new float[3 * 6]).organized(4, 2).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("4 x 2");
  }

  @Test
  void standardChannelsAreValidated() {
    assertThatThrownBy(() -> PointCloud.builder(new float[6]).normals(new float[4]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PointCloud.builder(new float[6]).channel("labels", 1, new float[2]))
        .hasMessageContaining("labels must be an int channel");
    assertThatThrownBy(() -> PointCloud.builder(new float[6]).colors(new float[4], 2))
        .hasMessageContaining("width 3 or 4");
    assertThatThrownBy(() -> PointCloud.builder(new float[6]).intensity(new float[3]))
        .hasMessageContaining("has 3 points, cloud has 2");
    assertThatThrownBy(() -> PointCloud.of(new float[4])).hasMessageContaining("multiple of 3");
  }

  @Test
  void missingChannelIsAClearError() {
    assertThatThrownBy(() -> PointCloud.of(new float[3]).normals())
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("normals");
  }

  @Test
  void withPositionsKeepsChannelsAndAttributes() {
    PointCloud c =
        threePoints().toBuilder().viewpoint(new Viewpoint(1, 2, 3, 1, 0, 0, 0)).origin(5e5, 4e6, 0).build();
    PointCloud moved = c.withPositions(new float[9]);
    assertThat(moved.labels()).containsExactly(7, 8, 9);
    assertThat(moved.viewpoint()).isEqualTo(c.viewpoint());
    assertThat(moved.origin()).containsExactly(5e5, 4e6, 0);
    assertThatThrownBy(() -> c.withPositions(new float[6])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toStringIsShort() {
    assertThat(threePoints().toString())
        .isEqualTo(
            "PointCloud[3 points, normals(float x3), labels(int x1), intensity(float x1),"
                + " curvature(float x1)]");
  }
}

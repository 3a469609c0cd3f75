package org.pointea.pointcloud.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.TestClouds;

/** Properties every transform must keep; each transform also has its own test class. */
class TransformsTest {

  static final List<PointTransform> ALL =
      List.of(
          new Center(),
          new NormalizeToUnitSphere(),
          RandomScale.pct(),
          RandomTranslate.pct(),
          Jitter.pointNet(),
          RandomRotate.about(180, 1),
          new RandomRotateSO3(),
          RandomDropout.pct(),
          new Shuffle(),
          new FixedPoints(50, false),
          Compose.of(RandomDropout.pct(), RandomScale.pct(), new Shuffle()));

  @Provide
  Arbitrary<PointTransform> transforms() {
    return Arbitraries.of(ALL);
  }

  /** A cloud whose int channel "id" names each point, with normals and labels derived from it. */
  static PointCloud tagged(long seed, int n) {
    float[] xyz = TestClouds.random(seed, n, 0);
    float[] normals = new float[3 * n];
    int[] ids = new int[n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = i;
      labels[i] = i * 7 % 13;
      float len = (float) Math.sqrt(xyz[3 * i] * xyz[3 * i] + xyz[3 * i + 1] * xyz[3 * i + 1]
          + xyz[3 * i + 2] * xyz[3 * i + 2]);
      for (int a = 0; a < 3; a++) {
        normals[3 * i + a] = xyz[3 * i + a] / len; // radial: n . p = |p| > 0
      }
    }
    return PointCloud.builder(xyz).normals(normals).labels(labels).intChannel("id", 1, ids).build();
  }

  @Property(tries = 200)
  void channelsStayAlignedWithTheirPoints(
      @ForAll("transforms") PointTransform t,
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 200) int n) {
    PointCloud in = tagged(seed, n);
    PointCloud before = in.select(identity(n));
    PointCloud out = t.apply(in, seed);
    assertThat(in).as("input unchanged").isEqualTo(before);
    int[] ids = out.intChannel("id").toArray();
    int[] labels = out.labels();
    float[] p = out.positions();
    float[] nrm = out.normals();
    boolean selects = t instanceof RandomDropout || t instanceof Shuffle || t instanceof FixedPoints;
    for (int j = 0; j < out.size(); j++) {
      int src = ids[j];
      assertThat(labels[j]).isEqualTo(src * 7 % 13);
      float len = nrm[3 * j] * nrm[3 * j] + nrm[3 * j + 1] * nrm[3 * j + 1] + nrm[3 * j + 2] * nrm[3 * j + 2];
      assertThat(len).isCloseTo(1f, within(1e-4f));
      if (selects) {
        for (int a = 0; a < 3; a++) {
          assertThat(p[3 * j + a]).isEqualTo(in.positions()[3 * src + a]);
        }
      } else if (!(t instanceof Compose)) {
        assertThat(src).isEqualTo(j); // geometric transforms keep the order
      }
    }
    // rotations, scaling and their compositions keep normals on the same side of the surface
    if (t instanceof RandomRotate || t instanceof RandomRotateSO3 || t instanceof RandomScale) {
      for (int j = 0; j < out.size(); j++) {
        float dot = p[3 * j] * nrm[3 * j] + p[3 * j + 1] * nrm[3 * j + 1] + p[3 * j + 2] * nrm[3 * j + 2];
        assertThat(dot).isGreaterThanOrEqualTo(-1e-5f);
      }
    }
  }

  @Property(tries = 50)
  void sameSeedSameOutput(@ForAll("transforms") PointTransform t, @ForAll long seed) {
    PointCloud in = tagged(seed, 64);
    assertThat(t.apply(in, seed)).isEqualTo(t.apply(in, seed));
  }

  @Property(tries = 20)
  void emptyCloudsPassThrough(@ForAll("transforms") PointTransform t) {
    if (t instanceof FixedPoints || t instanceof Compose c && c.transforms().stream().anyMatch(x -> x instanceof FixedPoints)) {
      assertThatThrownBy(() -> t.apply(PointCloud.empty(), 1)).isInstanceOf(IllegalArgumentException.class);
    } else {
      assertThat(t.apply(PointCloud.empty(), 1).size()).isZero();
    }
  }

  static int[] identity(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }
}

package org.pointea.pointcloud.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.joml.Matrix3f;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.RandomStreams;

class RandomRotateSO3Test {

  @Test
  void rotationsAreProperAndMapAFixedVectorUniformlyOnTheSphere() {
    var rng = RandomStreams.of(11);
    int samples = 20_000;
    int[] bins = new int[4];
    double mx = 0, my = 0, mz = 0;
    for (int i = 0; i < samples; i++) {
      Matrix3f r = RandomRotateSO3.sample(rng);
      assertThat(r.determinant()).isCloseTo(1f, within(1e-5f));
      Vector3f v = r.transform(new Vector3f(0, 0, 1));
      assertThat(v.length()).isCloseTo(1f, within(1e-5f));
      mx += v.x;
      my += v.y;
      mz += v.z;
      bins[Math.min(3, (int) ((v.z + 1) * 2))]++; // z of a uniform point on the sphere is U(-1, 1)
    }
    assertThat(mx / samples).isCloseTo(0, within(0.02));
    assertThat(my / samples).isCloseTo(0, within(0.02));
    assertThat(mz / samples).isCloseTo(0, within(0.02));
    for (int b : bins) {
      assertThat(b / (double) samples).isCloseTo(0.25, within(0.015));
    }
  }
}

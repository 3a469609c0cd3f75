package org.pointea.io.dataset.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.RandomStreams;

class NoiseTest {
  @Test
  void addsZeroMeanGaussianNoiseOfTheGivenDeviation() {
    float[] v = new float[200_001];
    Noise.jitter(v, 0.5, RandomStreams.of(3));
    double sum = 0;
    double sq = 0;
    for (float x : v) {
      sum += x;
      sq += x * x;
    }
    double mean = sum / v.length;
    assertThat(mean).isCloseTo(0, within(0.01));
    assertThat(Math.sqrt(sq / v.length - mean * mean)).isCloseTo(0.5, within(0.01));
    float[] w = {1, 2, 3};
    Noise.jitter(w, 0, RandomStreams.of(3));
    assertThat(w).containsExactly(1, 2, 3);
  }
}

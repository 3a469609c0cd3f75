package org.pointea.io.npy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NpyArrayTest {
  @Test
  void validatesDataAgainstDtypeAndShape() {
    assertThatThrownBy(() -> new NpyArray(new int[] {2}, NpyDtype.INT64, new int[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("long[]");
    assertThatThrownBy(() -> NpyArray.ofInts(new int[3], 2, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds 4 values");
  }

  @Test
  void convertsLabelsStoredAsAnyType() {
    assertThat(NpyArray.ofLongs(new long[] {3, 4}, 2).toIntArray()).containsExactly(3, 4);
    assertThat(NpyArray.ofDoubles(new double[] {3, 4}, 2).toIntArray()).containsExactly(3, 4);
    assertThatThrownBy(() -> NpyArray.ofDoubles(new double[] {0.5}, 1).toIntArray())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> NpyArray.ofLongs(new long[] {1L << 40}, 1).toIntArray())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> NpyArray.ofInts(new int[] {1}, 1).floats())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void equalityComparesContents() {
    assertThat(NpyArray.ofFloats(new float[] {1, 2}, 2))
        .isEqualTo(NpyArray.ofFloats(new float[] {1, 2}, 2))
        .isNotEqualTo(NpyArray.ofFloats(new float[] {1, 2}, 1, 2))
        .hasToString("NpyArray[float32 [2]]");
  }
}

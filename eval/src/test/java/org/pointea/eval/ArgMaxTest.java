package org.pointea.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArgMaxTest {
  @Test
  void firstMaximumWinsTies() {
    assertThat(ArgMax.argmax(new float[] {1, 3, 3, 2}, 0, 4)).isEqualTo(1);
    assertThat(ArgMax.argmax(new float[] {9, 1, 3, 3}, 1, 3)).isEqualTo(1);
    assertThat(ArgMax.argmax(new float[] {-5, -5}, 0, 2)).isZero();
  }

  @Test
  void nanWinsAsInNumpy() {
    assertThat(ArgMax.argmax(new float[] {1, Float.NaN, 5, Float.NaN}, 0, 4)).isEqualTo(1);
    assertThat(ArgMax.argmax(new float[] {Float.NaN, 5}, 0, 2)).isZero();
  }

  @Test
  void rowsAndRestrictedRows() {
    float[] scores = {
      0, 1, 9, 2, //
      7, 1, 0, 2, //
      0, 5, 5, 6
    };
    assertThat(ArgMax.argmax(scores, 4)).containsExactly(2, 0, 3);
    int[] dest = new int[5];
    ArgMax.restricted(scores, 0, 3, 4, 1, 2, dest, 2); // columns 1..2 only
    assertThat(dest).containsExactly(0, 0, 2, 1, 1);
  }

  @Test
  void rejectsBadShapes() {
    assertThatThrownBy(() -> ArgMax.argmax(new float[5], 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ArgMax.argmax(new float[2], 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ArgMax.restricted(new float[8], 0, 2, 4, 3, 2, new int[2], 0))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }
}

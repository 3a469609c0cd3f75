package org.pointea.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ZeroDivisionTest {
  @Test
  void dividesOrFallsBack() {
    assertThat(ZeroDivision.ZERO.divide(3, 4)).isEqualTo(0.75);
    assertThat(ZeroDivision.ONE.divide(3, 4)).isEqualTo(0.75);
    assertThat(ZeroDivision.ZERO.divide(0, 0)).isZero();
    assertThat(ZeroDivision.ONE.divide(0, 0)).isEqualTo(1.0);
    assertThat(ZeroDivision.NAN.divide(0, 0)).isNaN();
  }

  @Test
  void printsAsScikitLearnSpellsIt() {
    assertThat(ZeroDivision.ZERO).hasToString("0");
    assertThat(ZeroDivision.ONE).hasToString("1");
    assertThat(ZeroDivision.NAN).hasToString("nan");
    assertThat(ZeroDivision.NAN.value()).isNaN();
  }
}

package org.pointea.io.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class NumbersTest {
  private final Numbers numbers = new Numbers();

  private float f(String s) throws Numbers.SyntaxException {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    return numbers.parseFloat(b, 0, b.length);
  }

  private double d(String s) throws Numbers.SyntaxException {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    return numbers.parseDouble(b, 0, b.length);
  }

  @Property
  void shortestFloatTextReadsBackToTheSameBits(@ForAll float v) throws Exception {
    if (Float.isFinite(v)) {
      assertThat(Float.floatToRawIntBits(f(Float.toString(v))))
          .isEqualTo(Float.floatToRawIntBits(v));
    }
  }

  @Property
  void shortestDoubleTextReadsBackToTheSameBits(@ForAll double v) throws Exception {
    if (Double.isFinite(v)) {
      assertThat(d(Double.toString(v))).isEqualTo(v);
    }
  }

  @Test
  void decimalsRoundLikeTheJdk() throws Exception {
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < 200_000; i++) {
      int digits = 1 + r.nextInt(12);
      StringBuilder sb = new StringBuilder();
      if (r.nextBoolean()) {
        sb.append('-');
      }
      for (int k = 0; k < digits; k++) {
        sb.append((char) ('0' + r.nextInt(10)));
      }
      sb.insert(sb.length() - r.nextInt(digits), '.');
      if (r.nextInt(4) == 0) {
        sb.append('e').append(r.nextInt(60) - 30);
      }
      String s = sb.toString();
      assertThat(f(s)).as(s).isEqualTo(Float.parseFloat(s));
      assertThat(d(s)).as(s).isEqualTo(Double.parseDouble(s));
    }
  }

  @Test
  void specialValuesAndPclSpellings() throws Exception {
    assertThat(f("nan")).isNaN();
    assertThat(f("-nan")).isNaN();
    assertThat(f("NaN")).isNaN();
    assertThat(f("inf")).isEqualTo(Float.POSITIVE_INFINITY);
    assertThat(f("-Infinity")).isEqualTo(Float.NEGATIVE_INFINITY);
    assertThat(f("1.07817165e-39")).isEqualTo(Float.intBitsToFloat(769409));
    assertThat(f("-0")).isEqualTo(-0f);
    assertThat(Float.floatToRawIntBits(f("-0.0"))).isEqualTo(0x80000000);
    assertThat(f(".5")).isEqualTo(0.5f);
    assertThat(f("5.")).isEqualTo(5f);
    assertThat(d("1e400")).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void rejectsWhatIsNotANumber() {
    for (String s : new String[] {"", "-", ".", "e5", "1e", "1e+", "1.2.3", "0x10", "1f", "abc",
        "1,5", "--1", "nanx", "1 2"}) {
      assertThatThrownBy(() -> f(s)).as(s).isInstanceOf(Numbers.SyntaxException.class);
    }
  }

  @Test
  void parsesWholeNumbersIncludingFloatSpellings() throws Exception {
    byte[] b = "44.000000".getBytes(StandardCharsets.US_ASCII);
    assertThat(numbers.parseLong(b, 0, b.length)).isEqualTo(44);
    b = "-9223372036854775".getBytes(StandardCharsets.US_ASCII);
    assertThat(numbers.parseLong(b, 0, b.length)).isEqualTo(-9223372036854775L);
    byte[] half = "2.5".getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> numbers.parseLong(half, 0, half.length))
        .isInstanceOf(Numbers.SyntaxException.class);
  }
}

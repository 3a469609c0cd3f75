package org.pointea.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The mutation kinds the audit of issue 12 used, as {@link Fuzz} applies them. */
class FuzzMutationsTest {
  private static final byte[] PLY = ("ply\nformat ascii 1.0\nelement vertex 8\nproperty float x\n"
      + "end_header\n").getBytes(StandardCharsets.US_ASCII);
  private static final byte[] OTHER = "OFF\n3 1 0\n".getBytes(StandardCharsets.US_ASCII);

  private static List<String> outputs(int kind) {
    SplittableRandom rnd = new SplittableRandom(7);
    return java.util.stream.IntStream.range(0, 400)
        .mapToObj(i -> new String(Fuzz.auditMutation(kind, PLY, List.of(PLY, OTHER), rnd),
            StandardCharsets.ISO_8859_1))
        .toList();
  }

  @Test
  void headerNumberEditsReachTheOverflowPoints() {
    List<String> out = outputs(10);
    assertThat(out).anyMatch(s -> s.contains("vertex 2147483648\n"));
    assertThat(out).anyMatch(s -> s.contains("vertex -8\n"));
    assertThat(out).anyMatch(s -> s.contains("vertex 0\n"));
    assertThat(out).anyMatch(s -> s.contains("vertex 4294967304\n"));
  }

  @Test
  void tokenSwapsKeepTheBytesAndReorderThem() {
    for (String s : outputs(11)) {
      char[] a = s.toCharArray();
      char[] b = new String(PLY, StandardCharsets.ISO_8859_1).toCharArray();
      java.util.Arrays.sort(a);
      java.util.Arrays.sort(b);
      assertThat(a).isEqualTo(b);
    }
    assertThat(outputs(11)).anyMatch(s -> !s.equals(new String(PLY, StandardCharsets.US_ASCII)));
  }

  @Test
  void splicesJoinTwoSeedsAndLineEndingsAreRewritten() {
    assertThat(outputs(12)).anyMatch(s -> s.startsWith("ply\n") && s.endsWith("3 1 0\n")
        && s.length() < PLY.length);
    assertThat(outputs(13)).anyMatch(s -> s.contains("\r\n"))
        .anyMatch(s -> s.contains("\r") && !s.contains("\n"));
  }
}

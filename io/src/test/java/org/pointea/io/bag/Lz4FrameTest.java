package org.pointea.io.bag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jpountz.lz4.LZ4FrameOutputStream;
import net.jpountz.lz4.LZ4FrameOutputStream.BLOCKSIZE;
import net.jpountz.lz4.LZ4FrameOutputStream.FLG;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The LZ4 frame decoder against the reference {@code lz4} command line (linked blocks) and
 * lz4-java's frame writer (independent blocks, every block size and checksum option), and on
 * damaged input: an {@link Lz4Frame.Lz4Exception}, never an unchecked exception.
 */
class Lz4FrameTest {

  /** make_vectors.py's input: an 8 KB pseudo-random pattern, 30 times. */
  static byte[] records() {
    byte[] pattern = new byte[8192];
    long seed = 12345;
    for (int i = 0; i < pattern.length; i++) {
      seed = (seed * 1664525 + 1013904223) & 0xFFFFFFFFL;
      pattern[i] = (byte) (seed >>> 24);
    }
    byte[] out = new byte[pattern.length * 30];
    for (int i = 0; i < 30; i++) {
      System.arraycopy(pattern, 0, out, i * pattern.length, pattern.length);
    }
    return out;
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = Lz4FrameTest.class.getResourceAsStream("/lz4/" + name)) {
      return in.readAllBytes();
    }
  }

  static byte[] decode(byte[] frame, int size) throws Lz4Frame.Lz4Exception {
    byte[] out = new byte[size];
    Lz4Frame.decode(frame, 0, frame.length, out);
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"records.bin.lz4", "records_bx.lz4"})
  void decodesLinkedBlocksOfTheReferenceWriter(String file) throws Exception {
    byte[] expected = records();
    byte[] frame = resource(file);
    assertThat(frame[4] & 0x20).as("linked blocks").isZero();
    assertThat(decode(frame, expected.length)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 100, 65536, 65537, 300_000, 1_500_000})
  void decodesWhatLz4JavaWrites(int size) throws Exception {
    SplittableRandom random = new SplittableRandom(size);
    byte[] data = new byte[size];
    for (int i = 0; i < size; i++) {
      // compressible: short random runs copied from earlier, plus noise
      data[i] = i > 64 && random.nextInt(4) > 0 ? data[i - 1 - random.nextInt(64)]
          : (byte) random.nextInt(256);
    }
    for (BLOCKSIZE block : BLOCKSIZE.values()) {
      for (FLG.Bits[] bits : new FLG.Bits[][] {
          {FLG.Bits.BLOCK_INDEPENDENCE},
          {FLG.Bits.BLOCK_INDEPENDENCE, FLG.Bits.BLOCK_CHECKSUM, FLG.Bits.CONTENT_CHECKSUM}}) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (LZ4FrameOutputStream out = new LZ4FrameOutputStream(bytes, block, bits)) {
          out.write(data);
        }
        assertThat(decode(bytes.toByteArray(), size)).isEqualTo(data);
      }
    }
  }

  @Test
  void readsConcatenatedAndSkippableFrames() throws Exception {
    byte[] a = resource("records_bx.lz4");
    byte[] skippable = {0x5A, 0x2A, 0x4D, 0x18, 3, 0, 0, 0, 9, 9, 9};
    byte[] both = new byte[a.length * 2 + skippable.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(skippable, 0, both, a.length, skippable.length);
    System.arraycopy(a, 0, both, a.length + skippable.length, a.length);
    byte[] once = records();
    byte[] twice = Arrays.copyOf(once, once.length * 2);
    System.arraycopy(once, 0, twice, once.length, once.length);
    assertThat(decode(both, twice.length)).isEqualTo(twice);
  }

  @Test
  void refusesWrongSizesAndForeignBytes() throws Exception {
    byte[] frame = resource("records.bin.lz4");
    int n = records().length;
    assertThatThrownBy(() -> decode(frame, n - 1)).isInstanceOf(Lz4Frame.Lz4Exception.class)
        .hasMessageContaining("exceeds the declared");
    assertThatThrownBy(() -> decode(frame, n + 1)).isInstanceOf(Lz4Frame.Lz4Exception.class)
        .hasMessageContaining("decoded " + n + " bytes but " + (n + 1) + " were declared");
    assertThatThrownBy(() -> decode(new byte[] {1, 2, 3, 4, 5}, 1))
        .isInstanceOf(Lz4Frame.Lz4Exception.class).hasMessageContaining("not an LZ4 frame");
  }

  @Test
  void everyCutAndManyMutationsFailCleanly() throws Exception {
    byte[] frame = resource("records_bx.lz4");
    int n = records().length;
    for (int cut = 0; cut < frame.length; cut += 97) {
      byte[] part = Arrays.copyOf(frame, cut);
      assertThatThrownBy(() -> decode(part, n)).isInstanceOf(Lz4Frame.Lz4Exception.class);
    }
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 3000; i++) {
      byte[] m = frame.clone();
      for (int k = 0; k <= random.nextInt(4); k++) {
        m[random.nextInt(m.length)] = (byte) random.nextInt(256);
      }
      try {
        decode(m, n);
      } catch (Lz4Frame.Lz4Exception expected) {
        // fine: a damaged frame is reported; anything unchecked fails the test
      }
    }
  }
}

package org.pointea.io.pcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ning.compress.lzf.impl.VanillaChunkDecoder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LzfTest {
  private static byte[] roundTrip(byte[] raw) throws Exception {
    byte[] packed = new byte[Lzf.maxCompressedLength(raw.length)];
    int n = Lzf.compress(raw, 0, raw.length, packed, 0);
    byte[] back = new byte[raw.length];
    assertThat(Lzf.decompress(packed, 0, n, back, 0, back.length)).isEqualTo(raw.length);
    // an independent decoder (compress-lzf's) agrees
    byte[] other = new byte[raw.length];
    if (raw.length > 0) {
      new VanillaChunkDecoder().decodeChunk(packed, 0, n, other, 0, raw.length);
    }
    assertThat(other).isEqualTo(raw);
    return back;
  }

  @Test
  void roundTripsRandomRepetitiveAndTinyInputs() throws Exception {
    SplittableRandom r = new SplittableRandom(1);
    for (int size : new int[] {0, 1, 2, 3, 4, 31, 32, 33, 100, 8192, 70_000, 1 << 20}) {
      byte[] noise = new byte[size];
      byte[] runs = new byte[size];
      byte[] floats = new byte[size];
      for (int i = 0; i < size; i++) {
        noise[i] = (byte) r.nextInt(256);
        runs[i] = (byte) (i / 300);
        floats[i] = (byte) ((i % 4 == 3) ? 0x3F : r.nextInt(4));
      }
      assertThat(roundTrip(noise)).isEqualTo(noise);
      assertThat(roundTrip(runs)).isEqualTo(runs);
      assertThat(roundTrip(floats)).isEqualTo(floats);
    }
  }

  @Test
  void compressesRunsToAFractionOfTheirSize() {
    byte[] zeros = new byte[1 << 16];
    byte[] packed = new byte[Lzf.maxCompressedLength(zeros.length)];
    int n = Lzf.compress(zeros, 0, zeros.length, packed, 0);
    assertThat(n).isLessThan(zeros.length / 80);
  }

  @Test
  void reportsTheOffsetOfABadToken() {
    byte[] out = new byte[16];
    // literal of 3 then a back-reference reaching 5 bytes back from position 3
    byte[] bad = {2, 'a', 'b', 'c', (byte) 0x20, 4};
    assertThatThrownBy(() -> Lzf.decompress(bad, 0, bad.length, out, 0, out.length))
        .isInstanceOf(Lzf.LzfException.class)
        .hasMessageContaining("before the start")
        .extracting(e -> ((Lzf.LzfException) e).inputOffset()).isEqualTo(4);
    byte[] cut = {5, 'a', 'b'};
    assertThatThrownBy(() -> Lzf.decompress(cut, 0, cut.length, out, 0, out.length))
        .hasMessageContaining("past the input");
    byte[] big = {0, 'a', (byte) 0xE0, (byte) 0xFF, 0};
    assertThatThrownBy(() -> Lzf.decompress(big, 0, big.length, out, 0, out.length))
        .hasMessageContaining("overflows the output");
  }
}

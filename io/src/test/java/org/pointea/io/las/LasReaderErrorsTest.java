package org.pointea.io.las;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.pointea.io.PointCloudFormatException;
import org.pointea.io.ReadOptions;
import org.pointea.io.internal.Input;

/** Damaged LAS headers fail with one line naming the byte, before any allocation they announce. */
class LasReaderErrorsTest {

  static byte[] simple() throws IOException {
    return Files.readAllBytes(LasFixtures.file("laspy/simple.las"));
  }

  static byte[] extra() throws IOException {
    return Files.readAllBytes(LasFixtures.file("generated/pf3_v1.4_extra.las"));
  }

  static void fails(byte[] bytes, Consumer<ByteBuffer> damage, String message) {
    byte[] b = bytes.clone();
    damage.accept(ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN));
    assertThatThrownBy(() -> LasReader.read(Input.of(b, "bad.las"), ReadOptions.DEFAULT))
        .isInstanceOf(PointCloudFormatException.class)
        .hasMessage("bad.las: " + message);
  }

  @Test
  void headerFields() throws IOException {
    byte[] s = simple();
    fails(s, b -> b.put(0, (byte) 'X'), "byte 0: not a LAS file: no LASF signature");
    fails(Arrays.copyOf(s, 100), b -> { }, "byte 0: truncated: the LAS header needs 227 bytes at"
        + " byte 0 but the input has 100 bytes");
    fails(s, b -> b.put(25, (byte) 7), "byte 24: LAS version 1.7 (pointea reads 1.0 to 1.4)");
    fails(s, b -> b.put(104, (byte) 12), "byte 104: point data record format 12 (LAS defines 0 to"
        + " 10)");
    fails(s, b -> b.putShort(105, (short) 20), "byte 105: point record length 20 is shorter than"
        + " point format 3's 34 bytes");
    fails(s, b -> b.putDouble(139, 0), "byte 139: y scale factor 0.0 is not a usable scale");
    fails(s, b -> b.putInt(96, 1 << 30), "byte 96: point data offset 1073741824 is not between the"
        + " header (227 bytes) and the end of the file (36437)");
    fails(s, b -> b.putInt(107, 2_000_000_000), "byte 107: the header announces 2000000000 points"
        + " of 34 bytes but 36210 bytes follow the point data offset 227");
  }

  @Test
  void vlrsAndExtraBytes() throws IOException {
    byte[] x = extra();
    fails(x, b -> b.putInt(100, 50_000_000), "byte 100: 50000000 VLRs of at least 54 bytes do not"
        + " fit in the 1398 bytes between the header and the point data");
    // the one VLR (the extra-bytes description) claims more bytes than lie before the points
    fails(x, b -> b.putShort(375 + 20, (short) 60000), "byte 395: VLR 1 of 60000 bytes overruns"
        + " the point data, which starts at byte 1773");
    // its first descriptor's data type: 31 does not exist
    fails(x, b -> b.put(375 + 54 + 2, (byte) 31), "byte 431: extra-bytes field"
        + " 'height_above_ground' has data type 31 (0 to 30)");
    // records too short for the described fields
    fails(x, b -> b.putShort(105, (short) 40), "byte 105: extra-bytes field 'range' (8 bytes) does"
        + " not fit in the 2 extra bytes of each 40-byte record");
  }

  @Test
  void evlrsOutsideTheFile() throws IOException {
    byte[] e = Files.readAllBytes(LasFixtures.file("laspy/1_4_w_evlr.las"));
    fails(e, b -> b.putInt(243, 1_000_000), "byte 235: 1000000 EVLRs at byte 32305 do not fit"
        + " between the end of the point data (32305) and the end of the file (32381)");
    fails(e, b -> b.putLong(235 + 0, 10), "byte 235: 1 EVLRs at byte 10 do not fit between the"
        + " end of the point data (32305) and the end of the file (32381)");
  }

  @Test
  void aTruncatedFileFailsOnItsHeaderCount() throws IOException {
    byte[] s = Arrays.copyOf(simple(), 20000);
    assertThatThrownBy(() -> LasReader.read(Input.of(s, "cut.las"), ReadOptions.DEFAULT))
        .isInstanceOf(PointCloudFormatException.class)
        .hasMessageContaining("cut.las: byte 107: the header announces 1065 points");
    assertThat(s).hasSize(20000);
  }
}

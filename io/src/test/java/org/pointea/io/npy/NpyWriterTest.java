package org.pointea.io.npy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.ReadOptions;
import org.pointea.io.TestClouds;
import org.pointea.pointcloud.PointCloud;

class NpyWriterTest {
  @TempDir
  Path dir;

  @Test
  void everyDtypeRoundTripsInBothByteOrders() throws Exception {
    List<NpyArray> arrays = List.of(
        new NpyArray(new int[] {2, 2}, NpyDtype.INT8, new int[] {-128, 0, 1, 127}),
        new NpyArray(new int[] {3}, NpyDtype.UINT8, new int[] {0, 128, 255}),
        new NpyArray(new int[] {2}, NpyDtype.INT16, new int[] {-32768, 32767}),
        new NpyArray(new int[] {2}, NpyDtype.UINT16, new int[] {0, 65535}),
        new NpyArray(new int[] {2}, NpyDtype.INT32, new int[] {Integer.MIN_VALUE, 7}),
        new NpyArray(new int[] {2}, NpyDtype.UINT32, new long[] {0, 4294967295L}),
        new NpyArray(new int[] {2, 1}, NpyDtype.INT64, new long[] {Long.MIN_VALUE, 3}),
        new NpyArray(new int[] {2}, NpyDtype.BOOL, new int[] {0, 1}),
        NpyArray.ofFloats(new float[] {Float.NaN, -0f, 1e-40f}, 3),
        NpyArray.ofDoubles(new double[] {Math.PI}),
        NpyArray.ofInts(new int[0], 0, 5));
    for (NpyArray a : arrays) {
      for (ByteOrder o : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
        Path p = dir.resolve("a.npy");
        NpyWriter.writeArray(p, a, o);
        assertThat(NpyReader.readArray(p)).as(a + " " + o).isEqualTo(a);
      }
    }
  }

  @Test
  void valuesOutsideTheDtypeAreAnArgumentError() {
    NpyArray bad = new NpyArray(new int[] {1}, NpyDtype.UINT8, new int[] {300});
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> NpyWriter.writeArray(
        dir.resolve("bad.npy"), bad)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not fit in UINT8");
  }

  @Test
  void headersArePaddedTo64BytesAsNumpyWrites() {
    byte[] h = NpyWriter.header(NpyDtype.FLOAT32, ByteOrder.LITTLE_ENDIAN, new int[] {10, 3});
    assertThat(h.length % 64).isZero();
    assertThat(new String(h, 10, h.length - 10, java.nio.charset.StandardCharsets.US_ASCII))
        .startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (10, 3), }")
        .endsWith(" \n");
  }

  @Test
  void cloudsRoundTripWithNormals() throws Exception {
    PointCloud r = TestClouds.rich(50, 9, false);
    PointCloud c = PointCloud.builder(r.positions()).normals(r.normals()).build();
    Path p = dir.resolve("c.npy");
    NpyWriter.write(p, c, NpyWriteOptions.DEFAULT);
    assertThat(NpyReader.readArray(p).shape()).containsExactly(50, 6);
    assertThat(NpyReader.read(p, ReadOptions.DEFAULT)).isEqualTo(c);
    NpyWriter.write(p, c, new NpyWriteOptions(NpyDtype.FLOAT64, false));
    assertThat(NpyReader.read(p, ReadOptions.DEFAULT)).isEqualTo(PointCloud.of(c.positions()));
  }
}

package org.pointea.io.npy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.pointea.io.PointCloudFormatException;
import org.pointea.io.ReadOptions;
import org.pointea.io.RealCorpus;
import org.pointea.io.internal.Input;
import org.pointea.pointcloud.PointCloud;

class NpyReaderTest {
  private static byte[] npy(String dict, byte[] data) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String h = dict;
    while ((10 + h.length() + 1) % 64 != 0) {
      h += " ";
    }
    h += "\n";
    out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    out.write(h.length() & 0xFF);
    out.write(h.length() >> 8);
    out.write(h.getBytes(StandardCharsets.US_ASCII));
    out.write(data);
    return out.toByteArray();
  }

  private static NpyArray read(byte[] b) throws Exception {
    return NpyReader.readArray(Input.of(b, "t.npy"));
  }

  @Test
  void readsNumpysOwnFiles() throws Exception {
    NpyArray a = NpyReader.readArray(RealCorpus.file("generated/h5py/groundtruth_label_cls.npy"));
    assertThat(a.dtype()).isEqualTo(NpyDtype.UINT8);
    assertThat(a.shape()).containsExactly(4, 1);
    assertThat(a.ints()).containsExactly(0, 7, 39, 12);
    NpyArray f = NpyReader.readArray(RealCorpus.file("generated/open3d/groundtruth_box_vertices.npy"));
    assertThat(f.dtype()).isEqualTo(NpyDtype.FLOAT64);
    assertThat(f.doubles()).hasSize(24);
  }

  @Test
  void bigEndianIntegersAndBools() throws Exception {
    ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN).putLong(-3).putLong(1L << 40);
    NpyArray a = read(npy("{'descr': '>i8', 'fortran_order': False, 'shape': (2,), }",
        b.array()));
    assertThat(a.longs()).containsExactly(-3L, 1L << 40);
    NpyArray u = read(npy("{'descr': '<u4', 'fortran_order': False, 'shape': (1,), }",
        new byte[] {-1, -1, -1, -1}));
    assertThat(u.longs()).containsExactly(4294967295L);
    NpyArray bo = read(npy("{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }",
        new byte[] {0, 1, 2}));
    assertThat(bo.ints()).containsExactly(0, 1, 1);
    NpyArray i2 = read(npy("{'shape': (2,), 'fortran_order': False, 'descr': '>i2'}",
        new byte[] {-1, -2, 0, 5}));
    assertThat(i2.ints()).containsExactly(-2, 5);
  }

  @Test
  void fortranOrderIsTransposedToCOrder() throws Exception {
    ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    // [[1, 2, 3], [4, 5, 6]] stored column by column
    for (int v : new int[] {1, 4, 2, 5, 3, 6}) {
      b.putInt(v);
    }
    NpyArray a = read(npy("{'descr': '<i4', 'fortran_order': True, 'shape': (2, 3), }",
        b.array()));
    assertThat(a.ints()).containsExactly(1, 2, 3, 4, 5, 6);
    PointCloud c = NpyReader.read(Input.of(npy("{'descr': '<i4', 'fortran_order': True, "
        + "'shape': (2, 3), }", b.array()), "t.npy"), ReadOptions.DEFAULT);
    assertThat(c.positions()).containsExactly(1, 2, 3, 4, 5, 6);
  }

  @Test
  void cloudsOfSixColumnsHaveNormalsOthersFeatures() throws Exception {
    ByteBuffer b = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 12; i++) {
      b.putFloat(i);
    }
    PointCloud six = NpyReader.read(Input.of(npy("{'descr': '<f4', 'fortran_order': False, "
        + "'shape': (2, 6), }", b.array()), "t.npy"), ReadOptions.DEFAULT);
    assertThat(six.normals()).containsExactly(3, 4, 5, 9, 10, 11);
    PointCloud four = NpyReader.read(Input.of(npy("{'descr': '<f4', 'fortran_order': False, "
        + "'shape': (3, 4), }", b.array()), "t.npy"), ReadOptions.DEFAULT);
    assertThat(four.floatChannel("features").toArray()).containsExactly(3, 7, 11);
  }

  @Test
  void rejectsWhatItCannotHoldWithAClearMessage() {
    assertThatThrownBy(() -> read(npy("{'descr': '<f4', 'fortran_order': False, "
        + "'shape': (1000000, 3), }", new byte[12]))).isInstanceOf(PointCloudFormatException.class)
        .hasMessageContaining("truncated");
    assertThatThrownBy(() -> read(npy("{'descr': '<u8', 'fortran_order': False, 'shape': (1,), }",
        new byte[8]))).hasMessageContaining("unsupported dtype '<u8'");
    assertThatThrownBy(() -> read(npy("{'descr': '<f2', 'fortran_order': False, 'shape': (1,), }",
        new byte[2]))).hasMessageContaining("unsupported dtype");
    assertThatThrownBy(() -> read(npy("{'descr': [('x', '<f4')], 'fortran_order': False, "
        + "'shape': (1,), }", new byte[4]))).hasMessageContaining("structured dtypes");
    assertThatThrownBy(() -> read(npy("{'descr': '<f4', 'fortran_order': False, "
        + "'shape': (99999, 99999, 99999), }", new byte[4]))).hasMessageContaining("more values");
    assertThatThrownBy(() -> read("PK\u0003\u0004 not npy".getBytes(StandardCharsets.ISO_8859_1)))
        .hasMessageContaining("no \\x93NUMPY magic");
    assertThatThrownBy(() -> NpyReader.read(Input.of(npy("{'descr': '<f4', 'fortran_order': "
        + "False, 'shape': (4,), }", new byte[16]), "t.npy"), ReadOptions.DEFAULT))
        .hasMessageContaining("[N, 3+]");
  }

  @Test
  void emptyArraysWithHugeRowsAreFormatErrorsNotArithmeticOnes() throws Exception {
    // issue 12, B: (0, 2^30) made cols * itemsize overflow to 0 and the reader divide by it
    for (String shape : java.util.List.of("(0, 1073741824)", "(1073741824, 0)",
        "(0, 2147483631, 2147483631)", "(0, 3, 1431655766)")) {
      byte[] b = npy("{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }",
          new byte[0]);
      assertThatThrownBy(() -> read(b)).as(shape).isInstanceOf(PointCloudFormatException.class)
          .hasMessageContaining("more values than a Java array can");
      assertThatThrownBy(() -> NpyReader.read(Input.of(b, "z.npy"), ReadOptions.DEFAULT))
          .as(shape).isInstanceOf(PointCloudFormatException.class);
    }
    assertThat(read(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (0, 3), }",
        new byte[0])).shape()).containsExactly(0, 3);
  }

  @Test
  void aHeaderWithANewlineGivesAOneLineMessage() throws Exception {
    byte[] b = npy("{'descr': '<f4',\n'fortran_order': False}", new byte[0]);
    assertThatThrownBy(() -> read(b)).satisfies(e -> assertThat(
        org.pointea.io.Printable.isPrintable(e.getMessage())).isTrue())
        .hasMessageContaining("\\n");
  }
}

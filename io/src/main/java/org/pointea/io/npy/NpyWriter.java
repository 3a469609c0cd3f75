package org.pointea.io.npy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.StringJoiner;
import org.pointea.io.internal.AtomicOutput;
import org.pointea.io.internal.ByteSink;
import org.pointea.pointcloud.PointCloud;

/**
 * Writes NumPy {@code .npy} files (format 1.0, or 2.0 for headers over 64 KiB), C order, little
 * endian unless asked otherwise; readable by {@code numpy.load}.
 *
 * <pre>{@code
 * NpyWriter.writeArray(Path.of("pred.npy"), NpyArray.ofInts(pred, numShapes, numPoints));
 * NpyWriter.write(Path.of("cloud.npy"), cloud, NpyWriteOptions.DEFAULT);   // [N, 3] or [N, 6]
 * }</pre>
 */
public final class NpyWriter {
  private NpyWriter() {}

  /**
   * Writes an array, little endian (through a temporary sibling renamed into place).
   *
   * @param path destination
   * @param array the array
   * @throws IOException on a write error
   */
  public static void writeArray(Path path, NpyArray array) throws IOException {
    writeArray(path, array, ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * Writes an array in a given byte order.
   *
   * @param path destination
   * @param array the array
   * @param order byte order of the values
   * @throws IOException on a write error
   */
  public static void writeArray(Path path, NpyArray array, ByteOrder order) throws IOException {
    AtomicOutput.write(path, ch -> writeArray(ch, array, order));
  }

  /**
   * Writes an array to a channel.
   *
   * @param ch destination
   * @param array the array
   * @param order byte order of the values
   * @throws IOException on a write error
   */
  public static void writeArray(WritableByteChannel ch, NpyArray array, ByteOrder order)
      throws IOException {
    checkRange(array);
    ByteSink s = new ByteSink(ch, order, 1 << 20);
    s.bytes(header(array.dtype(), order, array.shape()));
    Object data = array.data();
    int n = array.size();
    int size = array.dtype().size();
    int block = s.capacity() / 8;
    for (int first = 0; first < n; first += block) {
      int m = Math.min(block, n - first);
      ByteBuffer b = s.reserve(m * size);
      for (int i = first; i < first + m; i++) {
        switch (array.dtype()) {
          case BOOL -> b.put((byte) (((int[]) data)[i] != 0 ? 1 : 0));
          case INT8, UINT8 -> b.put((byte) ((int[]) data)[i]);
          case INT16, UINT16 -> b.putShort((short) ((int[]) data)[i]);
          case INT32 -> b.putInt(((int[]) data)[i]);
          case UINT32 -> b.putInt((int) ((long[]) data)[i]);
          case INT64 -> b.putLong(((long[]) data)[i]);
          case FLOAT32 -> b.putFloat(((float[]) data)[i]);
          case FLOAT64 -> b.putDouble(((double[]) data)[i]);
        }
      }
    }
    s.flush();
  }

  private static void checkRange(NpyArray array) {
    if (!(array.data() instanceof int[]) && array.dtype() != NpyDtype.UINT32) {
      return;
    }
    double lo = array.dtype().scalarType().min();
    double hi = array.dtype().scalarType().max();
    for (int i = 0; i < array.size(); i++) {
      double v = array.valueAsDouble(i);
      if (v < lo || v > hi) {
        throw new IllegalArgumentException("value " + (long) v + " at flat index " + i
            + " does not fit in " + array.dtype());
      }
    }
  }

  /**
   * Writes a cloud as an {@code [N, 3]} array, or {@code [N, 6]} with normals. A cloud with a
   * global origin is written as absolute float64 coordinates.
   *
   * @param path destination
   * @param cloud the cloud
   * @param options element type and columns
   * @throws IOException on a write error
   */
  public static void write(Path path, PointCloud cloud, NpyWriteOptions options)
      throws IOException {
    int n = cloud.size();
    boolean normals = options.withNormals() && cloud.hasNormals();
    int cols = normals ? 6 : 3;
    double[] origin = cloud.origin();
    boolean shifted = origin[0] != 0 || origin[1] != 0 || origin[2] != 0;
    float[] xyz = cloud.positions();
    float[] nrm = normals ? cloud.normals() : null;
    NpyArray array;
    if (options.dtype() == NpyDtype.FLOAT64 || shifted) {
      double[] d = new double[n * cols];
      for (int i = 0; i < n; i++) {
        for (int a = 0; a < 3; a++) {
          d[i * cols + a] = origin[a] + xyz[3 * i + a];
          if (normals) {
            d[i * cols + 3 + a] = nrm[3 * i + a];
          }
        }
      }
      array = NpyArray.ofDoubles(d, n, cols);
    } else if (!normals) {
      array = NpyArray.ofFloats(xyz, n, 3);
    } else {
      float[] f = new float[n * cols];
      for (int i = 0; i < n; i++) {
        System.arraycopy(xyz, 3 * i, f, i * cols, 3);
        System.arraycopy(nrm, 3 * i, f, i * cols + 3, 3);
      }
      array = NpyArray.ofFloats(f, n, cols);
    }
    writeArray(path, array);
  }

  /**
   * Returns the preamble and header of an array, padded to a multiple of 64 bytes as NumPy does.
   *
   * @param dtype element type
   * @param order byte order
   * @param shape dimensions
   * @return the bytes before the data
   */
  static byte[] header(NpyDtype dtype, ByteOrder order, int[] shape) {
    char bo = dtype.size() == 1 ? '|' : order == ByteOrder.BIG_ENDIAN ? '>' : '<';
    StringJoiner dims = new StringJoiner(", ", "(", shape.length == 1 ? ",)" : ")");
    for (int d : shape) {
      dims.add(Integer.toString(d));
    }
    String dict = "{'descr': '" + bo + dtype.code() + "', 'fortran_order': False, 'shape': "
        + dims + ", }";
    int pre = 10;
    int total = pre + dict.length() + 1;
    boolean v2 = false;
    if (((total + 63) / 64) * 64 - pre > 65535) {
      v2 = true;
      pre = 12;
      total = pre + dict.length() + 1;
    }
    int padded = ((total + 63) / 64) * 64;
    int headerLen = padded - pre;
    ByteBuffer b = ByteBuffer.allocate(padded).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0x93).put("NUMPY".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    b.put((byte) (v2 ? 2 : 1)).put((byte) 0);
    if (v2) {
      b.putInt(headerLen);
    } else {
      b.putShort((short) headerLen);
    }
    b.put(dict.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    while (b.position() < padded - 1) {
      b.put((byte) ' ');
    }
    b.put((byte) '\n');
    return b.array();
  }
}

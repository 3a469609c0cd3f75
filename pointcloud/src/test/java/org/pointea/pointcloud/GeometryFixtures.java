package org.pointea.pointcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The conformance fixtures of the geometry tests ({@code src/test/resources/geometry}, written by
 * {@code src/test/scripts/make_geometry_fixtures.py}): real clouds and Open3D / PCL results as
 * numpy {@code .npz} archives, scalars and parameters in {@code goldens.json}. A few-line reader of
 * little-endian C-order {@code .npy} arrays (float32, uint8, int16, int32, int64) in test scope, so the module's
 * tests need no io module.
 */
public final class GeometryFixtures {
  private static final Map<String, Map<String, Object>> ARCHIVES = new ConcurrentHashMap<>();
  private static JsonNode goldens;

  private GeometryFixtures() {}

  /** Returns {@code goldens.json}. */
  public static synchronized JsonNode goldens() {
    if (goldens == null) {
      try (InputStream in = open("goldens.json")) {
        goldens = new ObjectMapper().readTree(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return goldens;
  }

  /**
   * Returns one case of {@code goldens.json}: {@code dataset}, {@code algorithm}, {@code params},
   * {@code result}.
   *
   * @param name the case
   * @return its node
   */
  public static JsonNode golden(String name) {
    JsonNode c = goldens().path("cases").path(name);
    if (c.isMissingNode()) {
      throw new IllegalArgumentException("no golden case " + name);
    }
    return c;
  }

  /**
   * Returns the packed positions of a dataset.
   *
   * @param dataset e.g. {@code fragment}
   * @return float32 positions, packed
   */
  public static float[] xyz(String dataset) {
    return floats(dataset, "xyz");
  }

  /**
   * Returns a float32 array of a dataset's archive, flattened.
   *
   * @param dataset the archive
   * @param name the array
   * @return the values
   */
  public static float[] floats(String dataset, String name) {
    return (float[]) array(dataset, name);
  }

  /**
   * Returns an int array of a dataset's archive, flattened.
   *
   * @param dataset the archive
   * @param name the array
   * @return the values
   */
  public static int[] ints(String dataset, String name) {
    return (int[]) array(dataset, name);
  }

  /**
   * Returns an index set of a dataset's archive, stored as a {@code numpy.packbits} mask over the
   * dataset's points.
   *
   * @param dataset the archive
   * @param name the array
   * @return the indices, ascending
   */
  public static int[] indexSet(String dataset, String name) {
    byte[] bits = (byte[]) array(dataset, name);
    int n = xyz(dataset).length / 3;
    int[] out = new int[n];
    int count = 0;
    for (int i = 0; i < n; i++) {
      if ((bits[i >> 3] & (0x80 >>> (i & 7))) != 0) {
        out[count++] = i;
      }
    }
    return java.util.Arrays.copyOf(out, count);
  }

  private static Object array(String dataset, String name) {
    Object a = ARCHIVES.computeIfAbsent(dataset, GeometryFixtures::load).get(name);
    if (a == null) {
      throw new IllegalArgumentException("no array " + name + " in " + dataset + ".npz");
    }
    return a;
  }

  private static Map<String, Object> load(String dataset) {
    Map<String, Object> out = new HashMap<>();
    try (ZipInputStream zip = new ZipInputStream(open(dataset + ".npz"))) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        String name = e.getName().replaceAll("\\.npy$", "");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        zip.transferTo(bytes);
        out.put(name, parseNpy(bytes.toByteArray(), dataset + ".npz:" + name));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static Object parseNpy(byte[] b, String what) {
    ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    int major = b[6];
    int headerLen = major == 1 ? buf.getShort(8) & 0xffff : buf.getInt(8);
    int start = major == 1 ? 10 : 12;
    String header = new String(b, start, headerLen, StandardCharsets.ISO_8859_1);
    if (header.contains("'fortran_order': True")) {
      throw new IllegalStateException(what + ": Fortran order");
    }
    buf.position(start + headerLen);
    if (header.contains("'<f4'")) {
      float[] f = new float[buf.remaining() / 4];
      buf.asFloatBuffer().get(f);
      return f;
    }
    if (header.contains("'|u1'")) {
      byte[] v = new byte[buf.remaining()];
      buf.get(v);
      return v;
    }
    if (header.contains("'<i2'")) {
      short[] sh = new short[buf.remaining() / 2];
      buf.asShortBuffer().get(sh);
      int[] v = new int[sh.length];
      for (int i = 0; i < sh.length; i++) {
        v[i] = sh[i];
      }
      return v;
    }
    if (header.contains("'<i4'")) {
      int[] v = new int[buf.remaining() / 4];
      buf.asIntBuffer().get(v);
      return v;
    }
    if (header.contains("'<i8'")) {
      long[] l = new long[buf.remaining() / 8];
      buf.asLongBuffer().get(l);
      int[] v = new int[l.length];
      for (int i = 0; i < l.length; i++) {
        v[i] = Math.toIntExact(l[i]);
      }
      return v;
    }
    throw new IllegalStateException(what + ": unsupported dtype in " + header);
  }

  private static InputStream open(String name) {
    InputStream in = GeometryFixtures.class.getResourceAsStream("/geometry/" + name);
    if (in == null) {
      throw new IllegalStateException("missing test resource geometry/" + name);
    }
    return in;
  }
}

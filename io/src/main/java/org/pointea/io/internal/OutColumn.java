package org.pointea.io.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;

/**
 * One field of an output record: a name, an element type and count, and the code that writes it
 * for a block of points, in binary ({@link #put}) or as text ({@link #text}).
 */
public abstract class OutColumn {
  private final String name;
  private final ScalarType type;
  private final int count;

  /**
   * Creates a column.
   *
   * @param name field name in the file
   * @param type element type
   * @param count elements per point
   */
  protected OutColumn(String name, ScalarType type, int count) {
    this.name = name;
    this.type = type;
    this.count = count;
  }

  /** Returns the field name. */
  public String name() {
    return name;
  }

  /** Returns the element type. */
  public ScalarType type() {
    return type;
  }

  /** Returns the number of elements per point. */
  public int count() {
    return count;
  }

  /** Returns the bytes per point. */
  public int bytes() {
    return count * type.size();
  }

  /**
   * Writes the field of points {@code [first, first+m)}, one every {@code stride} bytes.
   *
   * @param b destination, byte order set
   * @param pos byte index of the field in the first record
   * @param stride bytes between records
   * @param first first point
   * @param m number of points
   */
  public abstract void put(ByteBuffer b, int pos, int stride, int first, int m);

  /**
   * Writes the field of one point as text: {@code count} tokens separated by {@code sep}.
   *
   * @param s destination
   * @param point the point
   * @param sep separator between tokens
   * @throws IOException on a write error
   */
  public abstract void text(ByteSink s, int point, char sep) throws IOException;

  /** Position coordinate {@code axis}: float32, or float64 shifted back by the cloud's origin. */
  public static OutColumn position(
      String name, FloatBuffer xyz, int axis, double origin, boolean asDouble) {
    ScalarType t = asDouble ? ScalarType.FLOAT64 : ScalarType.FLOAT32;
    return new OutColumn(name, t, 1) {
      @Override
      public void put(ByteBuffer b, int pos, int stride, int first, int m) {
        int s = 3 * first + axis;
        if (!asDouble) {
          for (int i = 0; i < m; i++, pos += stride, s += 3) {
            b.putFloat(pos, xyz.get(s));
          }
        } else {
          for (int i = 0; i < m; i++, pos += stride, s += 3) {
            b.putDouble(pos, origin + xyz.get(s));
          }
        }
      }

      @Override
      public void text(ByteSink out, int point, char sep) throws IOException {
        float v = xyz.get(3 * point + axis);
        if (!asDouble) {
          out.shortest(v);
        } else {
          out.shortest(origin + v);
        }
      }
    };
  }

  /** Float values: {@code count} consecutive components of a channel starting at {@code comp}. */
  public static OutColumn floats(
      String name, FloatBuffer data, int width, int comp, int count) {
    return new OutColumn(name, ScalarType.FLOAT32, count) {
      @Override
      public void put(ByteBuffer b, int pos, int stride, int first, int m) {
        int s = width * first + comp;
        if (count == 1) {
          for (int i = 0; i < m; i++, pos += stride, s += width) {
            b.putFloat(pos, data.get(s));
          }
        } else {
          for (int i = 0; i < m; i++, pos += stride, s += width) {
            for (int c = 0; c < count; c++) {
              b.putFloat(pos + 4 * c, data.get(s + c));
            }
          }
        }
      }

      @Override
      public void text(ByteSink out, int point, char sep) throws IOException {
        int s = width * point + comp;
        for (int c = 0; c < count; c++) {
          if (c > 0) {
            out.ch(sep);
          }
          out.shortest(data.get(s + c));
        }
      }
    };
  }

  /** Double values: {@code count} consecutive components of a channel starting at {@code comp}. */
  public static OutColumn doubles(
      String name, DoubleBuffer data, int width, int comp, int count) {
    return new OutColumn(name, ScalarType.FLOAT64, count) {
      @Override
      public void put(ByteBuffer b, int pos, int stride, int first, int m) {
        int s = width * first + comp;
        for (int i = 0; i < m; i++, pos += stride, s += width) {
          for (int c = 0; c < count; c++) {
            b.putDouble(pos + 8 * c, data.get(s + c));
          }
        }
      }

      @Override
      public void text(ByteSink out, int point, char sep) throws IOException {
        int s = width * point + comp;
        for (int c = 0; c < count; c++) {
          if (c > 0) {
            out.ch(sep);
          }
          out.shortest(data.get(s + c));
        }
      }
    };
  }

  /** Int values of type INT32 or UINT32 (written as their bits). */
  public static OutColumn ints(
      String name, ScalarType type, IntBuffer data, int width, int comp, int count) {
    return new OutColumn(name, type, count) {
      @Override
      public void put(ByteBuffer b, int pos, int stride, int first, int m) {
        int s = width * first + comp;
        for (int i = 0; i < m; i++, pos += stride, s += width) {
          for (int c = 0; c < count; c++) {
            b.putInt(pos + 4 * c, data.get(s + c));
          }
        }
      }

      @Override
      public void text(ByteSink out, int point, char sep) throws IOException {
        int s = width * point + comp;
        for (int c = 0; c < count; c++) {
          if (c > 0) {
            out.ch(sep);
          }
          int v = data.get(s + c);
          out.num(type == ScalarType.UINT32 ? Integer.toUnsignedLong(v) : v);
        }
      }
    };
  }

  /** One colour component (0..1 floats) as uchar (rounded, clamped) or as float. */
  public static OutColumn colorComponent(
      String name, FloatBuffer colors, int width, int comp, boolean asFloat) {
    return new OutColumn(name, asFloat ? ScalarType.FLOAT32 : ScalarType.UINT8, 1) {
      @Override
      public void put(ByteBuffer b, int pos, int stride, int first, int m) {
        int s = width * first + comp;
        for (int i = 0; i < m; i++, pos += stride, s += width) {
          float v = colors.get(s);
          if (asFloat) {
            b.putFloat(pos, v);
          } else {
            b.put(pos, (byte) toByte(v));
          }
        }
      }

      @Override
      public void text(ByteSink out, int point, char sep) throws IOException {
        float v = colors.get(width * point + comp);
        if (asFloat) {
          out.shortest(v);
        } else {
          out.num(toByte(v));
        }
      }
    };
  }

  /**
   * Packed colour as PCL stores it: {@code rgb} as a float whose bits are {@code 0x00RRGGBB}
   * (TYPE F, or TYPE U when {@code asUnsigned}), {@code rgba} as uint32 {@code 0xAARRGGBB}.
   */
  public static OutColumn packedColor(
      String name, FloatBuffer colors, int width, boolean asUnsigned) {
    ScalarType t = width == 4 || asUnsigned ? ScalarType.UINT32 : ScalarType.FLOAT32;
    return new OutColumn(name, t, 1) {
      @Override
      public void put(ByteBuffer b, int pos, int stride, int first, int m) {
        for (int i = 0, s = width * first; i < m; i++, pos += stride, s += width) {
          b.putInt(pos, pack(colors, s, width));
        }
      }

      @Override
      public void text(ByteSink out, int point, char sep) throws IOException {
        out.num(Integer.toUnsignedLong(pack(colors, width * point, width)));
      }
    };
  }

  /**
   * Packs colours in {@code [0, 1]} into {@code 0xAARRGGBB} (alpha 0 for RGB, as PCL's
   * PointXYZRGB has it).
   */
  static int pack(FloatBuffer c, int s, int width) {
    int r = toByte(c.get(s));
    int g = toByte(c.get(s + 1));
    int bl = toByte(c.get(s + 2));
    int a = width == 4 ? toByte(c.get(s + 3)) : 0;
    return (a << 24) | (r << 16) | (g << 8) | bl;
  }

  /**
   * Converts a colour component in {@code [0, 1]} to 0..255 (rounded; clamped; NaN to 0).
   *
   * @param v component
   * @return byte value
   */
  public static int toByte(float v) {
    if (!(v > 0)) {
      return 0;
    }
    if (v >= 1) {
      return 255;
    }
    return Math.round(v * 255f);
  }
}

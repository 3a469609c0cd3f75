package org.pointea.io.internal;

import java.util.ArrayList;
import java.util.List;
import org.pointea.pointcloud.Channel;
import org.pointea.pointcloud.DoubleChannel;
import org.pointea.pointcloud.FloatChannel;
import org.pointea.pointcloud.IntChannel;
import org.pointea.pointcloud.PointCloud;

/** Chooses the output fields for a cloud, named as each format's tools expect them. */
public final class CloudColumns {
  /** Naming and packing conventions. */
  public enum Style {
    /** PLY: {@code nx ny nz}, separate {@code red green blue [alpha]}, one property per value. */
    PLY,
    /** PCD and ROS: {@code normal_x ...}, packed {@code rgb}/{@code rgba}, COUNT for widths. */
    PCL
  }

  private CloudColumns() {}

  /**
   * Returns the columns: positions first, then each channel in the cloud's order.
   *
   * @param cloud the cloud
   * @param style naming conventions
   * @param floatColors PLY only: write colours as floats instead of uchar
   * @param packedRgbAsUnsigned PCL only: declare {@code rgb} as TYPE U (PCL's ASCII convention)
   * @return the columns
   */
  public static List<OutColumn> of(
      PointCloud cloud, Style style, boolean floatColors, boolean packedRgbAsUnsigned) {
    List<OutColumn> cols = new ArrayList<>();
    double[] origin = cloud.origin();
    String[] axes = {"x", "y", "z"};
    boolean shifted = origin[0] != 0 || origin[1] != 0 || origin[2] != 0;
    for (int a = 0; a < 3; a++) {
      cols.add(OutColumn.position(axes[a], cloud.positionsBuffer(), a, origin[a], shifted));
    }
    for (Channel ch : cloud.channels().values()) {
      String name = ch.name();
      if (!name.chars().allMatch(c -> c > ' ' && c < 0x7F)) {
        throw new IllegalArgumentException("channel name '" + name + "' cannot be a PLY/PCD/ROS "
            + "field name: use printable ASCII without spaces");
      }
      if (ch instanceof FloatChannel fc) {
        switch (name) {
          case Channel.NORMALS -> {
            String[] n = style == Style.PLY
                ? new String[] {"nx", "ny", "nz"}
                : new String[] {"normal_x", "normal_y", "normal_z"};
            for (int a = 0; a < 3; a++) {
              cols.add(OutColumn.floats(n[a], fc.buffer(), 3, a, 1));
            }
          }
          case Channel.COLORS -> {
            int w = fc.width();
            if (style == Style.PLY) {
              String[] n = {"red", "green", "blue", "alpha"};
              for (int a = 0; a < w; a++) {
                cols.add(OutColumn.colorComponent(n[a], fc.buffer(), w, a, floatColors));
              }
            } else {
              cols.add(OutColumn.packedColor(w == 4 ? "rgba" : "rgb", fc.buffer(), w,
                  packedRgbAsUnsigned));
            }
          }
          default -> {
            if (style == Style.PLY && fc.width() > 1) {
              for (int c = 0; c < fc.width(); c++) {
                cols.add(OutColumn.floats(name + "_" + c, fc.buffer(), fc.width(), c, 1));
              }
            } else {
              cols.add(OutColumn.floats(name, fc.buffer(), fc.width(), 0, fc.width()));
            }
          }
        }
      } else if (ch instanceof DoubleChannel dc) {
        if (style == Style.PLY && dc.width() > 1) {
          for (int c = 0; c < dc.width(); c++) {
            cols.add(OutColumn.doubles(name + "_" + c, dc.buffer(), dc.width(), c, 1));
          }
        } else {
          cols.add(OutColumn.doubles(name, dc.buffer(), dc.width(), 0, dc.width()));
        }
      } else {
        IntChannel ic = (IntChannel) ch;
        String fieldName = name.equals(Channel.LABELS) ? "label" : name;
        ScalarType t = style == Style.PCL && name.equals(Channel.LABELS)
            ? ScalarType.UINT32 : ScalarType.INT32;
        if (style == Style.PLY && ic.width() > 1) {
          for (int c = 0; c < ic.width(); c++) {
            cols.add(OutColumn.ints(fieldName + "_" + c, t, ic.buffer(), ic.width(), c, 1));
          }
        } else {
          cols.add(OutColumn.ints(fieldName, t, ic.buffer(), ic.width(), 0, ic.width()));
        }
      }
    }
    return cols;
  }

  /**
   * Writes records of all columns for points {@code [first, first+m)} at {@code pos}.
   *
   * @param cols columns in record order
   * @param b destination
   * @param pos byte index of the first record
   * @param stride bytes per record
   * @param first first point
   * @param m number of points
   */
  public static void putRecords(
      List<OutColumn> cols, java.nio.ByteBuffer b, int pos, int stride, int first, int m) {
    int off = 0;
    for (OutColumn c : cols) {
      c.put(b, pos + off, stride, first, m);
      off += c.bytes();
    }
  }

  /**
   * Returns the bytes per record.
   *
   * @param cols the columns
   * @return the sum of their sizes
   */
  public static int recordSize(List<OutColumn> cols) {
    int s = 0;
    for (OutColumn c : cols) {
      s += c.bytes();
    }
    return s;
  }
}

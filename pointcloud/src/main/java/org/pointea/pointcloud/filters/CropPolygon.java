package org.pointea.pointcloud.filters;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.pointea.pointcloud.Indices;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.Points;

/**
 * Crop by a polygon extruded along an axis, as Open3D's {@code SelectionPolygonVolume}
 * ({@code orthogonal_axis}, {@code bounding_polygon}, {@code axis_min}, {@code axis_max}): a point
 * is inside when its coordinate along the axis lies in {@code [axisMin, axisMax]} and its
 * projection lies inside the polygon. The polygon test is Open3D's even-odd rule, bit for bit:
 * the polygon's edges that straddle the point's {@code v} coordinate ({@code v_i < v <= v_j} or
 * the reverse) are intersected with the line through the point, and the point is inside when an
 * odd number of intersections lie strictly before it along {@code u}. Computed in double.
 *
 * <p>Projection axes, as Open3D: {@code Z} uses {@code (u, v) = (x, y)}, {@code Y} uses
 * {@code (x, z)}, {@code X} uses {@code (y, z)}. The polygon may be concave or self-intersecting
 * (even-odd); it is closed implicitly. For a plain 2-D footprint (a GIS polygon on the ground),
 * use axis {@code Z} with infinite bounds.
 *
 * <pre>{@code
 * CropPolygon footprint = CropPolygon.of(Axis.Z, new double[] {0, 0, 10, 0, 10, 5, 0, 5});
 * int[] inside = footprint.filter(xyz, n);
 * }</pre>
 */
public final class CropPolygon {

  /** The axis a polygon is extruded along. */
  public enum Axis {
    /** Polygon in the (y, z) plane. */
    X,
    /** Polygon in the (x, z) plane. */
    Y,
    /** Polygon in the (x, y) plane. */
    Z;

    /** Returns the coordinate index of the polygon's first axis (u). */
    int u() {
      return this == X ? 1 : 0;
    }

    /** Returns the coordinate index of the polygon's second axis (v). */
    int v() {
      return this == Z ? 1 : 2;
    }

    /** Returns the coordinate index of this axis (w). */
    int w() {
      return ordinal();
    }

    /**
     * Parses {@code x}, {@code y} or {@code z}, in either case.
     *
     * @param name the name
     * @return the axis
     */
    public static Axis parse(String name) {
      return switch (name.toLowerCase(Locale.ROOT)) {
        case "x" -> X;
        case "y" -> Y;
        case "z" -> Z;
        default -> throw new IllegalArgumentException("axis must be x, y or z, got '" + name + "'");
      };
    }
  }

  private final Axis axis;
  private final double[] uv;
  private final double axisMin;
  private final double axisMax;
  /** The polygon's extent: points outside it are outside the polygon (see {@link #contains}). */
  private final double uLow;
  private final double uHigh;
  private final double vMin;
  private final double vMax;
  /**
   * Slabs between consecutive distinct vertex v values: slab k is {@code (slabV[k], slabV[k+1]]},
   * and exactly the edges {@code slabEdges[slabStart[k] .. slabStart[k+1])} straddle every v in
   * it (the edge test is half-open the same way), so a point tests only its slab's edges. Null
   * when the table would be too large (then every edge is tested).
   */
  private final double[] slabV;
  private final int[] slabStart;
  private final int[] slabEdges;

  private CropPolygon(Axis axis, double[] uv, double axisMin, double axisMax) {
    this.axis = Objects.requireNonNull(axis, "axis");
    if (uv.length % 2 != 0 || uv.length < 6) {
      throw new IllegalArgumentException("a polygon needs at least 3 (u, v) vertices, got "
          + uv.length + " values");
    }
    for (double c : uv) {
      if (!Double.isFinite(c)) {
        throw new IllegalArgumentException("polygon vertices must be finite: "
            + Arrays.toString(uv));
      }
    }
    if (Double.isNaN(axisMin) || Double.isNaN(axisMax) || axisMin > axisMax) {
      throw new IllegalArgumentException("axis range must be min <= max, got [" + axisMin + ", "
          + axisMax + "]");
    }
    this.uv = uv.clone();
    this.axisMin = axisMin;
    this.axisMax = axisMax;
    double u0 = Double.POSITIVE_INFINITY, u1 = Double.NEGATIVE_INFINITY;
    double v0 = Double.POSITIVE_INFINITY, v1 = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < uv.length; i += 2) {
      u0 = Math.min(u0, uv[i]);
      u1 = Math.max(u1, uv[i]);
      v0 = Math.min(v0, uv[i + 1]);
      v1 = Math.max(v1, uv[i + 1]);
    }
    // crossings lie within [u0, u1] up to a few ulps of rounding in the interpolation
    double margin = 8 * Math.ulp(Math.max(Math.abs(u0), Math.abs(u1)));
    this.uLow = u0 - margin;
    this.uHigh = u1 + margin;
    this.vMin = v0;
    this.vMax = v1;
    int m = uv.length / 2;
    double[] vs = new double[m];
    for (int i = 0; i < m; i++) {
      vs[i] = uv[2 * i + 1];
    }
    Arrays.sort(vs);
    int k = 0;
    for (int i = 0; i < m; i++) {
      if (k == 0 || vs[i] != vs[k - 1]) {
        vs[k++] = vs[i];
      }
    }
    double[] sv = Arrays.copyOf(vs, k);
    int slabs = k - 1;
    // edge e spans the slabs from the one just above its lower end to the one ending at its upper
    int[] first = new int[m];
    int[] last = new int[m];
    long total = 0;
    for (int e = 0; e < m; e++) {
      int j = e + 1 == m ? 0 : e + 1;
      double lo = Math.min(uv[2 * e + 1], uv[2 * j + 1]);
      double hi = Math.max(uv[2 * e + 1], uv[2 * j + 1]);
      first[e] = Arrays.binarySearch(sv, lo);
      last[e] = Arrays.binarySearch(sv, hi) - 1;
      total += Math.max(0, last[e] - first[e] + 1);
    }
    if (slabs < 1 || total > (1 << 22)) {
      this.slabV = null;
      this.slabStart = null;
      this.slabEdges = null;
    } else {
      int[] start = new int[slabs + 1];
      for (int e = 0; e < m; e++) {
        for (int s2 = first[e]; s2 <= last[e]; s2++) {
          start[s2 + 1]++;
        }
      }
      for (int s2 = 0; s2 < slabs; s2++) {
        start[s2 + 1] += start[s2];
      }
      int[] fill = Arrays.copyOf(start, slabs);
      int[] edges = new int[(int) total];
      for (int e = 0; e < m; e++) {
        for (int s2 = first[e]; s2 <= last[e]; s2++) {
          edges[fill[s2]++] = e;
        }
      }
      this.slabV = sv;
      this.slabStart = start;
      this.slabEdges = edges;
    }
  }

  /**
   * Returns a polygon extruded along {@code axis} without bounds on that axis.
   *
   * @param axis the extrusion axis
   * @param uv the vertices {@code u0, v0, u1, v1, ...} in the plane of the other two axes
   * @return the crop
   */
  public static CropPolygon of(Axis axis, double[] uv) {
    return new CropPolygon(axis, uv, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
  }

  /**
   * Returns a polygon extruded along {@code axis} between two bounds.
   *
   * @param axis the extrusion axis
   * @param uv the vertices {@code u0, v0, u1, v1, ...} in the plane of the other two axes
   * @param axisMin lower bound along the axis (inclusive)
   * @param axisMax upper bound along the axis (inclusive)
   * @return the crop
   */
  public static CropPolygon of(Axis axis, double[] uv, double axisMin, double axisMax) {
    return new CropPolygon(axis, uv, axisMin, axisMax);
  }

  /**
   * Returns the crop of an Open3D {@code SelectionPolygonVolume}: its 3-D polygon vertices are
   * projected on the plane orthogonal to the axis, as Open3D does.
   *
   * @param axis {@code orthogonal_axis}
   * @param polygon3d {@code bounding_polygon}, packed {@code x, y, z} per vertex
   * @param axisMin {@code axis_min}
   * @param axisMax {@code axis_max}
   * @return the crop
   */
  public static CropPolygon fromVolume(
      Axis axis, double[] polygon3d, double axisMin, double axisMax) {
    if (polygon3d.length % 3 != 0) {
      throw new IllegalArgumentException("bounding_polygon must hold x, y, z per vertex");
    }
    int m = polygon3d.length / 3;
    double[] uv = new double[2 * m];
    for (int i = 0; i < m; i++) {
      uv[2 * i] = polygon3d[3 * i + axis.u()];
      uv[2 * i + 1] = polygon3d[3 * i + axis.v()];
    }
    return new CropPolygon(axis, uv, axisMin, axisMax);
  }

  /** Returns the extrusion axis. */
  public Axis axis() {
    return axis;
  }

  /** Returns a copy of the vertices, {@code u0, v0, u1, v1, ...}. */
  public double[] vertices() {
    return uv.clone();
  }

  /** Returns the lower bound along the axis. */
  public double axisMin() {
    return axisMin;
  }

  /** Returns the upper bound along the axis. */
  public double axisMax() {
    return axisMax;
  }

  /**
   * Returns whether a point is inside.
   *
   * @param x x
   * @param y y
   * @param z z
   * @return whether it is inside
   */
  public boolean contains(double x, double y, double z) {
    double w = axis == Axis.X ? x : axis == Axis.Y ? y : z;
    if (w < axisMin || w > axisMax) {
      return false;
    }
    double pu = axis == Axis.X ? y : x;
    double pv = axis == Axis.Z ? y : z;
    // no edge straddles v <= vMin or v > vMax; left of every crossing, nothing is before the
    // point; right of every crossing, all are, and a closed polygon has an even number of them
    if (!(pv > vMin && pv <= vMax && pu > uLow && pu < uHigh)) {
      return false;
    }
    int before = 0;
    if (slabV != null) {
      // the slab (slabV[k], slabV[k+1]] holding pv: binary search for the first value >= pv
      int lo = 1;
      int hi = slabV.length - 1;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (slabV[mid] < pv) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      int slab = lo - 1;
      for (int q = slabStart[slab]; q < slabStart[slab + 1]; q++) {
        before += crossingBefore(slabEdges[q], pu, pv) ? 1 : 0;
      }
    } else {
      int m = uv.length / 2;
      for (int e = 0; e < m; e++) {
        before += crossingBefore(e, pu, pv) ? 1 : 0;
      }
    }
    return (before & 1) == 1;
  }

  /**
   * Returns whether edge {@code e} straddles {@code pv} (Open3D's half-open test) and crosses the
   * line {@code v = pv} strictly before {@code pu} (Open3D's interpolation, bit for bit).
   */
  private boolean crossingBefore(int e, double pu, double pv) {
    int j = e + 1 == uv.length / 2 ? 0 : e + 1;
    double ui = uv[2 * e], vi = uv[2 * e + 1];
    double uj = uv[2 * j], vj = uv[2 * j + 1];
    if ((vi < pv && vj >= pv) || (vj < pv && vi >= pv)) {
      return ui + (pv - vi) / (vj - vi) * (uj - ui) < pu;
    }
    return false;
  }

  /**
   * Marks the points inside. Allocates nothing.
   *
   * @param xyz packed positions
   * @param n number of points
   * @param outInside destination {@code boolean[n]}
   */
  public void classify(float[] xyz, int n, boolean[] outInside) {
    Points.checkPacked(xyz, n, "xyz");
    Points.checkCapacity(outInside.length, n, "outInside");
    for (int i = 0; i < n; i++) {
      outInside[i] = contains(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]);
    }
  }

  /**
   * Returns the indices of the points inside, ascending.
   *
   * @param xyz packed positions
   * @param n number of points
   * @return indices
   */
  public int[] filter(float[] xyz, int n) {
    boolean[] inside = new boolean[n];
    classify(xyz, n, inside);
    return Indices.fromMask(inside, n);
  }

  /**
   * Returns the points inside, or with {@code invert} those outside, every channel carried along.
   *
   * @param cloud the cloud
   * @param invert keep the points outside instead
   * @return the cropped cloud
   */
  public PointCloud apply(PointCloud cloud, boolean invert) {
    int[] inside = filter(cloud.positions(), cloud.size());
    return cloud.select(invert ? Indices.complement(inside, cloud.size()) : inside);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CropPolygon p && p.axis == axis && Arrays.equals(p.uv, uv)
        && Double.compare(p.axisMin, axisMin) == 0 && Double.compare(p.axisMax, axisMax) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(axis, Arrays.hashCode(uv), axisMin, axisMax);
  }

  @Override
  public String toString() {
    return "CropPolygon(axis=" + axis + ", " + uv.length / 2 + " vertices, range=[" + axisMin
        + ", " + axisMax + "])";
  }
}

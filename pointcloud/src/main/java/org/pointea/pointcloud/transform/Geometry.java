package org.pointea.pointcloud.transform;

import org.pointea.pointcloud.Channel;
import org.pointea.pointcloud.FloatChannel;
import org.pointea.pointcloud.PointCloud;

/** Shared arithmetic of the geometric transforms. */
final class Geometry {
  private Geometry() {}

  /** Mean of the finite points (zeros when there is none). */
  static double[] finiteMean(float[] xyz, int n) {
    double sx = 0, sy = 0, sz = 0;
    int count = 0;
    for (int i = 0; i < n; i++) {
      float x = xyz[3 * i], y = xyz[3 * i + 1], z = xyz[3 * i + 2];
      if (Float.isFinite(x) && Float.isFinite(y) && Float.isFinite(z)) {
        sx += x;
        sy += y;
        sz += z;
        count++;
      }
    }
    return count == 0 ? new double[3] : new double[] {sx / count, sy / count, sz / count};
  }

  static void translate(float[] xyz, double dx, double dy, double dz) {
    for (int i = 0; i < xyz.length; i += 3) {
      xyz[i] = (float) (xyz[i] + dx);
      xyz[i + 1] = (float) (xyz[i + 1] + dy);
      xyz[i + 2] = (float) (xyz[i + 2] + dz);
    }
  }

  /** Applies the row-major 3x3 matrix {@code m} to every triple of {@code v} in place. */
  static void multiply(float[] v, float[] m) {
    for (int i = 0; i < v.length; i += 3) {
      float x = v[i], y = v[i + 1], z = v[i + 2];
      v[i] = m[0] * x + m[1] * y + m[2] * z;
      v[i + 1] = m[3] * x + m[4] * y + m[5] * z;
      v[i + 2] = m[6] * x + m[7] * y + m[8] * z;
    }
  }

  /** Returns the cloud with positions and normals (when present) rotated by {@code m}. */
  static PointCloud rotate(PointCloud cloud, float[] m) {
    float[] xyz = cloud.positions();
    multiply(xyz, m);
    PointCloud out = cloud.withPositions(xyz);
    if (cloud.hasNormals()) {
      float[] n = cloud.normals();
      multiply(n, m);
      out = out.withChannel(new FloatChannel(Channel.NORMALS, 3, n));
    }
    return out;
  }
}

package org.pointea.spark.prepare;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.pointea.io.dataset.CachePlan;
import org.pointea.pointcloud.Channel;
import org.pointea.pointcloud.FloatChannel;
import org.pointea.pointcloud.IntChannel;
import org.pointea.pointcloud.PointCloud;

/**
 * A {@link CachePlan.SampledUnit} as flat arrays, to travel from an executor to the driver
 * (clouds are not {@code Serializable}); the floats travel bit for bit.
 */
record EncodedUnit(int unit, int points, int[] indices, int[] labels, String[] ids, float[] xyz,
    float[] normals, int[] parts) implements Serializable {

  static EncodedUnit of(CachePlan.SampledUnit u, int points) {
    int s = u.indices().length;
    float[] xyz = new float[3 * s * points];
    float[] normals = null;
    int[] parts = null;
    for (int k = 0; k < s; k++) {
      PointCloud c = u.clouds().get(k);
      c.copyPositions(xyz, 3 * k * points);
      if (c.hasChannel(Channel.NORMALS)) {
        if (normals == null) {
          normals = new float[3 * s * points];
        }
        c.floatChannel(Channel.NORMALS).copyTo(normals, 3 * k * points);
      }
      if (c.hasChannel(Channel.LABELS)) {
        if (parts == null) {
          parts = new int[s * points];
        }
        c.intChannel(Channel.LABELS).copyTo(parts, k * points);
      }
    }
    return new EncodedUnit(u.unit(), points, u.indices(), u.labels(), u.ids(), xyz, normals, parts);
  }

  CachePlan.SampledUnit decode() {
    int s = indices.length;
    List<PointCloud> clouds = new ArrayList<>(s);
    for (int k = 0; k < s; k++) {
      PointCloud c = PointCloud.of(java.util.Arrays.copyOfRange(xyz, 3 * k * points, 3 * (k + 1) * points));
      if (normals != null) {
        c = c.withChannel(new FloatChannel(Channel.NORMALS, 3,
            java.util.Arrays.copyOfRange(normals, 3 * k * points, 3 * (k + 1) * points)));
      }
      if (parts != null) {
        c = c.withChannel(new IntChannel(Channel.LABELS, 1,
            java.util.Arrays.copyOfRange(parts, k * points, (k + 1) * points)));
      }
      clouds.add(c);
    }
    return new CachePlan.SampledUnit(unit, indices, clouds, labels, ids);
  }
}

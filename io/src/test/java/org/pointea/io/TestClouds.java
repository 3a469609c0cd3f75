package org.pointea.io;

import java.util.SplittableRandom;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.Viewpoint;

/** Clouds for round-trip tests: every kind of channel, colours on the 8-bit grid. */
public final class TestClouds {
  private TestClouds() {}

  /**
   * Returns a cloud with positions, normals, RGBA colours (k/255), intensity, labels, a float
   * channel {@code curvature} and an int channel {@code ids} of width 2.
   *
   * @param n number of points
   * @param seed random seed
   * @param organized make it 2 rows with a NaN point (n even)
   * @return the cloud
   */
  public static PointCloud rich(int n, long seed, boolean organized) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] xyz = new float[3 * n];
    float[] nrm = new float[3 * n];
    float[] col = new float[4 * n];
    float[] inten = new float[n];
    float[] curv = new float[n];
    int[] lab = new int[n];
    int[] ids = new int[2 * n];
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < 3; a++) {
        xyz[3 * i + a] = (float) (r.nextDouble() * 4 - 2);
        nrm[3 * i + a] = (float) r.nextGaussian();
      }
      for (int a = 0; a < 4; a++) {
        col[4 * i + a] = r.nextInt(256) / 255f;
      }
      inten[i] = (float) (r.nextDouble() * 1000);
      curv[i] = (float) r.nextGaussian() * 1e-3f;
      lab[i] = r.nextInt(50);
      ids[2 * i] = r.nextInt();
      ids[2 * i + 1] = r.nextInt(1000);
    }
    PointCloud.Builder b = PointCloud.builder(xyz).normals(nrm).colors(col, 4).intensity(inten)
        .labels(lab).channel("curvature", 1, curv).intChannel("ids", 2, ids);
    if (organized) {
      xyz[3] = Float.NaN;
      xyz[4] = Float.NaN;
      xyz[5] = Float.NaN;
      b.organized(n / 2, 2).viewpoint(new Viewpoint(0.5, -1, 2, 0.7071067811865476, 0,
          0.7071067811865476, 0));
    }
    return b.build();
  }

  /**
   * Returns a cloud of positions only.
   *
   * @param n number of points
   * @param seed random seed
   * @return the cloud
   */
  public static PointCloud xyz(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] xyz = new float[3 * n];
    for (int i = 0; i < xyz.length; i++) {
      xyz[i] = (float) (r.nextDouble() * 10 - 5);
    }
    return PointCloud.of(xyz);
  }
}

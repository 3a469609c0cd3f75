package org.pointea.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.pointea.io.hdf5.PointNetBatch;
import org.pointea.io.hdf5.PointNetH5WriteOptions;
import org.pointea.io.hdf5.PointNetH5Writer;
import org.pointea.io.npy.NpyArray;
import org.pointea.io.npy.NpyWriteOptions;
import org.pointea.io.npy.NpyWriter;
import org.pointea.io.off.OffWriteOptions;
import org.pointea.io.pcd.PcdWriteOptions;
import org.pointea.io.ply.PlyWriteOptions;
import org.pointea.io.text.TextWriteOptions;
import org.pointea.pointcloud.Channel;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.TriangleMesh;

/**
 * Writes one cloud and one mesh in every format and encoding pointea writes, plus the exact
 * values as NumPy arrays, for {@code src/test/scripts/check_peers_read.py} to read back with PCL
 * and Open3D.
 *
 * <p>Usage: {@code java -cp ... org.pointea.io.PeerFixtures <out-dir>}
 */
public final class PeerFixtures {
  private PeerFixtures() {}

  /**
   * Writes the fixtures.
   *
   * @param args the output directory
   * @throws IOException on a write error
   */
  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[0]);
    Files.createDirectories(out);
    PointCloud rich = TestClouds.rich(1000, 42, false);
    float[] rgb = new float[3000];
    for (int i = 0; i < 1000; i++) {
      System.arraycopy(rich.colors(), 4 * i, rgb, 3 * i, 3);
    }
    PointCloud c = PointCloud.builder(rich.positions()).normals(rich.normals()).colors(rgb, 3)
        .intensity(rich.floatChannel(Channel.INTENSITY).toArray()).labels(rich.labels()).build();
    // truth: x y z nx ny nz r g b intensity label as float64
    double[] t = new double[1000 * 11];
    float[] xyz = c.positions();
    float[] nrm = c.normals();
    float[] inten = c.floatChannel(Channel.INTENSITY).toArray();
    int[] lab = c.labels();
    for (int i = 0; i < 1000; i++) {
      for (int a = 0; a < 3; a++) {
        t[11 * i + a] = xyz[3 * i + a];
        t[11 * i + 3 + a] = nrm[3 * i + a];
        t[11 * i + 6 + a] = rgb[3 * i + a];
      }
      t[11 * i + 9] = inten[i];
      t[11 * i + 10] = lab[i];
    }
    NpyWriter.writeArray(out.resolve("truth.npy"), NpyArray.ofDoubles(t, 1000, 11));
    write(out, "cloud_ascii.ply", c, PlyWriteOptions.ascii());
    write(out, "cloud_binary_le.ply", c, PlyWriteOptions.binaryLittleEndian());
    write(out, "cloud_binary_be.ply", c, PlyWriteOptions.binaryBigEndian());
    write(out, "cloud_float_colors.ply", c, PlyWriteOptions.binaryLittleEndian()
        .withFloatColors(true));
    write(out, "cloud_ascii.pcd", c, PcdWriteOptions.ascii());
    write(out, "cloud_binary.pcd", c, PcdWriteOptions.binary());
    write(out, "cloud_binary_compressed.pcd", c, PcdWriteOptions.binaryCompressed());
    PointCloud rgba = PointCloud.builder(rich.positions()).colors(rich.colors(), 4).build();
    write(out, "cloud_rgba_binary_compressed.pcd", rgba, PcdWriteOptions.binaryCompressed());
    NpyWriter.writeArray(out.resolve("truth_rgba.npy"),
        NpyArray.ofFloats(rich.colors(), 1000, 4));
    PointCloud organized = TestClouds.rich(1000, 43, true);
    write(out, "organized_binary.pcd", organized, PcdWriteOptions.binary());
    write(out, "organized_binary_compressed.pcd", organized, PcdWriteOptions.binaryCompressed());
    NpyWriter.writeArray(out.resolve("truth_organized.npy"),
        NpyArray.ofFloats(organized.positions(), 1000, 3));
    PointCloudIO.write(out.resolve("cloud.xyz"), c);
    PointCloudIO.write(out.resolve("cloud.xyzn"), c);
    PointCloudIO.write(out.resolve("cloud.xyzrgb"), c);
    PointCloudIO.write(out.resolve("cloud.pts"), c);
    write(out, "cloud_modelnet.txt", PointCloud.builder(c.positions()).normals(c.normals())
        .build(), TextWriteOptions.modelNet());
    write(out, "cloud.npy", c, NpyWriteOptions.DEFAULT);
    PointNetH5Writer.write(out.resolve("batch.h5"), new PointNetBatch(List.of(
        PointCloud.builder(c.positions()).normals(c.normals()).labels(c.labels()).build(),
        PointCloud.builder(c.positions()).normals(c.normals()).labels(c.labels()).build()),
        new int[] {3, 39}), PointNetH5WriteOptions.DEFAULT.withDeflate(4));
    TriangleMesh box = new TriangleMesh(
        new float[] {0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0, 0, 0, 1, 1, 0, 1, 0, 1, 1, 1, 1, 1},
        new int[] {0, 2, 1, 1, 2, 3, 4, 5, 6, 5, 7, 6, 0, 1, 4, 1, 5, 4, 2, 6, 3, 3, 6, 7,
            0, 4, 2, 2, 4, 6, 1, 3, 5, 3, 7, 5});
    PointCloudIO.writeMesh(out.resolve("box_binary.ply"), box);
    PointCloudIO.writeMesh(out.resolve("box_ascii.ply"), box, PlyWriteOptions.ascii());
    PointCloudIO.writeMesh(out.resolve("box.off"), box);
    NpyWriter.writeArray(out.resolve("box_vertices.npy"), NpyArray.ofFloats(box.vertices(), 8, 3));
    NpyWriter.writeArray(out.resolve("box_triangles.npy"), NpyArray.ofInts(box.triangles(), 12,
        3));
  }

  private static void write(Path dir, String name, PointCloud c, WriteOptions o)
      throws IOException {
    PointCloudIO.write(dir.resolve(name), c, o);
  }
}

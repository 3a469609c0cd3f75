package org.pointea.io.hdf5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.ReadOptions;
import org.pointea.io.TestClouds;
import org.pointea.pointcloud.IntChannel;
import org.pointea.pointcloud.PointCloud;

class PointNetH5WriterTest {
  @TempDir
  Path dir;

  private static List<PointCloud> clouds(int b, int n) {
    List<PointCloud> out = new ArrayList<>();
    for (int i = 0; i < b; i++) {
      PointCloud r = TestClouds.rich(n, i, false);
      int[] face = new int[n];
      for (int k = 0; k < n; k++) {
        face[k] = k * 3 + i;
      }
      out.add(PointCloud.builder(r.positions()).normals(r.normals()).labels(r.labels())
          .channel(new IntChannel(PointNetBatch.FACE_ID, 1, face)).build());
    }
    return out;
  }

  @Test
  void batchesRoundTripWithEveryDataset() throws Exception {
    PointNetBatch b = new PointNetBatch(clouds(3, 64), new int[] {0, 39, 7});
    for (PointNetH5WriteOptions o : List.of(PointNetH5WriteOptions.DEFAULT,
        PointNetH5WriteOptions.DEFAULT.withDeflate(4))) {
      Path p = dir.resolve("b.h5");
      PointNetH5Writer.write(p, b, o);
      assertThat(PointNetH5Reader.read(p)).isEqualTo(b);
    }
  }

  @Test
  void labelsOutsideUint8AreWrittenAsInt32() throws Exception {
    PointNetBatch b = new PointNetBatch(clouds(2, 8), new int[] {-1, 70000});
    Path p = dir.resolve("wide.h5");
    PointNetH5Writer.write(p, b, PointNetH5WriteOptions.DEFAULT);
    assertThat(PointNetH5Reader.read(p, ReadOptions.DEFAULT).labels()).containsExactly(-1, 70000);
  }

  @Test
  void cloudsOfDifferentSizesAreAnArgumentError() {
    List<PointCloud> c = List.of(TestClouds.xyz(3, 1), TestClouds.xyz(4, 2));
    assertThatThrownBy(() -> PointNetH5Writer.write(dir.resolve("x.h5"),
        new PointNetBatch(c, new int[] {0, 1}), PointNetH5WriteOptions.DEFAULT))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

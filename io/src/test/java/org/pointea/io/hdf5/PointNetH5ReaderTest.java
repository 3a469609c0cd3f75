package org.pointea.io.hdf5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.PointCloudFormatException;
import org.pointea.io.ReadOptions;
import org.pointea.io.RealCorpus;
import org.pointea.pointcloud.Channel;

class PointNetH5ReaderTest {
  @TempDir
  Path dir;

  @Test
  void thirdPartyLayoutWithFloat64DataAndFloatLabels() throws Exception {
    PointNetBatch b = PointNetH5Reader.read(RealCorpus.file("h5/abdullahozer11/our_data.h5"));
    assertThat(b.size()).isEqualTo(32);
    assertThat(b.cloud(0).size()).isEqualTo(2048);
    assertThat(b.cloud(0).x(0)).isEqualTo(26.193f);
    assertThat(b.labels()).containsOnly(0, 1);
  }

  @Test
  void gzipChunkedAndPlainReadTheSame() throws Exception {
    PointNetBatch a = PointNetH5Reader.read(RealCorpus.file(
        "generated/h5py/shapenet_part_ply_data_gzip.h5"));
    PointNetBatch b = PointNetH5Reader.read(RealCorpus.file(
        "generated/h5py/shapenet_part_ply_data_plain.h5"));
    assertThat(a).isEqualTo(b);
    assertThat(a.cloud(2).hasLabels()).isTrue();
  }

  @Test
  void channelFilterDropsOptionalDatasets() throws Exception {
    PointNetBatch b = PointNetH5Reader.read(RealCorpus.file(
        "generated/h5py/modelnet40_ply_data_with_normal_gzip.h5"),
        ReadOptions.builder().optChannels(Channel.NORMALS).build());
    assertThat(b.cloud(0).channelNames()).containsExactly(Channel.NORMALS);
  }

  @Test
  void garbageAndTruncatedFilesAreFormatErrors() throws Exception {
    byte[] real = Files.readAllBytes(RealCorpus.file(
        "generated/h5py/modelnet40_ply_data_plain.h5"));
    for (int cut : new int[] {0, 8, 100, 2000, real.length / 2}) {
      byte[] b = java.util.Arrays.copyOf(real, cut);
      assertThatThrownBy(() -> PointNetH5Reader.read(b, "cut.h5", ReadOptions.DEFAULT))
          .as("cut at " + cut).isInstanceOf(PointCloudFormatException.class)
          .hasMessageStartingWith("cut.h5: ");
    }
    Path p = dir.resolve("garbage.h5");
    Files.writeString(p, "this is not HDF5");
    assertThatThrownBy(() -> PointNetH5Reader.read(p))
        .isInstanceOf(PointCloudFormatException.class);
  }

  @Test
  void fuzzFindingsStayFixed() throws Exception {
    byte[] b = Files.readAllBytes(Path.of(getClass().getResource(
        "/fuzz/hdf5-chunk-dimensions-oom.h5").toURI()));
    assertThatThrownBy(() -> PointNetH5Reader.read(b, "oom.h5", ReadOptions.DEFAULT))
        .isInstanceOf(PointCloudFormatException.class);
  }

  @Test
  void filesNotInPointNetLayoutSayWhatIsMissing() throws Exception {
    Path p = dir.resolve("other.h5");
    try (io.jhdf.WritableHdfFile f = io.jhdf.HdfFile.write(p)) {
      f.putDataset("points", new float[][] {{1, 2, 3}});
    }
    assertThatThrownBy(() -> PointNetH5Reader.read(p)).hasMessageContaining("no 'data' dataset")
        .hasMessageContaining("points");
    try (io.jhdf.WritableHdfFile f = io.jhdf.HdfFile.write(p)) {
      f.putDataset("data", new float[][][] {{{1, 2, 3}}});
      f.putDataset("label", new double[] {0.5});
    }
    assertThatThrownBy(() -> PointNetH5Reader.read(p)).hasMessageContaining("not an integer");
  }

  /** A PointNet file of 2 clouds of 8 points whose dataspace then claims 2^28 points per cloud. */
  private byte[] forgedPointCount() throws Exception {
    Path p = dir.resolve("small.h5");
    try (io.jhdf.WritableHdfFile f = io.jhdf.HdfFile.write(p)) { // contiguous storage
      f.putDataset("data", new float[2][8][3]);
      f.putDataset("label", new int[] {3, 7});
    }
    byte[] b = Files.readAllBytes(p);
    java.nio.ByteBuffer dims = java.nio.ByteBuffer.allocate(24)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(2).putLong(8).putLong(3);
    int patched = 0;
    for (int i = 0; i + 24 <= b.length; i++) {
      if (java.util.Arrays.equals(b, i, i + 24, dims.array(), 0, 24)) {
        java.nio.ByteBuffer.wrap(b, i + 8, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN)
            .putLong(1L << 28);
        fixObjectHeaderChecksum(b, i);
        patched++;
      }
    }
    assertThat(patched).as("dataspace of 'data' found").isPositive();
    return b;
  }

  /** Recomputes the Jenkins checksum of the version-2 object header holding byte {@code at}. */
  private static void fixObjectHeaderChecksum(byte[] b, int at) {
    int s = at;
    while (s >= 0 && !(b[s] == 'O' && b[s + 1] == 'H' && b[s + 2] == 'D' && b[s + 3] == 'R')) {
      s--;
    }
    assertThat(s).as("OHDR before byte " + at).isNotNegative();
    int flags = b[s + 5] & 0xff;
    int p = s + 6 + ((flags & 0x20) != 0 ? 16 : 0) + ((flags & 0x10) != 0 ? 4 : 0);
    int width = 1 << (flags & 3);
    long size = 0;
    for (int k = 0; k < width; k++) {
      size |= (long) (b[p + k] & 0xff) << (8 * k);
    }
    int end = p + width + (int) size;
    int sum = io.jhdf.checksum.JenkinsLookup3HashLittle.hash(java.util.Arrays.copyOfRange(b, s, end));
    java.nio.ByteBuffer.wrap(b, end, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(sum);
  }

  @Test
  void declaredSizesAreComparedWithStoredBytesFromMemoryAndFromAPath() throws Exception {
    // issue 12, C and D: a few edited bytes claimed 2^28 points per cloud; through a path jhdf
    // sized its buffers from the header (1.7 GB, seconds to minutes) and the limit was never used
    byte[] forged = forgedPointCount();
    Path f = Files.write(dir.resolve("forged.h5"), forged);
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    for (int route = 0; route < 4; route++) {
      boolean viaPath = route % 2 == 1; // routes 0, 1 load the classes; 2, 3 are measured
      long t0 = threads.getCurrentThreadCpuTime();
      long allocated = org.pointea.io.Allocation.of(() -> viaPath
          ? PointNetH5Reader.read(f) : PointNetH5Reader.read(forged, "forged.h5",
              ReadOptions.DEFAULT));
      if (route < 2) {
        continue;
      }
      assertThat((threads.getCurrentThreadCpuTime() - t0) / 1e9).as("CPU s, path=" + viaPath)
          .isLessThan(1.0);
      assertThat(allocated).as("bytes, path=" + viaPath).isLessThan(64L << 20);
      assertThatThrownBy(() -> {
        PointNetBatch unused = viaPath ? PointNetH5Reader.read(f)
            : PointNetH5Reader.read(forged, "forged.h5", ReadOptions.DEFAULT);
      })
          .isInstanceOf(PointCloudFormatException.class)
          .hasMessageContaining("bytes are stored")
          .satisfies(e -> assertThat(((PointCloudFormatException) e).byteOffset()).isPresent());
    }
  }

  @Test
  void everyErrorNamesAByteOffset() throws Exception {
    Path p = Files.writeString(dir.resolve("text.h5"), "this is not HDF5");
    assertThatThrownBy(() -> PointNetH5Reader.read(p))
        .hasMessageStartingWith(p + ": byte 0: not a readable HDF5 file");
  }
}

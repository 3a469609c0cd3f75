package org.pointea.io.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;
import org.pointea.io.bag.BagCursor;
import org.pointea.io.bag.BagFilter;
import org.pointea.io.bag.BagReader;

/**
 * Fuzz targets for the bag readers: MCAP, ROS 1 {@code .bag} v2.0 (from memory) and rosbag2
 * SQLite {@code .db3} (through a file, as SQLite needs one). Each input is opened, described
 * ({@code info()}) and read through: every message, then every {@code PointCloud2} frame decoded.
 * Seeds: {@code BagFuzzTestInputs/<method>/}, copies of the smaller test bags (written by
 * {@code @mcap/core}, python3-rosbag and rosbag2 itself; provenance in
 * {@code src/test/resources/bags/README.md}).
 */
class BagFuzzTest {
  /**
   * Bytes allocated per input byte: chunks are zstd, lz4 or bz2 compressed, and decoded into a
   * cloud. A chunk is allocated at its declared size when that is within 256 x its compressed
   * size, and otherwise grows with its actual output (bz2 and zstd can expand further), never
   * past 1 GiB; this allowance covers up to 1:4096 (docs/bags.md, "Limits").
   */
  static final long FACTOR = 4096;

  static void readThrough(BagReader bag) throws IOException {
    try (bag) {
      bag.info();
      try (BagCursor<?> m = bag.messages(BagFilter.ALL)) {
        while (m.next() != null) {
          // every record is framed and decompressed
        }
      }
      try (BagCursor<?> f = bag.frames(BagFilter.ALL)) {
        while (f.next() != null) {
          // every PointCloud2 decoded
        }
      }
    }
  }

  @FuzzTest(maxDuration = FuzzBounds.CAMPAIGN_SLOT)
  @Timeout(FuzzBounds.HANG_SECONDS)
  void mcap(byte[] in) {
    FuzzBounds.check(in, FACTOR, () -> readThrough(BagReader.open(in, "fuzz.mcap")));
  }

  @FuzzTest(maxDuration = FuzzBounds.CAMPAIGN_SLOT)
  @Timeout(FuzzBounds.HANG_SECONDS)
  void rosbag(byte[] in) {
    FuzzBounds.check(in, FACTOR, () -> readThrough(BagReader.open(in, "fuzz.bag")));
  }

  @FuzzTest(maxDuration = FuzzBounds.CAMPAIGN_SLOT)
  @Timeout(FuzzBounds.HANG_SECONDS)
  void db3(byte[] in) throws IOException {
    Path dir = Files.createTempDirectory("pointea-fuzz-db3");
    Path f = dir.resolve("fuzz.db3");
    try {
      Files.write(f, in);
      FuzzBounds.check(in, FACTOR, () -> readThrough(BagReader.open(f)));
    } finally {
      try (var s = Files.list(dir)) {
        for (Path p : s.toList()) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(dir);
    }
  }
}

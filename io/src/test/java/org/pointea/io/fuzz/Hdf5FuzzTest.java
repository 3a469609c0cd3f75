package org.pointea.io.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;
import org.pointea.io.ReadOptions;
import org.pointea.io.hdf5.H5Files;
import org.pointea.io.hdf5.PointNetH5Reader;

/**
 * Fuzz targets for PointNet HDF5, read from memory and through a file path (jhdf takes different
 * routes for the two; issue 12, C). Seeds: {@code Hdf5FuzzTestInputs/<method>/}.
 */
class Hdf5FuzzTest {
  /** Deflate's largest ratio, then float to double and per-cloud copies. */
  private static final long FACTOR = 6 * H5Files.MAX_DEFLATE_RATIO;
  private static Path file;

  private static synchronized Path file() {
    if (file == null) {
      try {
        file = Files.createTempFile("pointea-fuzz", ".h5");
        file.toFile().deleteOnExit();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return file;
  }

  @FuzzTest(maxDuration = FuzzBounds.CAMPAIGN_SLOT)
  @Timeout(FuzzBounds.HANG_SECONDS)
  void fromMemory(byte[] in) {
    FuzzBounds.check(in, FACTOR, () -> PointNetH5Reader.read(in, "fuzz.h5", ReadOptions.DEFAULT));
  }

  @FuzzTest(maxDuration = FuzzBounds.CAMPAIGN_SLOT)
  @Timeout(FuzzBounds.HANG_SECONDS)
  void fromPath(byte[] in) throws IOException {
    Path f = Files.write(file(), in);
    FuzzBounds.check(in, FACTOR, () -> PointNetH5Reader.read(f, ReadOptions.DEFAULT));
  }
}

package org.pointea.io.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;
import org.pointea.io.PointCloudFormat;
import org.pointea.io.PointCloudIO;
import org.pointea.io.ReadOptions;
import org.pointea.io.internal.Input;
import org.pointea.io.las.LasReader;

/**
 * Fuzz target for the LAS reader (1.0-1.4, point formats 0-10, VLRs, EVLRs, extra bytes): the
 * file as a cloud, directly and through {@code PointCloudIO} with non-finite points removed. Seeds: {@code LasFuzzTestInputs/las/}, copies of
 * small test files (laspy-written, and PDAL's; provenance in {@code src/test/resources/las/README.md}).
 */
class LasFuzzTest {
  @FuzzTest(maxDuration = FuzzBounds.CAMPAIGN_SLOT)
  @Timeout(FuzzBounds.HANG_SECONDS)
  void las(byte[] in) {
    FuzzBounds.check(in, () -> LasReader.read(Input.of(in, "fuzz.las"), ReadOptions.DEFAULT));
    FuzzBounds.check(in, () -> PointCloudIO.read(in, PointCloudFormat.LAS,
        ReadOptions.builder().optRemoveNonFinite(true).build(), "fuzz.las"));
  }
}

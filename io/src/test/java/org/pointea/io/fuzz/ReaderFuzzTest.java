package org.pointea.io.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;
import org.pointea.io.PointCloudFormat;
import org.pointea.io.PointCloudIO;
import org.pointea.io.ReadOptions;
import org.pointea.io.internal.Input;
import org.pointea.io.npy.NpyReader;
import org.pointea.io.off.OffReader;
import org.pointea.io.ply.PlyReader;

/**
 * Coverage-guided fuzz targets (Jazzer) for the byte-oriented readers: PLY (cloud and mesh), PCD,
 * OFF, text (every text preset), NPY (array and cloud). Without {@code JAZZER_FUZZ} each target
 * runs once per file of its seed folder, {@code ReaderFuzzTestInputs/<method>/} (regression mode,
 * part of {@code mvn verify}); docs/fuzzing.md has the campaign command.
 */
class ReaderFuzzTest {
  private static final ReadOptions OPTS = ReadOptions.DEFAULT;

  @FuzzTest(maxDuration = FuzzBounds.CAMPAIGN_SLOT)
  @Timeout(FuzzBounds.HANG_SECONDS)
  void ply(byte[] in) {
    FuzzBounds.check(in, () -> PointCloudIO.read(in, PointCloudFormat.PLY, OPTS, "fuzz.ply"));
    FuzzBounds.check(in, () -> PlyReader.readMesh(Input.of(in, "fuzz.ply")));
  }

  @FuzzTest(maxDuration = FuzzBounds.CAMPAIGN_SLOT)
  @Timeout(FuzzBounds.HANG_SECONDS)
  void pcd(byte[] in) {
    // binary_compressed: LZF may expand 88 x, then the planes are decoded (docs/formats.md)
    FuzzBounds.check(in, 1500,
        () -> PointCloudIO.read(in, PointCloudFormat.PCD, OPTS, "fuzz.pcd"));
  }

  @FuzzTest(maxDuration = FuzzBounds.CAMPAIGN_SLOT)
  @Timeout(FuzzBounds.HANG_SECONDS)
  void off(byte[] in) {
    FuzzBounds.check(in, () -> PointCloudIO.read(in, PointCloudFormat.OFF, OPTS, "fuzz.off"));
    FuzzBounds.check(in, () -> OffReader.readMesh(Input.of(in, "fuzz.off")));
  }

  @FuzzTest(maxDuration = FuzzBounds.CAMPAIGN_SLOT)
  @Timeout(FuzzBounds.HANG_SECONDS)
  void text(byte[] in) {
    for (PointCloudFormat f : new PointCloudFormat[] {PointCloudFormat.XYZ, PointCloudFormat.XYZN,
        PointCloudFormat.XYZRGB, PointCloudFormat.PTS, PointCloudFormat.CSV, PointCloudFormat.TXT}) {
      FuzzBounds.check(in, () -> PointCloudIO.read(in, f, OPTS, "fuzz." + f.name()));
    }
  }

  @FuzzTest(maxDuration = FuzzBounds.CAMPAIGN_SLOT)
  @Timeout(FuzzBounds.HANG_SECONDS)
  void npy(byte[] in) {
    FuzzBounds.check(in, () -> NpyReader.readArray(Input.of(in, "fuzz.npy")));
    FuzzBounds.check(in, () -> PointCloudIO.read(in, PointCloudFormat.NPY, OPTS, "fuzz.npy"));
  }
}

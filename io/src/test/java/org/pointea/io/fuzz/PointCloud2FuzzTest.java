package org.pointea.io.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;
import org.pointea.io.ros.PointCloud2Codec;
import org.pointea.io.ros.PointCloud2Serializer;

/**
 * Fuzz targets for ROS {@code sensor_msgs/PointCloud2} wire bytes, ROS 1 and ROS 2 (CDR), decoded
 * to a cloud. Seeds: {@code PointCloud2FuzzTestInputs/<method>/}.
 */
class PointCloud2FuzzTest {
  @FuzzTest(maxDuration = FuzzBounds.CAMPAIGN_SLOT)
  @Timeout(FuzzBounds.HANG_SECONDS)
  void ros1(byte[] in) {
    FuzzBounds.check(in, () -> PointCloud2Codec.decode(PointCloud2Serializer.fromRos1(in)));
  }

  @FuzzTest(maxDuration = FuzzBounds.CAMPAIGN_SLOT)
  @Timeout(FuzzBounds.HANG_SECONDS)
  void cdr(byte[] in) {
    FuzzBounds.check(in, () -> PointCloud2Codec.decode(PointCloud2Serializer.fromCdr(in)));
  }
}

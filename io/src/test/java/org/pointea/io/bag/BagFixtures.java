package org.pointea.io.bag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/** The bags under {@code src/test/resources/bags} (README.md there says who wrote them). */
final class BagFixtures {
  /** Every bag holding the 32 reference messages. */
  static final List<String> LIDAR = List.of("lidar_zstd.mcap", "lidar_lz4.mcap",
      "lidar_uncompressed.mcap", "lidar_unindexed.mcap", "lidar_bz2.bag", "lidar_lz4.bag",
      "lidar_active.bag", "lidar.db3");

  static final String LIDAR_TOPIC = "/os_cloud_node/points";
  static final String CAMERA_TOPIC = "/camera/depth/points";
  static final String IMU_TOPIC = "/imu";

  private static JsonNode truth;

  private BagFixtures() {}

  static Path file(String name) {
    try {
      return Path.of(BagFixtures.class.getResource("/bags/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Returns what python3-rosbag + sensor_msgs.point_cloud2 read (groundtruth.json). */
  static synchronized JsonNode truth() {
    if (truth == null) {
      try {
        truth = new ObjectMapper().readTree(file("groundtruth.json").toFile()).get("messages");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return truth;
  }
}

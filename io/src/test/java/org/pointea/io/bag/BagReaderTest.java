package org.pointea.io.bag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.pointea.io.bag.BagFixtures.CAMERA_TOPIC;
import static org.pointea.io.bag.BagFixtures.IMU_TOPIC;
import static org.pointea.io.bag.BagFixtures.LIDAR_TOPIC;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.pointea.pointcloud.Channel;
import org.pointea.pointcloud.PointCloud;

/**
 * Every bag format against what python3-rosbag and {@code sensor_msgs.point_cloud2} read from the
 * same messages (groundtruth.json): topics, counts, times, order, and every field of every cloud.
 */
class BagReaderTest {
  static final List<String> LIDAR = BagFixtures.LIDAR;

  static List<CloudFrame> frames(String file, BagFilter filter) throws IOException {
    List<CloudFrame> out = new ArrayList<>();
    try (BagReader bag = BagReader.open(BagFixtures.file(file))) {
      bag.frames(filter).forEachRemaining(out::add);
    }
    return out;
  }

  @ParameterizedTest
  @FieldSource("LIDAR")
  void infoListsTopicsCountsAndTimeRange(String file) throws IOException {
    JsonNode truth = BagFixtures.truth();
    try (BagReader bag = BagReader.open(BagFixtures.file(file))) {
      BagInfo info = bag.info();
      assertThat(info.messageCount()).isEqualTo(truth.size());
      assertThat(info.startNs()).isEqualTo(truth.get(0).get("time_ns").asLong());
      assertThat(info.endNs()).isEqualTo(truth.get(truth.size() - 1).get("time_ns").asLong());
      assertThat(info.topic(IMU_TOPIC).orElseThrow().messageCount()).isEqualTo(25);
      assertThat(info.topic(LIDAR_TOPIC).orElseThrow().messageCount()).isEqualTo(4);
      assertThat(info.topic(CAMERA_TOPIC).orElseThrow().messageCount()).isEqualTo(3);
      assertThat(info.cloudTopics()).extracting(TopicInfo::name)
          .containsExactlyInAnyOrder(LIDAR_TOPIC, CAMERA_TOPIC);
      assertThat(info.indexed()).isEqualTo(!file.contains("unindexed") && !file.contains("active"));
      String compression = file.contains("zstd") ? "zstd" : file.contains("lz4") ? "lz4"
          : file.contains("bz2") ? "bz2" : null;
      if (compression == null) {
        assertThat(info.compression()).isEmpty();
      } else {
        assertThat(info.compression()).containsExactly(compression);
      }
      assertThat(bag.format().extension()).isEqualTo(file.substring(file.lastIndexOf('.') + 1));
    }
  }

  @ParameterizedTest
  @FieldSource("LIDAR")
  void messagesComeInOrderWithTheirTimes(String file) throws IOException {
    JsonNode truth = BagFixtures.truth();
    List<BagMessage> got = new ArrayList<>();
    try (BagReader bag = BagReader.open(BagFixtures.file(file))) {
      bag.messages(BagFilter.ALL).forEachRemaining(got::add);
    }
    assertThat(got).hasSize(truth.size());
    for (int i = 0; i < got.size(); i++) {
      assertThat(got.get(i).topic()).isEqualTo(truth.get(i).get("topic").asText());
      assertThat(got.get(i).timeNs()).isEqualTo(truth.get(i).get("time_ns").asLong());
      assertThat(got.get(i).type()).endsWith(truth.get(i).get("type").asText().replace("sensor_msgs/", ""));
    }
  }

  @ParameterizedTest
  @FieldSource("LIDAR")
  void framesMatchPythonRosbag(String file) throws IOException {
    List<JsonNode> clouds = new ArrayList<>();
    BagFixtures.truth().forEach(m -> {
      if (m.has("cloud")) {
        clouds.add(m);
      }
    });
    List<CloudFrame> frames = frames(file, BagFilter.ALL);
    assertThat(frames).hasSize(clouds.size());
    int cameraIndex = 0;
    for (int i = 0; i < frames.size(); i++) {
      CloudFrame f = frames.get(i);
      JsonNode t = clouds.get(i);
      JsonNode c = t.get("cloud");
      assertThat(f.topic()).isEqualTo(t.get("topic").asText());
      assertThat(f.timeNs()).isEqualTo(t.get("time_ns").asLong());
      assertThat(f.stampNs()).isEqualTo(c.get("stamp_ns").asLong());
      assertThat(f.frameId()).isEqualTo(c.get("frame_id").asText());
      PointCloud cloud = f.cloud();
      assertThat(cloud.width()).isEqualTo(c.get("width").asInt());
      assertThat(cloud.height()).isEqualTo(c.get("height").asInt());
      for (Iterator<Map.Entry<String, JsonNode>> it = c.get("fields").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        checkField(cloud, e.getKey(), e.getValue());
      }
      if (f.topic().equals(CAMERA_TOPIC)) {
        checkCameraColours(cloud, cameraIndex++);
      }
    }
  }

  /** Sum, min, max and count of the finite values of one field, as point_cloud2 read them. */
  private static void checkField(PointCloud cloud, String field, JsonNode expected) {
    if (field.equals("rgb")) {
      return; // packed colour bits: checked by checkCameraColours
    }
    double[] values = new double[cloud.size()];
    for (int p = 0; p < values.length; p++) {
      values[p] = switch (field) {
        case "x" -> cloud.x(p);
        case "y" -> cloud.y(p);
        case "z" -> cloud.z(p);
        default -> cloud.channel(field).orElseThrow().valueAsDouble(p, 0);
      };
    }
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    int finite = 0;
    for (double v : values) {
      if (Double.isFinite(v)) {
        sum += v;
        min = Math.min(min, v);
        max = Math.max(max, v);
        finite++;
      }
    }
    assertThat(finite).as(field).isEqualTo(expected.get("finite").asInt());
    assertThat(sum).as(field).isCloseTo(expected.get("sum").asDouble(),
        within(1e-9 * Math.max(1, Math.abs(sum))));
    assertThat(min).as(field).isEqualTo(expected.get("min").asDouble());
    assertThat(max).as(field).isEqualTo(expected.get("max").asDouble());
    if (!expected.get("first").isNull()) {
      assertThat(values[0]).as(field).isEqualTo(expected.get("first").asDouble());
    }
  }

  /** The camera's packed rgb as make_mcap.mjs wrote it: r = 16u, g = 21v, b = 40k + 7. */
  private static void checkCameraColours(PointCloud cloud, int k) {
    float[] rgb = cloud.colors();
    for (int v = 0; v < cloud.height(); v++) {
      for (int u = 0; u < cloud.width(); u++) {
        int p = v * cloud.width() + u;
        assertThat(rgb[3 * p] * 255).isCloseTo((u * 16) & 0xFF, within(1e-3f));
        assertThat(rgb[3 * p + 1] * 255).isCloseTo((v * 21) & 0xFF, within(1e-3f));
        assertThat(rgb[3 * p + 2] * 255).isCloseTo((40 * k + 7) & 0xFF, within(1e-3f));
      }
    }
  }

  @ParameterizedTest
  @FieldSource("LIDAR")
  void everyFormatDecodesTheSameClouds(String file) throws IOException {
    List<CloudFrame> reference = frames("lidar_bz2.bag", BagFilter.ALL);
    List<CloudFrame> got = frames(file, BagFilter.ALL);
    assertThat(got).hasSameSizeAs(reference);
    for (int i = 0; i < got.size(); i++) {
      assertThat(got.get(i).cloud()).isEqualTo(reference.get(i).cloud());
      assertThat(got.get(i).index()).isEqualTo(reference.get(i).index());
    }
    assertThat(got.get(0).cloud().channelNames()).contains(Channel.INTENSITY, "ring", "range");
  }
}

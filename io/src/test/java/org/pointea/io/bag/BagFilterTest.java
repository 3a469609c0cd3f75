package org.pointea.io.bag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pointea.io.bag.BagFixtures.CAMERA_TOPIC;
import static org.pointea.io.bag.BagFixtures.IMU_TOPIC;
import static org.pointea.io.bag.BagFixtures.LIDAR_TOPIC;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Topic, time-window and every-K selection, the same on every format. */
class BagFilterTest {
  static final List<String> LIDAR = BagFixtures.LIDAR;
  static final long T0 = 1_700_000_000_000_000_000L;
  static final long MS = 1_000_000L;

  @Test
  void validatesItsArguments() {
    assertThatThrownBy(() -> BagFilter.builder().optEvery(0).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("every");
    assertThatThrownBy(() -> BagFilter.builder().optStartNs(5).optEndNs(4).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before it starts");
    BagFilter f = BagFilter.builder().optTopics("/a").optStartNs(10).optEndNs(20).build();
    assertThat(f.wantsTopic("/a")).isTrue();
    assertThat(f.wantsTopic("/b")).isFalse();
    assertThat(f.wantsTime(10)).isTrue();
    assertThat(f.wantsTime(20)).isTrue();
    assertThat(f.wantsTime(21)).isFalse();
    assertThat(f.overlaps(0, 10)).isTrue();
    assertThat(f.overlaps(21, 30)).isFalse();
    assertThat(BagFilter.ALL.wantsTopic("/anything")).isTrue();
  }

  @ParameterizedTest
  @FieldSource("LIDAR")
  void topicSelectsOneStream(String file) throws IOException {
    List<CloudFrame> lidar = BagReaderTest.frames(file, BagFilter.topics(LIDAR_TOPIC));
    assertThat(lidar).extracting(CloudFrame::topic).containsOnly(LIDAR_TOPIC);
    assertThat(lidar).extracting(CloudFrame::index).containsExactly(0L, 1L, 2L, 3L);
    assertThat(lidar).extracting(CloudFrame::frameId).containsOnly("os_sensor");
    // naming a non-cloud topic gives no frames, but its messages
    assertThat(BagReaderTest.frames(file, BagFilter.topics(IMU_TOPIC))).isEmpty();
    List<BagMessage> imu = new ArrayList<>();
    try (BagReader bag = BagReader.open(BagFixtures.file(file))) {
      bag.messages(BagFilter.topics(IMU_TOPIC)).forEachRemaining(imu::add);
    }
    assertThat(imu).hasSize(25).extracting(BagMessage::index).startsWith(0L, 1L, 2L);
  }

  @ParameterizedTest
  @FieldSource("LIDAR")
  void timeWindowIncludesBothEnds(String file) throws IOException {
    // lidar frames are logged at T0 + 100k + 7 ms; the window holds frames 1 and 2 exactly
    BagFilter f = BagFilter.builder().optTopics(LIDAR_TOPIC)
        .optStartNs(T0 + 107 * MS).optEndNs(T0 + 207 * MS).build();
    List<CloudFrame> got = BagReaderTest.frames(file, f);
    assertThat(got).extracting(CloudFrame::timeNs).containsExactly(T0 + 107 * MS, T0 + 207 * MS);
    assertThat(got).extracting(CloudFrame::stampNs).containsExactly(T0 + 100 * MS, T0 + 200 * MS);
    assertThat(got).extracting(CloudFrame::index).containsExactly(0L, 1L);
  }

  @ParameterizedTest
  @FieldSource("LIDAR")
  void everyKeepsEveryKthOfEachTopic(String file) throws IOException {
    List<CloudFrame> got = BagReaderTest.frames(file, BagFilter.builder().optEvery(2).build());
    assertThat(got).filteredOn(f -> f.topic().equals(LIDAR_TOPIC))
        .extracting(CloudFrame::index).containsExactly(0L, 2L);
    assertThat(got).filteredOn(f -> f.topic().equals(CAMERA_TOPIC))
        .extracting(CloudFrame::index).containsExactly(0L, 2L);
  }
}

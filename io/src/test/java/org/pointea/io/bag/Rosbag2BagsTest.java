package org.pointea.io.bag;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bags recorded by rosbag2 itself (its talker test bags: SQLite storage, and MCAP written by the Go
 * MCAP library): topics and counts as rosbag2's metadata.yaml lists them, no clouds, and the
 * std_msgs/String payloads.
 */
class Rosbag2BagsTest {
  static final long START = 1585866235112411371L;
  static final long DURATION = 4531096768L;

  @ParameterizedTest
  @ValueSource(strings = {"rosbag2/talker.db3", "rosbag2/talker.mcap"})
  void readsWhatRosbag2Recorded(String file) throws IOException {
    try (BagReader bag = BagReader.open(BagFixtures.file(file))) {
      BagInfo info = bag.info();
      assertThat(info.messageCount()).isEqualTo(20);
      assertThat(info.startNs()).isEqualTo(START);
      assertThat(info.endNs()).isEqualTo(START + DURATION);
      assertThat(info.topic("/topic").orElseThrow())
          .isEqualTo(new TopicInfo("/topic", "std_msgs/msg/String", "cdr", 10));
      assertThat(info.topic("/rosout").orElseThrow().messageCount()).isEqualTo(10);
      assertThat(info.topic("/rosout").orElseThrow().type()).isEqualTo("rcl_interfaces/msg/Log");
      assertThat(info.cloudTopics()).isEmpty();
      assertThat(bag.frames(BagFilter.ALL).next()).isNull();

      List<String> text = new ArrayList<>();
      bag.messages(BagFilter.topics("/topic")).forEachRemaining(m -> {
        // CDR std_msgs/String: encapsulation header, uint32 length (with the NUL), bytes, NUL
        int n = (m.data()[4] & 0xFF) | (m.data()[5] & 0xFF) << 8;
        text.add(new String(m.data(), 8, n - 1, StandardCharsets.UTF_8));
      });
      assertThat(text).hasSize(10).startsWith("Hello, world! 0", "Hello, world! 1")
          .endsWith("Hello, world! 9");
    }
  }
}

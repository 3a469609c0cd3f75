package org.pointea.tools.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pointea.io.PointCloudFormatException;
import org.pointea.io.bag.BagCursor;
import org.pointea.io.bag.BagFilter;
import org.pointea.io.bag.BagInfo;
import org.pointea.io.bag.BagMessage;
import org.pointea.io.bag.BagReader;
import org.pointea.io.bag.TopicInfo;
import org.pointea.io.ros.PointCloud2;
import org.pointea.io.ros.PointCloud2Serializer;
import org.pointea.io.ros.PointField;

/**
 * Describes a bag the way {@code pointea info} prints it, as {@code ros2 bag info} and
 * {@code rosbag info} do (storage, duration, start and end, messages per topic), plus, for each
 * point-cloud topic, its points in total and per message, frame ids and fields, read from each
 * message's header (the point data itself is not decoded).
 */
final class BagInspector {
  private BagInspector() {}

  static FileInfo inspect(Path path) throws IOException {
    try (BagReader bag = BagReader.open(path)) {
      BagInfo info = bag.info();
      Map<String, Stats> stats = new LinkedHashMap<>();
      List<String> cloudTopics = info.cloudTopics().stream().map(TopicInfo::name).toList();
      if (!cloudTopics.isEmpty()) {
        BagFilter filter = BagFilter.builder().optTopics(cloudTopics.toArray(String[]::new))
            .build();
        try (BagCursor<BagMessage> messages = bag.messages(filter)) {
          for (BagMessage m = messages.next(); m != null; m = messages.next()) {
            stats.computeIfAbsent(m.topic(), k -> new Stats()).add(bag.name(), m);
          }
        }
      }
      List<FileInfo.Topic> topics = new ArrayList<>();
      long points = 0;
      for (TopicInfo t : info.topics()) {
        Stats s = stats.get(t.name());
        topics.add(new FileInfo.Topic(t.name(), t.type(), t.encoding(), t.messageCount(),
            s == null ? (t.isPointCloud2() ? Stats.EMPTY : null) : s.clouds()));
        points += s == null ? 0 : s.points;
      }
      FileInfo.Bag section = new FileInfo.Bag(info.format().name(), info.indexed(),
          info.compression(), info.messageCount(), info.startNs(), info.endNs(),
          info.durationSeconds(), topics);
      return new FileInfo(path.toString(), "bag", info.format().extension(), null, info.bytes(),
          points, null, null, null, null, null, null, null, null, null, null, null, null, section,
          null);
    }
  }

  /** Point counts, frame ids and fields of one topic's messages. */
  private static final class Stats {
    static final FileInfo.Clouds EMPTY = new FileInfo.Clouds(0, 0, 0, List.of(), List.of(), null);
    long points;
    long min = Long.MAX_VALUE;
    long max;
    final Set<String> frames = new LinkedHashSet<>();
    List<String> fields;
    FileInfo.Grid organized;

    void add(String bag, BagMessage m) throws PointCloudFormatException {
      PointCloud2 msg;
      try {
        // the header only: the point data is not copied
        msg = PointCloud2Serializer.parseInPlace(m.data(), 0, m.data().length,
            m.encoding().equals("cdr")).header();
      } catch (PointCloudFormatException e) {
        throw new PointCloudFormatException(bag, -1, -1, "message " + m.index() + " on "
            + m.topic() + ": " + e.getMessage(), e);
      }
      long n = (long) msg.width() * msg.height();
      points += n;
      min = Math.min(min, n);
      max = Math.max(max, n);
      if (frames.size() < 16) {
        frames.add(msg.frameId());
      }
      if (fields == null) {
        fields = msg.fields().stream().map(PointField::name).toList();
        organized = msg.height() > 1 ? new FileInfo.Grid(msg.width(), msg.height()) : null;
      }
    }

    FileInfo.Clouds clouds() {
      return new FileInfo.Clouds(points, min == Long.MAX_VALUE ? 0 : min, max,
          new ArrayList<>(frames), fields == null ? List.of() : fields, organized);
    }
  }
}

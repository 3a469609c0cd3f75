package org.pointea.tools.cli;

import java.util.Locale;
import java.util.stream.Collectors;
import org.pointea.io.bag.BagFilter;
import org.pointea.io.bag.BagInfo;
import org.pointea.io.bag.TopicInfo;

/**
 * The frame selection the bag commands share ({@code convert}, {@code predict}, {@code render}):
 * the point-cloud topic ({@code --topic}, optional when the bag has exactly one), the time window
 * ({@code --start}/{@code --end}: seconds from the bag's first message, or {@code @EPOCH}
 * absolute seconds) and every K-th frame ({@code --every}).
 */
final class BagFrames {
  private BagFrames() {}

  /**
   * Returns the cloud topic to read.
   *
   * @param bag the bag's name, for messages
   * @param info the bag
   * @param topic the {@code --topic} value, or null
   * @return the topic
   * @throws UserException when it is missing, not a point cloud, or must be chosen
   */
  static String topic(String bag, BagInfo info, String topic) {
    String clouds = info.cloudTopics().stream().map(TopicInfo::name)
        .collect(Collectors.joining(", "));
    if (topic == null) {
      if (info.cloudTopics().size() == 1) {
        return info.cloudTopics().get(0).name();
      }
      throw new UserException(bag + ": " + (info.cloudTopics().isEmpty()
          ? "has no sensor_msgs/PointCloud2 topic"
          : "has " + info.cloudTopics().size() + " point-cloud topics (" + clouds
              + "): choose one with --topic"));
    }
    TopicInfo t = info.topic(topic).orElseThrow(() -> new UserException(bag + ": no topic '"
        + topic + "' (point-cloud topics: " + (clouds.isEmpty() ? "none" : clouds) + ")"));
    if (!t.isPointCloud2()) {
      throw new UserException(bag + ": topic " + topic + " carries " + t.type()
          + ", not sensor_msgs/PointCloud2 (point-cloud topics: "
          + (clouds.isEmpty() ? "none" : clouds) + ")");
    }
    return topic;
  }

  /**
   * Builds the filter of the options.
   *
   * @param info the bag
   * @param topic the cloud topic
   * @param every keep every K-th frame
   * @param start {@code --start}, or null
   * @param end {@code --end}, or null
   * @return the filter
   */
  static BagFilter filter(BagInfo info, String topic, int every, String start, String end) {
    if (every < 1) {
      throw new UserException("--every must be 1 or more, got " + every);
    }
    BagFilter.Builder b = BagFilter.builder().optTopics(topic).optEvery(every);
    if (start != null) {
      b.optStartNs(time(info, start, "--start"));
    }
    if (end != null) {
      b.optEndNs(time(info, end, "--end"));
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new UserException("--end is before --start");
    }
  }

  /** Seconds from the bag's first message, or {@code @EPOCH} seconds since 1970. */
  static long time(BagInfo info, String value, String option) {
    String v = value.strip();
    boolean absolute = v.startsWith("@");
    double s;
    try {
      s = Double.parseDouble(absolute ? v.substring(1) : v);
    } catch (NumberFormatException e) {
      throw new UserException(option + " takes seconds from the bag's start (e.g. 12.5) or "
          + "@EPOCH seconds (e.g. @1700000012.5), got '" + value + "'");
    }
    if (!Double.isFinite(s) || (!absolute && s < 0)) {
      throw new UserException(option + " must be a finite, non-negative number of seconds, got '"
          + value + "'");
    }
    long ns = Math.round(s * 1e9);
    return absolute ? ns : info.startNs() + ns;
  }

  /** The file name of a frame, as {@code pcl_ros bag_to_pcd} names them: its stamp. */
  static String fileName(long stampNs, String extension) {
    return String.format(Locale.ROOT, "%d.%09d.%s", Math.floorDiv(stampNs, 1_000_000_000L),
        Math.floorMod(stampNs, 1_000_000_000L), extension);
  }
}

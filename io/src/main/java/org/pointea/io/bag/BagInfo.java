package org.pointea.io.bag;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a bag holds, as {@code ros2 bag info} / {@code rosbag info} print it: its topics with their
 * types and message counts, and the time range.
 *
 * @param name the file (or directory) name
 * @param format the storage format
 * @param bytes size on disk
 * @param indexed true when the counts come from the bag's index or summary; false when the bag
 *     has none (an unfinished recording) and was scanned
 * @param compression the chunk or message compressions found (e.g. {@code zstd}, {@code bz2});
 *     empty when none
 * @param messageCount messages on all topics
 * @param startNs log time of the first message, ns since the epoch (0 for an empty bag)
 * @param endNs log time of the last message, ns since the epoch (0 for an empty bag)
 * @param topics the topics, in the bag's order
 */
public record BagInfo(
    String name,
    BagFormat format,
    long bytes,
    boolean indexed,
    List<String> compression,
    long messageCount,
    long startNs,
    long endNs,
    List<TopicInfo> topics) {

  /** Validates and freezes the record. */
  public BagInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(format, "format");
    compression = List.copyOf(compression);
    topics = List.copyOf(topics);
  }

  /**
   * Returns the topic of this name.
   *
   * @param topic the name
   * @return the topic, or empty
   */
  public Optional<TopicInfo> topic(String topic) {
    return topics.stream().filter(t -> t.name().equals(topic)).findFirst();
  }

  /** Returns the topics carrying point clouds. */
  public List<TopicInfo> cloudTopics() {
    return topics.stream().filter(TopicInfo::isPointCloud2).toList();
  }

  /** Returns the duration between the first and last message, in seconds. */
  public double durationSeconds() {
    return (endNs - startNs) / 1e9;
  }
}

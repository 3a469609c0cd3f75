package org.pointea.io.bag;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which messages of a bag to read: topics, a log-time window (both ends included, as
 * {@code rosbag}'s {@code read_messages(start_time, end_time)}) and every K-th message per topic.
 * Readers use the bag's index to skip chunks outside the window or without the topics.
 *
 * <pre>{@code
 * BagFilter f = BagFilter.builder().optTopics("/points").optEvery(10)
 *     .optStartNs(t0 + 5_000_000_000L).build();
 * }</pre>
 *
 * @param topics topic names; empty means every topic (every point-cloud topic for frames)
 * @param startNs first log time read, ns since the epoch
 * @param endNs last log time read, ns since the epoch
 * @param every keep the 1st, (1+K)-th, (1+2K)-th, ... message of each topic inside the window
 */
public record BagFilter(Set<String> topics, long startNs, long endNs, int every) {

  /** Every message. */
  public static final BagFilter ALL = builder().build();

  /** Validates and freezes the filter. */
  public BagFilter {
    topics = Set.copyOf(Objects.requireNonNull(topics, "topics"));
    if (every < 1) {
      throw new IllegalArgumentException("every must be >= 1, got " + every);
    }
    if (endNs < startNs) {
      throw new IllegalArgumentException("the window ends (" + endNs + " ns) before it starts ("
          + startNs + " ns)");
    }
  }

  /**
   * Returns the filter that keeps the named topics.
   *
   * @param topics topic names
   * @return the filter
   */
  public static BagFilter topics(String... topics) {
    return builder().optTopics(topics).build();
  }

  /** Returns a builder with every message selected. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns true when a message of this topic is wanted (ignoring time and {@code every}).
   *
   * @param topic the topic name
   * @return whether the topic passes
   */
  public boolean wantsTopic(String topic) {
    return topics.isEmpty() || topics.contains(topic);
  }

  /**
   * Returns true when a log time is inside the window.
   *
   * @param timeNs log time, ns
   * @return whether it passes
   */
  public boolean wantsTime(long timeNs) {
    return timeNs >= startNs && timeNs <= endNs;
  }

  /**
   * Returns true when {@code [fromNs, toNs]} overlaps the window.
   *
   * @param fromNs first time of a chunk
   * @param toNs last time of a chunk
   * @return whether the chunk may hold wanted messages
   */
  public boolean overlaps(long fromNs, long toNs) {
    return toNs >= startNs && fromNs <= endNs;
  }

  /** Builds a {@link BagFilter}. */
  public static final class Builder {
    private final Set<String> topics = new LinkedHashSet<>();
    private long startNs = Long.MIN_VALUE;
    private long endNs = Long.MAX_VALUE;
    private int every = 1;

    private Builder() {}

    /**
     * Keeps these topics only (adds to those given before).
     *
     * @param names topic names
     * @return this builder
     */
    public Builder optTopics(String... names) {
      topics.addAll(Arrays.asList(names));
      return this;
    }

    /**
     * Skips messages logged before this time.
     *
     * @param ns ns since the epoch
     * @return this builder
     */
    public Builder optStartNs(long ns) {
      this.startNs = ns;
      return this;
    }

    /**
     * Skips messages logged after this time.
     *
     * @param ns ns since the epoch
     * @return this builder
     */
    public Builder optEndNs(long ns) {
      this.endNs = ns;
      return this;
    }

    /**
     * Keeps every K-th message of each topic (the first one included).
     *
     * @param k at least 1
     * @return this builder
     */
    public Builder optEvery(int k) {
      this.every = k;
      return this;
    }

    /**
     * Builds the filter.
     *
     * @return the filter
     * @throws IllegalArgumentException when {@code every < 1} or the window is empty
     */
    public BagFilter build() {
      return new BagFilter(topics, startNs, endNs, every);
    }
  }
}

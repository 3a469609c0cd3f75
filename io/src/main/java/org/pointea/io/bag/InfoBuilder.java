package org.pointea.io.bag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Accumulates topics, message counts, the time range and compressions into a {@link BagInfo}. */
final class InfoBuilder {
  private final Map<String, TopicInfo> topics = new LinkedHashMap<>();
  private final Set<String> compression = new LinkedHashSet<>();
  private long messages;
  private long start = Long.MAX_VALUE;
  private long end = Long.MIN_VALUE;

  /** Declares a topic (with no messages yet), keeping the order of first declaration. */
  InfoBuilder topic(String name, String type, String encoding) {
    topics.putIfAbsent(name, new TopicInfo(name, type, encoding, 0));
    return this;
  }

  /** Adds {@code count} messages to a declared topic. */
  InfoBuilder count(String name, long count) {
    TopicInfo t = topics.get(name);
    if (t != null) {
      topics.put(name, new TopicInfo(t.name(), t.type(), t.encoding(), t.messageCount() + count));
    }
    messages += count;
    return this;
  }

  /** Widens the time range; empty ranges ({@code from > to}) are ignored. */
  InfoBuilder time(long from, long to) {
    if (from <= to) {
      start = Math.min(start, from);
      end = Math.max(end, to);
    }
    return this;
  }

  /** Records a compression (none is not recorded). */
  InfoBuilder compression(String name) {
    if (!Decompression.isNone(name)) {
      compression.add(name);
    }
    return this;
  }

  /** Adds another storage file's description (a split bag). */
  InfoBuilder add(BagInfo other) {
    for (TopicInfo t : other.topics()) {
      topic(t.name(), t.type(), t.encoding());
      TopicInfo mine = topics.get(t.name());
      topics.put(t.name(), new TopicInfo(mine.name(), mine.type(), mine.encoding(),
          mine.messageCount() + t.messageCount()));
    }
    messages += other.messageCount();
    if (other.messageCount() > 0) {
      time(other.startNs(), other.endNs());
    }
    compression.addAll(other.compression());
    return this;
  }

  BagInfo build(String name, BagFormat format, long bytes, boolean indexed) {
    List<TopicInfo> list = new ArrayList<>(topics.values());
    boolean any = start <= end;
    return new BagInfo(name, format, bytes, indexed, new ArrayList<>(compression), messages,
        any ? start : 0, any ? end : 0, list);
  }
}

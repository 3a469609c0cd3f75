package org.pointea.io.bag;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.pointea.io.PointCloudFormatException;
import org.pointea.io.ReadOptions;
import org.pointea.io.internal.Input;
import org.pointea.io.ros.PointCloud2;
import org.pointea.io.ros.PointCloud2Serializer;

/**
 * Reads a robot recording, streaming: ROS 2 bags in MCAP or rosbag2 SQLite ({@code .db3}) storage
 * (a file, or a rosbag2 bag directory of one or more storage files) and ROS 1 bags (v2.0). The
 * format comes from the file's first bytes.
 *
 * <p>{@link #frames} decodes the {@code sensor_msgs/PointCloud2} messages into {@link CloudFrame}s
 * and skips every other topic; {@link #messages} gives any topic's serialized bytes. Both hold at
 * most one chunk (MCAP, ROS 1) or one message (SQLite) in memory, and use the bag's index, when it
 * has one, to skip chunks outside the filter. Messages come in stored order (log-time order for
 * bags written by rosbag2, {@code rosbag record} and the MCAP writers). A bag without an index (an
 * unfinished recording) is read by a linear scan; a truncated one yields every complete message
 * and then fails with a {@link PointCloudFormatException} giving the offset where the bytes end.
 *
 * <p>Not thread-safe; close it when done.
 *
 * <pre>{@code
 * try (BagReader bag = BagReader.open(Path.of("run_0.mcap"))) {
 *   BagInfo info = bag.info();                       // topics, counts, time range
 *   bag.frames(BagFilter.topics("/os_cloud_node/points")).forEachRemaining(f ->
 *       System.out.println(f.timeNs() + " " + f.frameId() + " " + f.cloud().size()));
 * }
 * }</pre>
 */
public abstract class BagReader implements Closeable {

  BagReader() {}

  /**
   * Opens a bag: an {@code .mcap}, {@code .db3} or ROS 1 {@code .bag} file, or a rosbag2 bag
   * directory (its storage files are read in order; {@code metadata.yaml} is not needed).
   *
   * @param path the file or directory
   * @return the reader
   * @throws IOException when it is missing, not a bag, or its header or index is malformed
   */
  public static BagReader open(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      return SplitBag.openDirectory(path);
    }
    if (!Files.exists(path)) {
      throw new NoSuchFileException(path.toString());
    }
    BagFormat format = BagFormat.detect(path).orElse(null);
    if (format == null) {
      throw notABag(path.toString(), head(path));
    }
    return switch (format) {
      case MCAP -> McapBag.open(Input.open(path));
      case ROS1 -> Ros1Bag.open(Input.open(path));
      case ROSBAG2_SQLITE -> SqliteBag.openDatabase(path);
    };
  }

  /**
   * Opens a bag held in memory (MCAP or ROS 1; SQLite needs a file).
   *
   * @param bytes the bag's bytes (not copied)
   * @param name the name used in error messages
   * @return the reader
   * @throws IOException when the bytes are not an MCAP or ROS 1 bag, or are malformed
   */
  public static BagReader open(byte[] bytes, String name) throws IOException {
    BagFormat format = BagFormat.fromMagic(bytes, bytes.length).orElse(null);
    if (format == null) {
      throw notABag(name, bytes);
    }
    return switch (format) {
      case MCAP -> McapBag.open(Input.of(bytes, name));
      case ROS1 -> Ros1Bag.open(Input.of(bytes, name));
      case ROSBAG2_SQLITE -> throw new PointCloudFormatException(name, -1, 0,
          "a rosbag2 SQLite bag is read from a file, not from memory");
    };
  }

  private static byte[] head(Path path) throws IOException {
    try (var in = Files.newInputStream(path)) {
      return in.readNBytes(16);
    }
  }

  private static PointCloudFormatException notABag(String name, byte[] head) {
    if (BagFormat.isOldRos1(head, head.length)) {
      String version = new String(head, 8, head.length - 8,
          java.nio.charset.StandardCharsets.US_ASCII).split("\\s", 2)[0];
      return new PointCloudFormatException(name, 1, 0, "ROS 1 bag format " + version
          + " is not supported (pointea reads V2.0; `rosbag fix` converts older bags)");
    }
    return new PointCloudFormatException(name, -1, 0,
        "not a bag: no MCAP, ROS 1 (#ROSBAG V2.0) or SQLite signature");
  }

  /** Returns the storage format. */
  public abstract BagFormat format();

  /** Returns the file or directory name used in messages. */
  public abstract String name();

  /**
   * Describes the bag: topics, counts and time range, from its index or summary when it has one,
   * else from a scan of the whole bag.
   *
   * @return the description
   * @throws IOException when the bag is malformed or unreadable
   */
  public abstract BagInfo info() throws IOException;

  /**
   * Returns the stored messages, pre-filtered by topic and time where the index allows (callers
   * check again).
   */
  abstract RawCursor raw(BagFilter filter) throws IOException;

  /**
   * Iterates the serialized messages the filter selects, on any topic.
   *
   * @param filter topics, time window, every K-th
   * @return the cursor
   * @throws IOException when the bag cannot be read
   */
  public BagCursor<BagMessage> messages(BagFilter filter) throws IOException {
    RawCursor raw = raw(filter);
    Selection selection = new Selection(filter);
    return new BagCursor<>() {
      @Override
      public BagMessage next() throws IOException {
        for (RawMessage m = raw.next(); m != null; m = raw.next()) {
          long index = selection.accept(m, false);
          if (index >= 0) {
            Connection c = m.connection();
            byte[] data = java.util.Arrays.copyOfRange(m.buffer(), m.offset(),
                m.offset() + m.length());
            return new BagMessage(c.topic(), c.type(), c.encoding(), index, m.timeNs(), data);
          }
        }
        return null;
      }

      @Override
      public void close() throws IOException {
        raw.close();
      }
    };
  }

  /**
   * Iterates the point clouds of the filter's topics (every point-cloud topic when it names none),
   * each message decoded as {@code pcl::fromROSMsg} does; messages of other types are skipped.
   *
   * @param filter topics, time window, every K-th
   * @return the cursor
   * @throws IOException when the bag cannot be read
   */
  public BagCursor<CloudFrame> frames(BagFilter filter) throws IOException {
    return frames(filter, ReadOptions.DEFAULT);
  }

  /**
   * Iterates the point clouds of the filter's topics, decoded with read options (channels to keep,
   * removal of non-finite points).
   *
   * @param filter topics, time window, every K-th
   * @param options how each cloud is decoded
   * @return the cursor
   * @throws IOException when the bag cannot be read
   */
  public BagCursor<CloudFrame> frames(BagFilter filter, ReadOptions options) throws IOException {
    RawCursor raw = raw(filter);
    Selection selection = new Selection(filter);
    return new BagCursor<>() {
      @Override
      public CloudFrame next() throws IOException {
        for (RawMessage m = raw.next(); m != null; m = raw.next()) {
          long index = selection.accept(m, true);
          if (index >= 0) {
            return decode(m, index, options);
          }
        }
        return null;
      }

      @Override
      public void close() throws IOException {
        raw.close();
      }
    };
  }

  private CloudFrame decode(RawMessage m, long index, ReadOptions options)
      throws PointCloudFormatException {
    Connection c = m.connection();
    try {
      // the point data is decoded where it lies in the chunk: no copy of it
      PointCloud2Serializer.InPlace parsed = PointCloud2Serializer.parseInPlace(m.buffer(),
          m.offset(), m.length(), c.isCdr());
      PointCloud2 msg = parsed.header();
      long sec = c.isCdr() ? msg.stampSec() : Integer.toUnsignedLong(msg.stampSec());
      long stamp = sec * 1_000_000_000L + Integer.toUnsignedLong(msg.stampNanosec());
      return new CloudFrame(c.topic(), index, m.timeNs(), stamp, msg.frameId(),
          parsed.decode(options));
    } catch (PointCloudFormatException e) {
      throw new PointCloudFormatException(name(), -1, m.fileOffset(), "message " + index + " on "
          + c.topic() + " (log time " + m.timeNs() + " ns): " + e.getMessage(), e);
    }
  }

  /** Applies the topic, time and every-K rules; numbers the messages of each topic. */
  private static final class Selection {
    private final BagFilter filter;
    private final Map<String, long[]> counts = new HashMap<>();

    Selection(BagFilter filter) {
      this.filter = filter;
    }

    /** Returns the message's index on its topic when it is selected, else -1. */
    long accept(RawMessage m, boolean cloudsOnly) {
      Connection c = m.connection();
      if (!filter.wantsTopic(c.topic()) || !filter.wantsTime(m.timeNs())
          || (cloudsOnly && !c.isPointCloud2())) {
        return -1;
      }
      long index = counts.computeIfAbsent(c.topic(), k -> new long[1])[0]++;
      return index % filter.every() == 0 ? index : -1;
    }
  }
}

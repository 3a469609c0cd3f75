package org.pointea.io.bag;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/** The bag formats {@link BagReader} reads, told apart by their first bytes. */
public enum BagFormat {
  /** MCAP (the ROS 2 default since Iron; also Foxglove's recording format). */
  MCAP("mcap"),
  /** ROS 1 bag, format version 2.0 ({@code rosbag record}). */
  ROS1("bag"),
  /** rosbag2's SQLite storage ({@code .db3}, the ROS 2 default up to Humble). */
  ROSBAG2_SQLITE("db3");

  static final byte[] MCAP_MAGIC = {(byte) 0x89, 'M', 'C', 'A', 'P', '0', '\r', '\n'};
  static final byte[] ROS1_MAGIC = "#ROSBAG V2.0\n".getBytes(StandardCharsets.US_ASCII);
  static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

  private final String extension;

  BagFormat(String extension) {
    this.extension = extension;
  }

  /** Returns the usual file extension, without the dot. */
  public String extension() {
    return extension;
  }

  /**
   * Returns the format the first bytes announce.
   *
   * @param head the first bytes (16 suffice)
   * @param length number of valid bytes in {@code head}
   * @return the format, or empty
   */
  public static Optional<BagFormat> fromMagic(byte[] head, int length) {
    if (startsWith(head, length, MCAP_MAGIC)) {
      return Optional.of(MCAP);
    }
    if (startsWith(head, length, ROS1_MAGIC)) {
      return Optional.of(ROS1);
    }
    if (startsWith(head, length, SQLITE_MAGIC)) {
      return Optional.of(ROSBAG2_SQLITE);
    }
    return Optional.empty();
  }

  /**
   * Returns the format of a file, from its first bytes.
   *
   * @param file the file
   * @return the format, or empty when it is not a bag
   * @throws IOException when it cannot be read
   */
  public static Optional<BagFormat> detect(Path file) throws IOException {
    byte[] head = new byte[16];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    }
    return fromMagic(head, n);
  }

  /** Returns true when a ROS 1 bag starts with an older version line ({@code #ROSBAG V1.2}). */
  static boolean isOldRos1(byte[] head, int length) {
    byte[] prefix = "#ROSBAG V".getBytes(StandardCharsets.US_ASCII);
    return startsWith(head, length, prefix) && !startsWith(head, length, ROS1_MAGIC);
  }

  private static boolean startsWith(byte[] head, int length, byte[] magic) {
    return length >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length);
  }
}

package org.pointea.io.bag;

import java.util.Objects;

/**
 * One serialized message of a bag, as stored.
 *
 * @param topic the topic name
 * @param type the message type ({@code sensor_msgs/msg/Imu}, {@code sensor_msgs/Imu}, ...)
 * @param encoding {@code cdr} (ROS 2) or {@code ros1}
 * @param index 0-based number of the message on its topic within the filter's time window
 * @param timeNs log (receive) time, ns since the epoch
 * @param data the serialized message: CDR with its 4-byte encapsulation header, or ROS 1 bytes
 */
public record BagMessage(
    String topic, String type, String encoding, long index, long timeNs, byte[] data) {
  /** Validates the record. */
  public BagMessage {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(encoding, "encoding");
    Objects.requireNonNull(data, "data");
  }
}

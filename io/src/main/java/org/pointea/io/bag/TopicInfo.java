package org.pointea.io.bag;

import java.util.Objects;

/**
 * One topic of a bag: its name, message type, encoding and how many messages it holds.
 *
 * @param name the topic, e.g. {@code /os_cloud_node/points}
 * @param type the message type as the bag names it ({@code sensor_msgs/msg/PointCloud2} in ROS 2,
 *     {@code sensor_msgs/PointCloud2} in ROS 1)
 * @param encoding the serialization: {@code cdr} (ROS 2) or {@code ros1}
 * @param messageCount messages on the topic
 */
public record TopicInfo(String name, String type, String encoding, long messageCount) {

  /** ROS 2's name of the point-cloud message type. */
  public static final String POINT_CLOUD2 = "sensor_msgs/msg/PointCloud2";
  /** ROS 1's name of the point-cloud message type. */
  public static final String POINT_CLOUD2_ROS1 = "sensor_msgs/PointCloud2";

  /** Validates the record. */
  public TopicInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(encoding, "encoding");
  }

  /** Returns true when the topic carries {@code sensor_msgs/PointCloud2} messages pointea decodes. */
  public boolean isPointCloud2() {
    return isPointCloud2(type, encoding);
  }

  static boolean isPointCloud2(String type, String encoding) {
    return (type.equals(POINT_CLOUD2) || type.equals(POINT_CLOUD2_ROS1))
        && (encoding.equals("cdr") || encoding.equals("ros1"));
  }
}

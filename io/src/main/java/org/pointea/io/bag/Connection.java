package org.pointea.io.bag;

/**
 * A topic as one storage file declares it (an MCAP channel with its schema, a ROS 1 connection, a
 * rosbag2 topics row).
 *
 * @param id the file's id for it
 * @param topic topic name
 * @param type message type
 * @param encoding {@code cdr} or {@code ros1} (other encodings are kept as written)
 */
record Connection(int id, String topic, String type, String encoding) {
  boolean isPointCloud2() {
    return TopicInfo.isPointCloud2(type, encoding);
  }

  boolean isCdr() {
    return encoding.equals("cdr");
  }
}

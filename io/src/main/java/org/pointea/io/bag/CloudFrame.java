package org.pointea.io.bag;

import java.util.Objects;
import org.pointea.pointcloud.PointCloud;

/**
 * One decoded {@code sensor_msgs/PointCloud2} message of a bag.
 *
 * @param topic the topic
 * @param index 0-based number of the message on its topic within the filter's time window (the
 *     messages {@code every} skips are counted: with the whole bag selected it names the same
 *     message in every run)
 * @param timeNs log (receive) time, ns since the epoch
 * @param stampNs the message header's stamp, ns since the epoch
 * @param frameId the message header's frame id
 * @param cloud the points (organized when the message's height is above 1)
 */
public record CloudFrame(
    String topic, long index, long timeNs, long stampNs, String frameId, PointCloud cloud) {
  /** Validates the record. */
  public CloudFrame {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(frameId, "frameId");
    Objects.requireNonNull(cloud, "cloud");
  }
}

/**
 * Robot recordings: ROS 2 bags in MCAP and rosbag2 SQLite storage and ROS 1 bags, read as a stream
 * of {@code (topic, time, PointCloud)} frames ({@link org.pointea.io.bag.BagReader#frames}) or of
 * serialized messages, with memory bounded by one chunk.
 */
package org.pointea.io.bag;

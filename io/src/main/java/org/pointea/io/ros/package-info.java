/**
 * ROS {@code sensor_msgs/PointCloud2} without a ROS dependency: the message as plain records, its
 * conversion to and from {@link org.pointea.pointcloud.PointCloud} (datatypes 1-8, either byte
 * order, any point_step / row_step), and its ROS 1 and ROS 2 (CDR) wire encodings, as found in
 * bag files.
 */
package org.pointea.io.ros;

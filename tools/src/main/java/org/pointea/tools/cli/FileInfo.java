package org.pointea.tools.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What {@code pointea info} reports about one file; {@code --json} prints these records as they
 * are (keys as below, absent values left out).
 *
 * @param file the path as given
 * @param format the format ({@code PLY}, {@code PCD}, ...)
 * @param encoding body encoding: {@code ascii}, {@code binary_little_endian}, {@code binary},
 *     {@code binary_compressed}, ...
 * @param dtype element type of NPY and HDF5 point data, e.g. {@code float32}
 * @param bytes file size
 * @param points number of points (of all clouds, for a batch)
 * @param channels per-point channels besides the positions
 * @param bounds bounding box of the finite points in absolute coordinates, or null when none
 * @param organized width and height of an organized cloud, or null
 * @param nonFinite points with a NaN or infinite coordinate
 * @param origin the global origin shift when not zero (absolute = origin + stored)
 * @param viewpoint PCD VIEWPOINT {@code tx ty tz qw qx qy qz} when not the identity
 * @param faces faces in the file (PLY {@code face} element, OFF face count), for meshes
 * @param triangles triangles after fan triangulation, for meshes
 * @param batch the layout of a PointNet HDF5 batch
 * @param array shape and range of an NPY array that is not a cloud (labels, predictions)
 * @param comments PLY header comments
 * @param las the header of a LAS file
 * @param bag the topics and time range of a bag
 * @param error why the file could not be read ({@code info} on several files keeps going)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "file", "format", "encoding", "dtype", "bytes", "points", "channels", "bounds", "organized",
  "non_finite", "origin", "viewpoint", "faces", "triangles", "batch", "array", "comments", "las",
  "bag", "error"
})
public record FileInfo(
    @JsonProperty("file") String file,
    @JsonProperty("format") String format,
    @JsonProperty("encoding") String encoding,
    @JsonProperty("dtype") String dtype,
    @JsonProperty("bytes") Long bytes,
    @JsonProperty("points") Long points,
    @JsonProperty("channels") List<ChannelInfo> channels,
    @JsonProperty("bounds") Box bounds,
    @JsonProperty("organized") Grid organized,
    @JsonProperty("non_finite") Long nonFinite,
    @JsonProperty("origin") double[] origin,
    @JsonProperty("viewpoint") double[] viewpoint,
    @JsonProperty("faces") Long faces,
    @JsonProperty("triangles") Long triangles,
    @JsonProperty("batch") Batch batch,
    @JsonProperty("array") ArrayInfo array,
    @JsonProperty("comments") List<String> comments,
    @JsonProperty("las") Las las,
    @JsonProperty("bag") Bag bag,
    @JsonProperty("error") String error) {

  /**
   * Returns the record of a file that could not be read.
   *
   * @param file the path
   * @param error the one-line reason
   * @return the record
   */
  public static FileInfo failed(String file, String error) {
    return new FileInfo(file, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, error);
  }

  /**
   * A channel: its name, element type and values per point.
   *
   * @param name e.g. {@code normals}
   * @param type {@code float} or {@code int}
   * @param width values per point
   */
  public record ChannelInfo(
      @JsonProperty("name") String name,
      @JsonProperty("type") String type,
      @JsonProperty("width") int width) {
    @Override
    public String toString() {
      return width == 1 ? name + " (" + type + ")" : name + " (" + type + " x" + width + ")";
    }
  }

  /**
   * An axis-aligned box.
   *
   * @param min smallest x, y, z
   * @param max largest x, y, z
   */
  public record Box(@JsonProperty("min") double[] min, @JsonProperty("max") double[] max) {}

  /**
   * The grid of an organized cloud.
   *
   * @param width points per row
   * @param height rows
   */
  public record Grid(@JsonProperty("width") int width, @JsonProperty("height") int height) {}

  /**
   * A PointNet HDF5 batch.
   *
   * @param clouds clouds in the file
   * @param pointsPerCloud points of each cloud
   * @param classes distinct class labels
   * @param labelRange smallest and largest class label
   * @param partRange smallest and largest per-point part id ({@code pid}), or null
   * @param datasets every dataset of the file
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Batch(
      @JsonProperty("clouds") int clouds,
      @JsonProperty("points_per_cloud") int pointsPerCloud,
      @JsonProperty("classes") int classes,
      @JsonProperty("label_range") int[] labelRange,
      @JsonProperty("part_range") int[] partRange,
      @JsonProperty("datasets") List<DatasetInfo> datasets) {}

  /**
   * One HDF5 dataset.
   *
   * @param name its path
   * @param shape its dimensions
   * @param dtype element type, e.g. {@code float32}
   * @param filters compression filters, e.g. {@code deflate}
   */
  public record DatasetInfo(
      @JsonProperty("name") String name,
      @JsonProperty("shape") int[] shape,
      @JsonProperty("dtype") String dtype,
      @JsonProperty("filters") List<String> filters) {}

  /**
   * An NPY array that is not a cloud.
   *
   * @param shape its dimensions
   * @param min smallest value, or null when empty
   * @param max largest value, or null when empty
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ArrayInfo(
      @JsonProperty("shape") int[] shape,
      @JsonProperty("min") Double min,
      @JsonProperty("max") Double max) {}

  /**
   * The header of a LAS file.
   *
   * @param version e.g. {@code 1.4}
   * @param pointFormat 0 to 10
   * @param recordLength bytes per point record
   * @param scale x, y, z scale factors
   * @param offset x, y, z offsets
   * @param crs the coordinate reference system it declares, or null
   * @param systemIdentifier who recorded it
   * @param generatingSoftware what wrote it
   * @param created creation date (ISO), or null
   * @param pointsByReturn points of return 1, 2, ... (trailing zeros left out)
   * @param classes points per classification, by class
   * @param extraBytes the extra-bytes fields
   * @param vlrs the records, as {@code user_id/record_id}
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Las(
      @JsonProperty("version") String version,
      @JsonProperty("point_format") int pointFormat,
      @JsonProperty("record_length") int recordLength,
      @JsonProperty("scale") double[] scale,
      @JsonProperty("offset") double[] offset,
      @JsonProperty("crs") String crs,
      @JsonProperty("system_identifier") String systemIdentifier,
      @JsonProperty("generating_software") String generatingSoftware,
      @JsonProperty("created") String created,
      @JsonProperty("points_by_return") long[] pointsByReturn,
      @JsonProperty("classes") java.util.Map<Integer, Long> classes,
      @JsonProperty("extra_bytes") List<String> extraBytes,
      @JsonProperty("vlrs") List<String> vlrs) {}

  /**
   * A robot recording: storage, time range and topics.
   *
   * @param storage {@code MCAP}, {@code ROS1} or {@code ROSBAG2_SQLITE}
   * @param indexed whether the counts come from the bag's index (else from a scan)
   * @param compression chunk or message compressions
   * @param messages messages on all topics
   * @param startNs first log time, ns since the epoch
   * @param endNs last log time, ns since the epoch
   * @param durationSeconds time between them
   * @param topics every topic
   */
  public record Bag(
      @JsonProperty("storage") String storage,
      @JsonProperty("indexed") boolean indexed,
      @JsonProperty("compression") List<String> compression,
      @JsonProperty("messages") long messages,
      @JsonProperty("start_ns") long startNs,
      @JsonProperty("end_ns") long endNs,
      @JsonProperty("duration_s") double durationSeconds,
      @JsonProperty("topics") List<Topic> topics) {}

  /**
   * One topic of a bag.
   *
   * @param name the topic
   * @param type its message type
   * @param encoding {@code cdr} or {@code ros1}
   * @param messages its messages
   * @param clouds for a point-cloud topic: points and frames
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Topic(
      @JsonProperty("name") String name,
      @JsonProperty("type") String type,
      @JsonProperty("encoding") String encoding,
      @JsonProperty("messages") long messages,
      @JsonProperty("clouds") Clouds clouds) {}

  /**
   * The point clouds of one topic, from each message's header.
   *
   * @param points points in all its messages
   * @param minPoints fewest points in one message
   * @param maxPoints most points in one message
   * @param frameIds the header frame ids seen
   * @param fields the point fields of its first message
   * @param organized width x height of its first message when height is above 1, or null
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Clouds(
      @JsonProperty("points") long points,
      @JsonProperty("min_points") long minPoints,
      @JsonProperty("max_points") long maxPoints,
      @JsonProperty("frame_ids") List<String> frameIds,
      @JsonProperty("fields") List<String> fields,
      @JsonProperty("organized") Grid organized) {}
}

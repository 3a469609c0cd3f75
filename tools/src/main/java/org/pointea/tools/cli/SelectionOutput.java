package org.pointea.tools.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.pointea.io.WriteOptions;
import org.pointea.pointcloud.Indices;
import org.pointea.pointcloud.PointCloud;
import picocli.CommandLine;

/**
 * Writes what the geometry commands ({@code outliers}, {@code plane}, {@code crop}, {@code
 * select}) keep: the selected points of the input, every channel carried along, and optionally
 * the others to a second file; warns about channels the output format cannot hold, as {@code
 * convert} does.
 */
final class SelectionOutput {
  private SelectionOutput() {}

  /**
   * Writes the selected points, and the rest when {@code restFile} is given.
   *
   * @param spec the running command, for warnings
   * @param cloud the input cloud
   * @param kept the indices kept, ascending
   * @param out the output file
   * @param options its write options
   * @param restFile the file for the other points, or null
   * @param restOptions its write options, or null
   * @throws IOException on a write error
   */
  static void write(CommandLine.Model.CommandSpec spec, PointCloud cloud, int[] kept, Path out,
      WriteOptions options, Path restFile, WriteOptions restOptions) throws IOException {
    write(spec, out, cloud.select(kept), options);
    if (restFile != null) {
      write(spec, restFile, cloud.select(Indices.complement(kept, cloud.size())), restOptions);
    }
  }

  /**
   * Writes a cloud, warning about the channels the format drops.
   *
   * @param spec the running command
   * @param out the file
   * @param cloud the cloud
   * @param options write options
   * @throws IOException on a write error
   */
  static void write(CommandLine.Model.CommandSpec spec, Path out, PointCloud cloud,
      WriteOptions options) throws IOException {
    var dropped = OutputOptions.droppedChannels(options.format(), cloud);
    if (!dropped.isEmpty()) {
      Commands.log(spec, "warning: " + out + ": " + options.format() + " cannot hold channels "
          + dropped + "; they are not written");
    }
    OutputOptions.write(out, cloud, options);
  }
}

package org.pointea.tools.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pointea.io.PointCloudFormat;
import org.pointea.io.ReadOptions;
import org.pointea.io.WriteOptions;
import org.pointea.io.hdf5.PointNetBatch;
import org.pointea.io.hdf5.PointNetH5Reader;
import org.pointea.io.hdf5.PointNetH5WriteOptions;
import org.pointea.io.hdf5.PointNetH5Writer;
import org.pointea.io.ply.PlyWriteOptions;
import org.pointea.io.ply.PlyWriter;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.TriangleMesh;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pointea convert IN OUT}: any supported format to any other. */
@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    description = {
      "Convert between point-cloud and mesh formats.",
      "",
      "Convert between point-cloud formats (PLY, PCD, OFF,",
      "XYZ/XYZN/XYZRGB/PTS/CSV/TXT, NPY, HDF5), like PCL's pcd2ply/ply2pcd. The input",
      "format comes from the file's signature, the output format from OUT's",
      "extension. Meshes stay meshes between PLY and OFF; otherwise the points are",
      "written. A warning lists the channels the output format cannot hold. HDF5 to",
      "HDF5 keeps the whole batch; to other formats pick a cloud with --index."
    })
public final class ConvertCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "IN", description = "Input file.")
  Path in;

  @Parameters(index = "1", paramLabel = "OUT", description = "Output file; its extension names "
      + "the format (.ply .pcd .off .xyz .xyzn .xyzrgb .pts .csv .txt .npy .h5).")
  Path out;

  @Mixin OutputOptions output;

  @Option(names = "--channels", split = ",", paramLabel = "NAME",
      description = "Channels to keep, comma-separated (normals, colors, intensity, labels, or a"
          + " file's own field names); 'none' keeps positions only. Default: all.")
  List<String> channels;

  @Option(names = "--remove-non-finite", description = "Drop points with a NaN or infinite "
      + "coordinate (the result is unorganized).")
  boolean removeNonFinite;

  @Option(names = "--index", paramLabel = "I", description = "The cloud of an HDF5 batch to "
      + "convert (0-based).")
  Integer index;

  @Option(names = "--points-only", description = "Write the vertices of a mesh as a cloud, "
      + "without its faces.")
  boolean pointsOnly;

  @Override
  public Integer call() throws IOException {
    WriteOptions writeOptions = output.forFile(out);
    PointCloudFormat inFormat = CloudFiles.format(in);
    PointCloudFormat outFormat = writeOptions.format();
    ReadOptions readOptions = readOptions();
    long start = System.nanoTime();

    if (inFormat == PointCloudFormat.HDF5 && outFormat == PointCloudFormat.HDF5 && index == null) {
      PointNetBatch batch = PointNetH5Reader.read(in, readOptions);
      try {
        PointNetH5Writer.write(out, batch, (PointNetH5WriteOptions) writeOptions);
      } catch (IllegalArgumentException e) {
        throw new UserException(out + ": cannot write this batch: " + e.getMessage(), e);
      }
      done(batch.size() + " clouds, " + batch.clouds().stream().mapToLong(PointCloud::size).sum()
          + " points", start);
      return ExitCodes.OK;
    }

    if (!pointsOnly && outFormat.holdsMeshes() && inFormat.holdsMeshes() && channels == null
        && !removeNonFinite) {
      TriangleMesh mesh = CloudFiles.readMeshOrNull(in);
      if (mesh != null) {
        PointCloud vertices = CloudFiles.readCloud(in, ReadOptions.DEFAULT, index);
        if (writeOptions instanceof PlyWriteOptions ply && vertices.size() == mesh.vertexCount()) {
          // PLY keeps every vertex channel (colours, labels, ...) next to the faces
          PlyWriter.writeMesh(out, vertices, mesh.triangles(), ply);
          done(mesh.vertexCount() + " vertices with " + describe(vertices) + ", "
              + mesh.triangleCount() + " triangles", start);
          return ExitCodes.OK;
        }
        List<String> lost = new ArrayList<>(vertices.channelNames());
        lost.remove("normals");
        if (!lost.isEmpty()) {
          Commands.log(spec, "warning: " + out + ": " + outFormat + " meshes keep positions and"
              + " faces; dropped vertex channels " + lost + " (write .ply to keep them, or"
              + " --points-only for the vertices without faces)");
        }
        OutputOptions.writeMesh(out, mesh, writeOptions);
        done(mesh.vertexCount() + " vertices, " + mesh.triangleCount() + " triangles", start);
        return ExitCodes.OK;
      }
    }

    PointCloud cloud = CloudFiles.readCloud(in, readOptions, index);
    requireChannels(cloud);
    if (channels != null && channels.stream().anyMatch(c -> c.strip().equals("none"))) {
      for (String name : cloud.channelNames()) {
        cloud = cloud.withoutChannel(name);
      }
    }
    List<String> dropped = OutputOptions.droppedChannels(outFormat, cloud);
    if (!dropped.isEmpty()) {
      Commands.log(spec, "warning: " + out + ": " + outFormat + " cannot hold channels "
          + dropped + "; they are not written");
    }
    for (String caveat : OutputOptions.caveats(out, outFormat, cloud)) {
      Commands.log(spec, "warning: " + caveat);
    }
    OutputOptions.write(out, cloud, writeOptions);
    done(cloud.size() + " points", start);
    return ExitCodes.OK;
  }

  private ReadOptions readOptions() {
    ReadOptions.Builder b = ReadOptions.builder().optRemoveNonFinite(removeNonFinite);
    if (channels != null) {
      List<String> names = channels.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
      if (names.contains("none") && names.size() > 1) {
        throw new UserException("--channels none cannot be combined with channel names");
      }
      if (!names.contains("none")) {
        b.optChannels(names.toArray(String[]::new));
      }
    }
    return b.build();
  }

  private void requireChannels(PointCloud cloud) throws IOException {
    if (channels == null) {
      return;
    }
    for (String name : channels) {
      String n = name.strip();
      if (n.isEmpty() || n.equals("none")) {
        continue;
      }
      if (!cloud.hasChannel(n)) {
        // the filtered read left the others out: list what the file has
        List<String> has = CloudFiles.readCloud(in, ReadOptions.DEFAULT, index).channelNames();
        throw new UserException(in + ": no channel '" + n + "' (it has "
            + (has.isEmpty() ? "none" : String.join(", ", has)) + ")");
      }
    }
  }

  private static String describe(PointCloud vertices) {
    List<String> names = vertices.channelNames();
    return names.isEmpty() ? "no channels" : String.join(", ", names);
  }

  private void done(String what, long start) {
    Commands.log(spec, String.format(Locale.ROOT, "wrote %s: %s (%.2f s)", out, what,
        (System.nanoTime() - start) / 1e9));
  }
}

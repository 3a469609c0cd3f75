package org.pointea.tools.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pointea.io.ReadOptions;
import org.pointea.io.WriteOptions;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.RandomStreams;
import org.pointea.pointcloud.TriangleMesh;
import org.pointea.pointcloud.sampling.FarthestPointSampler;
import org.pointea.pointcloud.sampling.MeshSampler;
import org.pointea.pointcloud.sampling.RandomSampler;
import org.pointea.pointcloud.sampling.VoxelGrid;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pointea sample IN OUT --method ...}: down-sample a cloud or sample a mesh surface. */
@Command(
    name = "sample",
    mixinStandardHelpOptions = true,
    description = {
      "Down-sample a cloud (fps, random, voxel) or sample a mesh surface.",
      "",
      "  fps      farthest-point sampling of -n points (from --start-index, default",
      "           0, or from a start drawn with --seed), as Open3D's",
      "           farthest_point_down_sample;",
      "  random   -n distinct points drawn uniformly with --seed;",
      "  voxel    one point per occupied voxel of edge --voxel, the centroid of its",
      "           points with channels averaged (labels: majority), as Open3D's",
      "           voxel_down_sample;",
      "  surface  -n points uniformly on the surface of a PLY/OFF mesh (area-",
      "           weighted), with normals, as Open3D's sample_points_uniformly.",
      "Channels are carried along. Points with NaN coordinates are dropped first."
    })
public final class SampleCommand implements Callable<Integer> {

  /** The sampling methods. */
  enum Method {
    FPS, RANDOM, VOXEL, SURFACE;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "IN", description = "Input cloud (a mesh for surface).")
  Path in;

  @Parameters(index = "1", paramLabel = "OUT", description = "Output file; format from the "
      + "extension.")
  Path out;

  @Option(names = {"-m", "--method"}, required = true, paramLabel = "METHOD",
      description = "fps, random, voxel or surface.")
  Method method;

  @Option(names = "-n", paramLabel = "N", description = "Points to keep (fps, random, surface).")
  Integer count;

  @Option(names = "--voxel", paramLabel = "SIZE", description = "Voxel edge length (voxel).")
  Float voxel;

  @Option(names = "--seed", paramLabel = "S", description = "Seed of random, surface, and of "
      + "fps's start point (default 0).")
  Long seed;

  @Option(names = "--start-index", paramLabel = "I", description = "First point of fps "
      + "(default 0).")
  Integer startIndex;

  @Option(names = "--index", paramLabel = "I", description = "The cloud of an HDF5 batch.")
  Integer index;

  @Mixin OutputOptions output;

  @Override
  public Integer call() throws IOException {
    validate();
    WriteOptions writeOptions = output.forFile(out);
    long start = System.nanoTime();
    PointCloud result;
    String from;
    if (method == Method.SURFACE) {
      TriangleMesh mesh = CloudFiles.readMeshOrNull(in);
      if (mesh == null) {
        throw new UserException(in + ": has no faces; surface sampling needs a mesh (PLY or OFF"
            + " with faces)");
      }
      try {
        result = MeshSampler.sample(mesh, count, true, RandomStreams.of(seedOr0()));
      } catch (IllegalArgumentException e) {
        throw new UserException(in + ": " + e.getMessage(), e);
      }
      from = mesh.triangleCount() + " triangles";
    } else {
      PointCloud cloud = CloudFiles.readCloud(in, ReadOptions.DEFAULT, index);
      int total = cloud.size();
      int invalid = cloud.countNonFinite();
      if (invalid > 0) {
        cloud = cloud.removeNonFinite();
        Commands.log(spec, "dropped " + invalid + " points with non-finite coordinates");
      }
      from = total + " points";
      try {
        result = switch (method) {
          case FPS -> fps(cloud);
          case RANDOM -> random(cloud);
          case VOXEL -> VoxelGrid.downsample(cloud, voxel);
          case SURFACE -> throw new AssertionError();
        };
      } catch (IllegalArgumentException e) {
        throw new UserException(in + ": " + e.getMessage(), e);
      }
    }
    var dropped = OutputOptions.droppedChannels(writeOptions.format(), result);
    if (!dropped.isEmpty()) {
      Commands.log(spec, "warning: " + out + ": " + writeOptions.format()
          + " cannot hold channels " + dropped + "; they are not written");
    }
    OutputOptions.write(out, result, writeOptions);
    Commands.log(spec, String.format(Locale.ROOT, "wrote %s: %d points (%s of %s, %.2f s)", out,
        result.size(), method, from, (System.nanoTime() - start) / 1e9));
    return ExitCodes.OK;
  }

  private void validate() {
    boolean needsCount = method != Method.VOXEL;
    if (needsCount && count == null) {
      throw new UserException("--method " + method + " needs -n N");
    }
    if (!needsCount && voxel == null) {
      throw new UserException("--method voxel needs --voxel SIZE");
    }
    if (needsCount && voxel != null) {
      throw new UserException("--voxel applies to --method voxel only");
    }
    if (!needsCount && count != null) {
      throw new UserException("--method voxel takes --voxel SIZE, not -n");
    }
    if (count != null && count < 1) {
      throw new UserException("-n must be at least 1, got " + count);
    }
    if (voxel != null && !(voxel > 0 && Float.isFinite(voxel))) {
      throw new UserException("--voxel must be a positive size, got " + voxel);
    }
    if (startIndex != null && method != Method.FPS) {
      throw new UserException("--start-index applies to --method fps only");
    }
    if (startIndex != null && seed != null) {
      throw new UserException("give fps either --start-index or --seed, not both");
    }
    if (seed != null && method == Method.VOXEL) {
      throw new UserException("--method voxel is deterministic; it takes no --seed");
    }
    if (index != null && method == Method.SURFACE) {
      throw new UserException("--index applies to HDF5 batches, not meshes");
    }
  }

  private PointCloud fps(PointCloud cloud) {
    int n = cloud.size();
    requireEnough(n);
    int first;
    if (startIndex != null) {
      if (startIndex < 0 || startIndex >= n) {
        throw new UserException("--start-index " + startIndex + " is out of range: " + in
            + " has " + n + " finite points");
      }
      first = startIndex;
    } else {
      first = seed == null ? 0 : RandomStreams.of(seed).nextInt(n);
    }
    return cloud.select(FarthestPointSampler.sample(cloud.positions(), n, count, first));
  }

  private PointCloud random(PointCloud cloud) {
    requireEnough(cloud.size());
    return cloud.select(RandomSampler.withoutReplacement(cloud.size(), count,
        RandomStreams.of(seedOr0())));
  }

  private void requireEnough(int n) {
    if (count > n) {
      throw new UserException(in + ": has " + n + " (finite) points; cannot keep -n " + count);
    }
  }

  private long seedOr0() {
    return seed == null ? 0 : seed;
  }
}

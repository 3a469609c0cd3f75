package org.pointea.io.dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.pointea.io.dataset.DatasetDescription.PartInfo;
import org.pointea.io.dataset.DatasetDescription.SizeStats;
import org.pointea.io.dataset.DatasetDescription.SplitInfo;
import org.pointea.io.PointCloudIO;
import org.pointea.io.dataset.DatasetLayout.DatasetLocation;
import org.pointea.io.dataset.source.ClassFolderSource;
import org.pointea.io.dataset.source.ModelNetH5Source;
import org.pointea.io.dataset.source.ModelNetResampledSource;
import org.pointea.io.dataset.source.ShapeEntry;
import org.pointea.io.dataset.source.ShapeNetPartH5Source;
import org.pointea.io.dataset.source.ShapeNetPartNormalSource;
import org.pointea.io.dataset.source.ShapeSource;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.ShapeNetPart;
import org.pointea.pointcloud.TriangleMesh;

/**
 * Describes a dataset folder without building any cache: finds its layout, lists every split it
 * ships (ModelNet: train and test; ShapeNet-part: train, val and test) with shapes per label, and
 * reads a few shapes of each split (spread evenly over the split) for size statistics and, for
 * part segmentation, points per part.
 *
 * <pre>{@code
 * DatasetDescription d = DatasetDescriber.describe(Path.of("data/modelnet40_normal_resampled"));
 * System.out.print(d.toText());
 * String json = d.toJson();
 * }</pre>
 */
public final class DatasetDescriber {
  /** Shapes read per split by {@link #describe(Path)}. */
  public static final int DEFAULT_SCAN = 16;

  private DatasetDescriber() {}

  /**
   * Describes a folder, reading {@link #DEFAULT_SCAN} shapes per split.
   *
   * @param dir the dataset folder (or a folder holding it)
   * @return the description
   * @throws IOException when no layout is found, files are missing or malformed
   */
  public static DatasetDescription describe(Path dir) throws IOException {
    return describe(dir, DEFAULT_SCAN);
  }

  /**
   * Describes a folder.
   *
   * @param dir the dataset folder (or a folder holding it)
   * @param scanPerSplit shapes read per split for the statistics (0: none)
   * @return the description
   * @throws IOException when no layout is found, files are missing or malformed
   */
  public static DatasetDescription describe(Path dir, int scanPerSplit) throws IOException {
    if (scanPerSplit < 0) {
      throw new IllegalArgumentException("scan must be >= 0, got " + scanPerSplit);
    }
    DatasetLocation loc = DatasetLayout.detect(dir)
        .orElseThrow(() -> DatasetNotFoundException.noDataset(dir, null, "point-cloud"));
    DatasetLayout layout = loc.layout();
    boolean modelNet = layout.task() == Task.CLASSIFICATION;
    boolean classFolders = layout == DatasetLayout.CLASS_FOLDERS
        || layout == DatasetLayout.CLASS_FOLDERS_PARTS;
    List<Split> splits = modelNet || classFolders ? List.of(Split.TRAINVAL, Split.TEST)
        : List.of(Split.TRAIN, Split.VAL, Split.TEST);
    List<String> labels = null;
    List<SplitInfo> infos = new ArrayList<>();
    Stats points = new Stats("points per shape");
    Stats vertices = new Stats("vertices per mesh");
    Stats triangles = new Stats("triangles per mesh");
    Map<Integer, Map<Integer, Long>> partPoints = new TreeMap<>();
    boolean normals = false;
    for (Split split : splits) {
      ShapeSource src = open(loc, split);
      normals = src.hasNormals();
      labels = src.classNames();
      List<ShapeEntry> entries = src.entries();
      Map<String, Integer> perLabel = new LinkedHashMap<>();
      int[] counts = new int[labels.size()];
      for (ShapeEntry e : entries) {
        counts[e.label()]++;
      }
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] > 0) {
          perLabel.put(labels.get(i), counts[i]);
        }
      }
      infos.add(new SplitInfo(split == Split.TRAINVAL ? "train" : split.id(), entries.size(),
          perLabel));
      int scan = Math.min(scanPerSplit, entries.size());
      Map<Path, List<ShapeEntry>> byFile = new LinkedHashMap<>();
      for (int s = 0; s < scan; s++) {
        ShapeEntry e = entries.get((int) ((long) s * entries.size() / scan));
        byFile.computeIfAbsent(e.file(), f -> new ArrayList<>()).add(e);
      }
      for (Map.Entry<Path, List<ShapeEntry>> g : byFile.entrySet()) {
        if (classFolders && ClassFolderSource.isMesh(g.getKey())) {
          TriangleMesh m = PointCloudIO.readMesh(g.getKey());
          vertices.add(m.vertexCount());
          triangles.add(m.triangleCount());
          continue;
        }
        List<PointCloud> clouds = src.load(g.getKey(), g.getValue(), 0, false);
        for (int k = 0; k < clouds.size(); k++) {
          PointCloud c = clouds.get(k);
          points.add(c.size());
          if (c.hasLabels()) {
            Map<Integer, Long> m = partPoints.computeIfAbsent(g.getValue().get(k).label(),
                x -> new TreeMap<>());
            for (int p : c.labels()) {
              m.merge(p, 1L, Long::sum);
            }
          }
        }
      }
    }
    List<SizeStats> sizes = new ArrayList<>();
    if (points.n > 0) {
      sizes.add(points.stats());
    }
    if (vertices.n > 0) {
      sizes.add(vertices.stats());
    }
    if (triangles.n > 0) {
      sizes.add(triangles.stats());
    }
    List<PartInfo> parts = new ArrayList<>();
    if (layout == DatasetLayout.CLASS_FOLDERS_PARTS) {
      for (Map.Entry<Integer, Map<Integer, Long>> c : partPoints.entrySet()) {
        parts.add(new PartInfo(labels.get(c.getKey()), new ArrayList<>(c.getValue().keySet()),
            c.getValue()));
      }
    } else if (!modelNet) {
      Set<Integer> present = new java.util.TreeSet<>();
      for (SplitInfo s : infos) {
        for (String name : s.perLabel().keySet()) {
          present.add(ShapeNetPart.categoryIndex(name));
        }
      }
      for (int c : present) {
        List<Integer> ids = new ArrayList<>();
        for (int p : ShapeNetPart.parts(c)) {
          ids.add(p);
        }
        parts.add(new PartInfo(ShapeNetPart.categoryName(c), ids,
            partPoints.getOrDefault(c, Map.of())));
      }
    }
    return new DatasetDescription(loc.root().toString(), layout.name(), layout.title(),
        layout.task().name(), labels, infos, sizes, normals, parts);
  }

  private static ShapeSource open(DatasetLocation loc, Split split) throws IOException {
    Path r = loc.root();
    return switch (loc.layout()) {
      case CLASS_FOLDERS, CLASS_FOLDERS_PARTS ->
          ClassFolderSource.open(loc.layout(), r, ModelNetVariant.AUTO, split, 0, 1);
      case MODELNET_NORMAL_RESAMPLED ->
          ModelNetResampledSource.open(r, ModelNetVariant.AUTO, split, 0);
      case MODELNET_HDF5 -> ModelNetH5Source.open(r, ModelNetVariant.AUTO, split, 0);
      case SHAPENET_PART_NORMAL -> ShapeNetPartNormalSource.open(r, split, Set.of());
      case SHAPENET_PART_HDF5 -> ShapeNetPartH5Source.open(r, split, Set.of());
    };
  }

  /** Running min / max / mean. */
  private static final class Stats {
    final String what;
    int n;
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    double sum;

    Stats(String what) {
      this.what = what;
    }

    void add(long v) {
      n++;
      min = Math.min(min, v);
      max = Math.max(max, v);
      sum += v;
    }

    SizeStats stats() {
      return new SizeStats(what, n, min, max, sum / n);
    }
  }
}

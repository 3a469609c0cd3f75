package org.pointea.io.dataset;

import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import org.pointea.io.dataset.DatasetLayout.DatasetLocation;
import org.pointea.io.dataset.source.ShapeNetPartH5Source;
import org.pointea.io.dataset.source.ShapeNetPartNormalSource;
import org.pointea.io.dataset.source.ShapeSource;
import org.pointea.pointcloud.ShapeNetPart;

/**
 * ShapeNet-part segmentation, read from
 * {@code shapenetcore_partanno_segmentation_benchmark_v0_normal} (text with normals and json
 * splits) or PointNet's HDF5 layout ({@code hdf5_data/}).
 *
 * <p>Each sample's label is its category index (0..15 in {@link ShapeNetPart} order, whatever the
 * line order of the dataset's category file) and its cloud carries the global part id (0..49) of
 * every point in the {@code labels} channel. Shapes are resampled to a fixed number of points:
 * by default with replacement, seeded per shape, as PointNet++ and yanx27 do (their loaders
 * redraw at every access; here the draw is cached, and a per-access {@link
 * org.pointea.pointcloud.transform.FixedPoints} can redraw). Every split the dataset ships is
 * available: train, val, trainval (= train + val) and test.
 *
 * <pre>{@code
 * ShapeNetPartDataset train = ShapeNetPartDataset.builder()
 *     .setRoot(Path.of("data/shapenetcore_partanno_segmentation_benchmark_v0_normal"))
 *     .optSplit(Split.TRAINVAL).optPoints(2048).build();
 * train.prepare();
 * Sample s = train.get(0);
 * int category = s.label();
 * int[] parts = s.cloud().labels();
 * }</pre>
 */
public final class ShapeNetPartDataset extends CachedDataset {
  private final Set<Integer> categories;

  private ShapeNetPartDataset(Builder b) {
    super(b);
    this.categories = Set.copyOf(b.categories);
  }

  /** Returns a builder; {@link Builder#setRoot} is required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Task task() {
    return Task.PART_SEGMENTATION;
  }

  @Override
  protected String datasetName() {
    return "ShapeNet-part";
  }

  @Override
  protected Subsampling defaultSampling(DatasetLayout layout) {
    return layout == DatasetLayout.SHAPENET_PART_NORMAL
        ? Subsampling.RANDOM_WITH_REPLACEMENT : Subsampling.FIRST;
  }

  @Override
  protected ShapeSource openSource(DatasetLocation loc) throws IOException {
    return switch (loc.layout()) {
      case SHAPENET_PART_NORMAL -> ShapeNetPartNormalSource.open(loc.root(), split(), categories);
      case SHAPENET_PART_HDF5 -> ShapeNetPartH5Source.open(loc.root(), split(), categories);
      default -> throw new DatasetNotFoundException(loc.root() + " holds " + loc.layout().title()
          + ", not ShapeNet-part (open it with PartFoldersDataset)", loc.root(), java.util.List.of());
    };
  }

  @Override
  protected void appendParameters(StringBuilder sb) {
    sb.append("categories=").append(categories.isEmpty() ? "all" : new TreeSet<>(categories))
        .append('\n');
  }

  /** Builds a {@link ShapeNetPartDataset}; default 2,048 points, split TRAIN. */
  public static final class Builder extends CachedDataset.BaseBuilder<Builder> {
    private final Set<Integer> categories = new TreeSet<>();

    private Builder() {
      super(2048);
    }

    @Override
    protected Builder self() {
      return this;
    }

    /**
     * Keeps only some categories (default: all), by name or synset, as PyG's
     * {@code categories}.
     *
     * @param namesOrSynsets e.g. {@code "Airplane"}, {@code "03797390"}
     * @return this builder
     */
    public Builder optCategories(String... namesOrSynsets) {
      categories.clear();
      for (String c : namesOrSynsets) {
        categories.add(ShapeNetPart.categoryIndex(c));
      }
      return this;
    }

    /** Returns the dataset (call {@link CachedDataset#prepare()} before reading it). */
    public ShapeNetPartDataset build() {
      return new ShapeNetPartDataset(this);
    }
  }
}

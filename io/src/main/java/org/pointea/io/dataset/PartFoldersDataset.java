package org.pointea.io.dataset;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.pointea.io.dataset.DatasetLayout.DatasetLocation;
import org.pointea.io.dataset.source.ClassFolderSource;
import org.pointea.io.dataset.source.ShapeSource;
import org.pointea.pointcloud.PartTable;

/**
 * Part segmentation of a team's own part-labelled shapes, read from a folder per category
 * ({@link DatasetLayout#CLASS_FOLDERS_PARTS}: {@code <category>/{train,test}/<id>.<ext>}, or
 * split lists) whose files carry a per-point {@code label} field or column.
 *
 * <p>Each sample's label is its category index (the class folders in sorted order, or the lines
 * of {@code classes.txt}) and its cloud carries the part ids as written in the files in the {@code
 * labels} channel. Cache, sampling and validation split are those of {@link ModelNetDataset}'s
 * folder-per-class layout: without a {@code val} folder or list, {@link Split#VAL} is a stratified
 * {@code validationFraction} of the training shapes, {@link Split#TRAIN} the rest and {@link
 * Split#TRAINVAL} all of them. Shapes are resampled to a fixed number of points, by default drawn
 * with replacement (seeded per shape), as ShapeNet-part's text layout.
 *
 * <p>{@link #partTable()} reports which part ids each category uses: the sorted set of ids present
 * in this split's prepared points (after the subsampling). A model trained on the training split
 * records that table and predicts, for a shape of a category, only that category's ids.
 *
 * <pre>{@code
 * PartFoldersDataset train = PartFoldersDataset.builder()
 *     .setRoot(Path.of("data/my-parts")).optSplit(Split.TRAIN).optPoints(1024).build();
 * train.prepare();
 * PartTable parts = train.partTable();   // e.g. PartTable[chair: 0 1 2; lamp: 0 1]
 * }</pre>
 */
public final class PartFoldersDataset extends CachedDataset {
  private final double validationFraction;
  private volatile PartTable partTable;

  private PartFoldersDataset(Builder b) {
    super(b);
    this.validationFraction = b.validationFraction;
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
    return "part-labelled folders";
  }

  @Override
  protected Subsampling defaultSampling(DatasetLayout layout) {
    return Subsampling.RANDOM_WITH_REPLACEMENT;
  }

  @Override
  protected ShapeSource openSource(DatasetLocation loc) throws IOException {
    if (loc.layout() != DatasetLayout.CLASS_FOLDERS_PARTS) {
      throw new DatasetNotFoundException(loc.root() + " holds " + loc.layout().title()
          + ", not a folder per category with per-point labels (open it with ShapeNetPartDataset)",
          loc.root(), List.of());
    }
    partTable = null;
    return ClassFolderSource.open(DatasetLayout.CLASS_FOLDERS_PARTS, loc.root(),
        ModelNetVariant.AUTO, split(), validationFraction, pointsPerShape());
  }

  @Override
  protected void appendParameters(StringBuilder sb) {
    if (split() != Split.TEST) {
      sb.append("validationFraction=").append(validationFraction).append('\n');
    }
  }

  /**
   * Returns which part ids each category uses in this split's prepared points, categories in
   * label order.
   *
   * @return the table
   * @throws IllegalStateException before {@link #prepare()}, or when a category has no shape in
   *     this split (its parts are unknown)
   */
  public PartTable partTable() {
    PartTable t = partTable;
    if (t == null) {
      t = buildTable();
      partTable = t;
    }
    return t;
  }

  private PartTable buildTable() {
    List<String> names = classNames();
    List<TreeSet<Integer>> seen = new ArrayList<>();
    for (int c = 0; c < names.size(); c++) {
      seen.add(new TreeSet<>());
    }
    for (int i = 0; i < size(); i++) {
      TreeSet<Integer> s = seen.get(label(i));
      for (int p : get(i).cloud().labels()) {
        if (p < 0) {
          throw new IllegalStateException("shape " + get(i).id() + " of " + root()
              + " has the negative part id " + p);
        }
        s.add(p);
      }
    }
    List<int[]> ids = new ArrayList<>();
    for (int c = 0; c < names.size(); c++) {
      if (seen.get(c).isEmpty()) {
        throw new IllegalStateException("category '" + names.get(c) + "' has no shape in the "
            + split().id() + " split of " + root() + ": its parts are unknown");
      }
      ids.add(seen.get(c).stream().mapToInt(Integer::intValue).toArray());
    }
    return PartTable.of(names, ids);
  }

  /** Builds a {@link PartFoldersDataset}; default 2,048 points, split TRAIN. */
  public static final class Builder extends CachedDataset.BaseBuilder<Builder> {
    private double validationFraction = 0.1;

    private Builder() {
      super(2048);
    }

    @Override
    protected Builder self() {
      return this;
    }

    /**
     * Sets the part of each category of the training shapes held out as {@link Split#VAL} when
     * the tree has no validation folder or list (default 0.1).
     *
     * @param fraction in {@code [0, 1)}
     * @return this builder
     */
    public Builder optValidationFraction(double fraction) {
      if (!(fraction >= 0 && fraction < 1)) {
        throw new IllegalArgumentException("fraction must be in [0, 1), got " + fraction);
      }
      this.validationFraction = fraction;
      return this;
    }

    /** Returns the dataset (call {@link CachedDataset#prepare()} before reading it). */
    public PartFoldersDataset build() {
      return new PartFoldersDataset(this);
    }
  }
}

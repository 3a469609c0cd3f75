package org.pointea.io.dataset;

import java.io.IOException;
import java.util.Objects;
import org.pointea.io.dataset.DatasetLayout.DatasetLocation;
import org.pointea.io.dataset.source.ModelNetH5Source;
import org.pointea.io.dataset.source.ClassFolderSource;
import org.pointea.io.dataset.source.ModelNetResampledSource;
import org.pointea.io.dataset.source.ShapeSource;

/**
 * ModelNet40 / ModelNet10 shape classification, read from any of the three public layouts (found
 * in the folder by {@link DatasetLayout#detect}):
 *
 * <ul>
 *   <li>{@link DatasetLayout#MODELNET_NORMAL_RESAMPLED} (PointNet++): 10,000 points with normals
 *       per shape; the first N points (PointNet++) or FPS (yanx27 {@code --use_uniform_sample});
 *   <li>{@link DatasetLayout#MODELNET_HDF5} (PointNet): 2,048 points per shape, first N;
 *   <li>{@link DatasetLayout#CLASS_FOLDERS}: a folder per class in any format pointea reads, as
 *       the Princeton meshes ({@code <class>/{train,test}/<id>.off}) or ModelNet40's NumPy
 *       re-release ({@code <class>/{train,test}/<id>.npy}); meshes are surface-sampled with area
 *       weighting to {@code surfacePoints} points with face normals (seeded per shape), clouds
 *       read as they are, then reduced to N.
 * </ul>
 *
 * <p>ModelNet has no validation list: {@link Split#TRAINVAL} is the official training list,
 * {@link Split#VAL} a stratified {@code validationFraction} of it chosen by shape id, and
 * {@link Split#TRAIN} the rest.
 *
 * <pre>{@code
 * ModelNetDataset test = ModelNetDataset.builder()
 *     .setRoot(Path.of("data/modelnet40_normal_resampled"))
 *     .optSplit(Split.TEST).optPoints(1024).optSampling(Subsampling.FPS).build();
 * test.prepare();
 * Sample s = test.get(0);   // s.cloud(): 1024 points with normals, unit sphere; s.label(): class
 * }</pre>
 */
public final class ModelNetDataset extends CachedDataset {
  private final ModelNetVariant variant;
  private final double validationFraction;
  private final int surfacePoints;

  private ModelNetDataset(Builder b) {
    super(b);
    this.variant = b.variant;
    this.validationFraction = b.validationFraction;
    this.surfacePoints = b.surfacePoints > 0 ? b.surfacePoints : pointsPerShape();
  }

  /** Returns a builder; {@link Builder#setRoot} is required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Task task() {
    return Task.CLASSIFICATION;
  }

  @Override
  protected String datasetName() {
    return "ModelNet";
  }

  @Override
  protected ShapeSource openSource(DatasetLocation loc) throws IOException {
    return switch (loc.layout()) {
      case MODELNET_NORMAL_RESAMPLED ->
          ModelNetResampledSource.open(loc.root(), variant, split(), validationFraction);
      case MODELNET_HDF5 ->
          ModelNetH5Source.open(loc.root(), variant, split(), validationFraction);
      case CLASS_FOLDERS -> ClassFolderSource.open(DatasetLayout.CLASS_FOLDERS, loc.root(),
          variant, split(), validationFraction, surfacePoints);
      default -> throw new IllegalStateException(loc.layout() + " is not a ModelNet layout");
    };
  }

  @Override
  protected void appendParameters(StringBuilder sb) {
    sb.append("variant=").append(variant.name()).append('\n');
    if (split() != Split.TEST) {
      sb.append("validationFraction=").append(validationFraction).append('\n');
    }
    sb.append("surfacePoints=").append(surfacePoints).append('\n');
  }

  /** Returns the benchmark variant read. */
  public ModelNetVariant variant() {
    return variant;
  }

  /** Builds a {@link ModelNetDataset}; default 1,024 points, split TRAIN. */
  public static final class Builder extends CachedDataset.BaseBuilder<Builder> {
    private ModelNetVariant variant = ModelNetVariant.AUTO;
    private double validationFraction = 0.1;
    private int surfacePoints;

    private Builder() {
      super(1024);
    }

    @Override
    protected Builder self() {
      return this;
    }

    /**
     * Chooses ModelNet40 or ModelNet10 (default {@link ModelNetVariant#AUTO}).
     *
     * @param v the variant
     * @return this builder
     */
    public Builder optVariant(ModelNetVariant v) {
      this.variant = Objects.requireNonNull(v, "variant");
      return this;
    }

    /**
     * Sets the part of each class of the training list held out as {@link Split#VAL} (default
     * 0.1).
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

    /**
     * Sets how many points are sampled on each mesh of the OFF layout before the subsampling
     * (default: the points per shape, i.e. none; e.g. 10,000 then FPS to 1,024 gives an even
     * cover as the resampled layout's).
     *
     * @param n points, at least 1
     * @return this builder
     */
    public Builder optSurfacePoints(int n) {
      if (n <= 0) {
        throw new IllegalArgumentException("surface points must be > 0, got " + n);
      }
      this.surfacePoints = n;
      return this;
    }

    /** Returns the dataset (call {@link CachedDataset#prepare()} before reading it). */
    public ModelNetDataset build() {
      return new ModelNetDataset(this);
    }
  }
}

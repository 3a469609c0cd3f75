package org.pointea.models.inference;

import java.util.Objects;
import org.pointea.io.dataset.Subsampling;
import org.pointea.models.data.Preprocessing;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.RandomStreams;
import org.pointea.pointcloud.transform.NormalizeToUnitSphere;
import org.pointea.pointcloud.transform.Subsample;

/**
 * The training pipeline's per-cloud preprocessing, replayed for inference: drop points with a
 * non-finite coordinate, reduce the rest to the network's {@code points} with the model's sampling
 * (the {@link Subsample} transform, the same code the dataset cache samples with), then normalise
 * as the model was trained (the dataset loaders sample first and normalise the sample). Random sampling draws from a generator seeded with {@code seed} afresh for every cloud,
 * so a cloud always gives the same input whatever came before it or which thread runs it.
 *
 * <p>{@link Subsampling#RANDOM_WITH_REPLACEMENT} (ShapeNet-part training's
 * {@code np.random.choice(n, N, replace=True)}) is replayed as {@link Subsampling#RANDOM}: the same
 * uniform draw, without the repeated points that would waste network inputs (every input point is
 * still labelled, by its nearest sampled point).
 */
final class InputPipeline {
    private static final NormalizeToUnitSphere UNIT_SPHERE = new NormalizeToUnitSphere();

    private final Subsampling sampling;
    private final Preprocessing.Normalization normalization;
    private final int points;
    private final long seed;

    InputPipeline(Subsampling sampling, Preprocessing.Normalization normalization, int points, long seed) {
        this.sampling = Objects.requireNonNull(sampling, "sampling") == Subsampling.RANDOM_WITH_REPLACEMENT
                ? Subsampling.RANDOM : sampling;
        this.normalization = Objects.requireNonNull(normalization, "normalization");
        if (points < 1) {
            throw new IllegalArgumentException("points must be >= 1, got " + points);
        }
        this.points = points;
        this.seed = seed;
    }

    /** The sampling actually used. */
    Subsampling sampling() {
        return sampling;
    }

    /**
     * One cloud made ready for the network.
     *
     * @param sampled    indices into the input of the {@code points} points the network sees
     * @param network    their positions as the network sees them (normalised), packed
     * @param positions  their positions as given, packed
     */
    record Prepared(int[] sampled, float[] network, float[] positions) {
    }

    /**
     * Prepares {@code n} packed points.
     *
     * @param xyz packed positions (not modified)
     * @param n   number of points
     * @return the network's input
     * @throws IllegalArgumentException when no point is finite
     */
    Prepared prepare(float[] xyz, int n) {
        if (xyz.length < 3L * n) {
            throw new IllegalArgumentException(xyz.length + " coordinates for " + n + " points");
        }
        int[] finite = finiteIndices(xyz, n);
        int m = finite == null ? n : finite.length;
        if (m == 0) {
            throw new IllegalArgumentException(n == 0 ? "the cloud is empty"
                    : "none of the cloud's " + n + " points has finite coordinates");
        }
        float[] pts = xyz;
        if (finite != null) {
            pts = new float[3 * m];
            for (int i = 0; i < m; i++) {
                System.arraycopy(xyz, 3 * finite[i], pts, 3 * i, 3);
            }
        }
        int[] idx = Subsample.indices(pts, m, points, sampling.method(), RandomStreams.of(seed));
        float[] positions = new float[3 * points];
        for (int i = 0; i < points; i++) {
            System.arraycopy(pts, 3 * idx[i], positions, 3 * i, 3);
        }
        if (finite != null) {
            for (int i = 0; i < points; i++) {
                idx[i] = finite[idx[i]];
            }
        }
        float[] network = switch (normalization) {
            case UNIT_SPHERE -> UNIT_SPHERE.apply(PointCloud.of(positions.clone()), null).positions();
            case NONE -> positions.clone();
        };
        return new Prepared(idx, network, positions);
    }

    /** Indices of the finite points, or null when all {@code n} are finite. */
    static int[] finiteIndices(float[] xyz, int n) {
        int bad = 0;
        for (int i = 0; i < 3 * n; i++) {
            if (!Float.isFinite(xyz[i])) {
                bad++;
                break;
            }
        }
        if (bad == 0) {
            return null;
        }
        int[] out = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (Float.isFinite(xyz[3 * i]) && Float.isFinite(xyz[3 * i + 1]) && Float.isFinite(xyz[3 * i + 2])) {
                out[m++] = i;
            }
        }
        return java.util.Arrays.copyOf(out, m);
    }

    @Override
    public String toString() {
        return "InputPipeline(" + sampling.name().toLowerCase(java.util.Locale.ROOT) + " to " + points + ", "
                + normalization.id() + ")";
    }
}

package org.pointea.pointcloud.scene;

import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.pointea.pointcloud.neighbors.KdTree;

/**
 * Training crops of the {@code points} nearest points (3-D distance) of a random point of the
 * scene, as PointNet++'s and Point Transformer's ScanNet loaders crop ("SphereCrop"): a constant
 * number of real points with no repeats, over an extent that shrinks where the scan is dense and
 * grows where it is sparse.
 *
 * <pre>{@code
 * BlockSampler crops = KnnCropSampler.of(scene.positions(), scene.size(), 4096);
 * }</pre>
 */
public final class KnnCropSampler implements BlockSampler {
    private final float[] xyz;
    private final KdTree tree;
    private final int[] finite;
    private final int points;

    private KnnCropSampler(float[] xyz, KdTree tree, int[] finite, int points) {
        this.xyz = xyz;
        this.tree = tree;
        this.finite = finite;
        this.points = points;
    }

    /**
     * Creates a sampler (building a KD-tree of the scene).
     *
     * @param xyz packed positions of the scene (kept, not copied: do not change them)
     * @param n number of points, at least one finite
     * @param points points per crop, at least 1
     * @return the sampler
     */
    public static KnnCropSampler of(float[] xyz, int n, int points) {
        Objects.requireNonNull(xyz, "xyz");
        if (points < 1) {
            throw new IllegalArgumentException("points must be at least 1, got " + points);
        }
        ColumnGrid all = ColumnGrid.build(xyz, n, Float.MAX_VALUE);
        if (all.size() == 0) {
            throw new IllegalArgumentException("the scene has no point with finite coordinates");
        }
        return new KnnCropSampler(xyz, KdTree.build(xyz, n), all.order().clone(), points);
    }

    @Override
    public Block sample(UniformRandomProvider rng) {
        int c = finite[rng.nextInt(finite.length)];
        float x = xyz[3 * c];
        float y = xyz[3 * c + 1];
        int[] idx = new int[points];
        float[] d2 = new float[points];
        int found = tree.knn(x, y, xyz[3 * c + 2], points, idx, d2, 0);
        for (int i = found; i < points; i++) {
            idx[i] = idx[rng.nextInt(found)];
        }
        return new Block(idx, x, y, found);
    }

    @Override
    public int points() {
        return points;
    }

    @Override
    public String toString() {
        return "KnnCropSampler(points=" + points + ")";
    }
}

package org.pointea.pointcloud.scene;

import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.pointea.pointcloud.sampling.RandomSampler;

/**
 * PointNet's training blocks for scenes: a vertical column of {@code size x size} (1 m x 1 m by
 * default) around a random point of the scene, all heights, from which {@code points} points are
 * drawn (without replacement when the column has enough, else with), as yanx27's
 * {@code S3DISDataLoader} does: the column's centre is a random point, so dense places are drawn
 * more often, and a column with no more than {@code minPoints} points is redrawn.
 *
 * <p>After {@value #ATTEMPTS} columns below {@code minPoints} (a scene with no dense place) the
 * fullest of them is used, so a sparse scene never loops forever. Columns are found through a
 * {@link ColumnGrid} of half-block cells, so a draw costs the points of at most 9 cells.
 *
 * <pre>{@code
 * BlockSampler blocks = ColumnBlockSampler.of(scene.positions(), scene.size(), 1.0f, 4096);
 * Block b = blocks.sample(RandomStreams.of(seed, epoch, i));
 * }</pre>
 */
public final class ColumnBlockSampler implements BlockSampler {
    /** Columns drawn before the fullest one is accepted. */
    public static final int ATTEMPTS = 64;

    private final float[] xyz;
    private final ColumnGrid grid;
    private final float size;
    private final int points;
    private final int minPoints;

    private ColumnBlockSampler(float[] xyz, ColumnGrid grid, float size, int points, int minPoints) {
        this.xyz = xyz;
        this.grid = grid;
        this.size = size;
        this.points = points;
        this.minPoints = minPoints;
    }

    /**
     * Creates a sampler with PointNet's minimum: a column must hold more than
     * {@code min(1024, points / 4)} points.
     *
     * @param xyz packed positions of the scene (kept, not copied: do not change them)
     * @param n number of points, at least one finite
     * @param size the column's side
     * @param points points per block
     * @return the sampler
     */
    public static ColumnBlockSampler of(float[] xyz, int n, float size, int points) {
        return of(xyz, n, size, points, Math.min(1024, points / 4));
    }

    /**
     * Creates a sampler.
     *
     * @param xyz packed positions of the scene (kept, not copied: do not change them)
     * @param n number of points, at least one finite
     * @param size the column's side, positive
     * @param points points per block, at least 1
     * @param minPoints a column must hold more than this many points to be taken at once
     * @return the sampler
     */
    public static ColumnBlockSampler of(float[] xyz, int n, float size, int points, int minPoints) {
        Objects.requireNonNull(xyz, "xyz");
        if (!(size > 0) || !Float.isFinite(size)) {
            throw new IllegalArgumentException("size must be positive and finite, got " + size);
        }
        if (points < 1) {
            throw new IllegalArgumentException("points must be at least 1, got " + points);
        }
        if (minPoints < 0) {
            throw new IllegalArgumentException("minPoints must be 0 or more, got " + minPoints);
        }
        ColumnGrid grid = ColumnGrid.build(xyz, n, size / 2);
        if (grid.size() == 0) {
            throw new IllegalArgumentException("the scene has no point with finite coordinates");
        }
        return new ColumnBlockSampler(xyz, grid, size, points, minPoints);
    }

    @Override
    public Block sample(UniformRandomProvider rng) {
        int[] order = grid.order();
        int[] best = null;
        int bestCount = -1;
        float bestX = 0;
        float bestY = 0;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int c = order[rng.nextInt(order.length)];
            float x = xyz[3 * c];
            float y = xyz[3 * c + 1];
            int[] in = columnPoints(x, y);
            if (in.length > bestCount) {
                best = in;
                bestCount = in.length;
                bestX = x;
                bestY = y;
            }
            if (in.length > minPoints) {
                break;
            }
        }
        int[] picked = bestCount >= points
                ? RandomSampler.withoutReplacement(bestCount, points, rng)
                : RandomSampler.withReplacement(bestCount, points, rng);
        int[] out = new int[points];
        for (int i = 0; i < points; i++) {
            out[i] = best[picked[i]];
        }
        return new Block(out, bestX, bestY, Math.min(bestCount, points));
    }

    /** Returns the indices of the points with x and y within half a side of (x, y), bounds included. */
    int[] columnPoints(float x, float y) {
        float h = size / 2;
        int cx0 = grid.cellX(x - h);
        int cx1 = grid.cellX(x + h) + 1;
        int cy0 = grid.cellY(y - h);
        int cy1 = grid.cellY(y + h) + 1;
        int[] cand = new int[grid.count(cx0, cy0, cx1, cy1)];
        grid.gather(cx0, cy0, cx1, cy1, cand, 0);
        int m = 0;
        for (int p : cand) {
            float px = xyz[3 * p];
            float py = xyz[3 * p + 1];
            if (px >= x - h && px <= x + h && py >= y - h && py <= y + h) {
                cand[m++] = p;
            }
        }
        return java.util.Arrays.copyOf(cand, m);
    }

    @Override
    public int points() {
        return points;
    }

    /** Returns the column's side. */
    public float size() {
        return size;
    }

    @Override
    public String toString() {
        return "ColumnBlockSampler(size=" + size + ", points=" + points + ", minPoints=" + minPoints + ")";
    }
}

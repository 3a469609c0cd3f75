package org.pointea.pointcloud.scene;

/**
 * How {@link TiledSegmentation} cuts a scan: columns of {@code blockSize x blockSize} (the size the
 * network was trained on) every {@code stride} in x and y, so that with the default half-block
 * stride every point lies in up to four blocks and gets up to four votes.
 *
 * <p>A block with more points than a tile holds is run in several passes: all of them
 * ({@code passesPerBlock = 0}, PointNet++'s whole-scene test, every point scored by the network
 * in every block it is in), or at most {@code passesPerBlock}, the points not drawn into a pass then
 * taking the scores of their nearest drawn point of the block; the second bounds the cost per
 * block on dense scans. Every random draw comes from {@code seed}.
 *
 * @param blockSize the column's side, as in training
 * @param stride the step between columns; {@code blockSize} must be a whole multiple of it
 * @param passesPerBlock the most passes per block, or 0 for as many as it takes
 * @param seed the seed of the shuffles and paddings
 */
public record TilingOptions(float blockSize, float stride, int passesPerBlock, long seed) {
    /** 1 m blocks every 0.5 m, every point run through the network, seed 0. */
    public static final TilingOptions DEFAULT = new TilingOptions(1f, 0.5f, 0, 0);

    /** Validates the options. */
    public TilingOptions {
        if (!(blockSize > 0) || !Float.isFinite(blockSize)) {
            throw new IllegalArgumentException("blockSize must be positive and finite, got " + blockSize);
        }
        if (!(stride > 0) || stride > blockSize) {
            throw new IllegalArgumentException("stride must be in (0, blockSize], got " + stride);
        }
        double k = (double) blockSize / stride;
        if (Math.abs(k - Math.rint(k)) > 1e-4) {
            throw new IllegalArgumentException("blockSize " + blockSize + " must be a whole multiple of stride "
                    + stride);
        }
        if (passesPerBlock < 0) {
            throw new IllegalArgumentException("passesPerBlock must be 0 (all) or more, got " + passesPerBlock);
        }
    }

    /** Returns how many strides make a block. */
    public int cellsPerBlock() {
        return (int) Math.rint((double) blockSize / stride);
    }

    /**
     * Returns these options with another stride.
     *
     * @param s the stride
     * @return the options
     */
    public TilingOptions withStride(float s) {
        return new TilingOptions(blockSize, s, passesPerBlock, seed);
    }

    /**
     * Returns these options with another pass limit.
     *
     * @param passes the most passes per block, 0 for all
     * @return the options
     */
    public TilingOptions withPassesPerBlock(int passes) {
        return new TilingOptions(blockSize, stride, passes, seed);
    }

    /**
     * Returns these options with another seed.
     *
     * @param s the seed
     * @return the options
     */
    public TilingOptions withSeed(long s) {
        return new TilingOptions(blockSize, stride, passesPerBlock, s);
    }
}

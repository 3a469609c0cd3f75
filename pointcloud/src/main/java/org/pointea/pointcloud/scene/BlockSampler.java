package org.pointea.pointcloud.scene;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Draws training crops of one scene: a fixed number of points around a random place, the unit a
 * segmentation network is trained on. Implementations are immutable and thread-safe: every draw
 * takes its randomness from the generator passed in, so a block is the same for the same
 * generator state (derive it from (seed, epoch, index) with
 * {@link org.pointea.pointcloud.RandomStreams#of(long, long...)}).
 *
 * <p>{@link ColumnBlockSampler} (PointNet's 1 m x 1 m columns, the default) and
 * {@link KnnCropSampler} (the k nearest points of a random point); why the columns are the
 * default is measured in {@code docs/scenes.md}.
 */
public interface BlockSampler {

    /**
     * Draws one crop.
     *
     * @param rng the generator
     * @return the crop, with {@link #points()} indices
     */
    Block sample(UniformRandomProvider rng);

    /** Returns the number of points of every crop. */
    int points();
}

package org.pointea.pointcloud.scene;

import java.util.Objects;

/**
 * A training crop of a scene: the indices of its points (possibly repeated when the crop held
 * fewer points than asked) and the xy centre its coordinates are taken relative to.
 *
 * @param indices point indices into the scene
 * @param centerX the crop's centre x
 * @param centerY the crop's centre y
 * @param distinct how many distinct points the crop held before padding (at most {@code indices.length})
 */
public record Block(int[] indices, float centerX, float centerY, int distinct) {
    /** Checks the fields. */
    public Block {
        Objects.requireNonNull(indices, "indices");
        if (distinct < 0 || distinct > indices.length) {
            throw new IllegalArgumentException("distinct " + distinct + " outside [0, " + indices.length + "]");
        }
    }

    /** Returns the number of points (the length of {@link #indices()}). */
    public int size() {
        return indices.length;
    }
}

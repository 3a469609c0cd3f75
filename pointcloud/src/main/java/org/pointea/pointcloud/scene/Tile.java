package org.pointea.pointcloud.scene;

import java.util.Objects;
import org.pointea.pointcloud.PointCloud;

/**
 * One forward pass of a {@link TileModel} over part of a scene: the indices of its points (exactly
 * the model's {@link TileModel#pointsPerTile()}, the last pass of a block padded with repeats)
 * and the block's centre, with the scene and its figures to build the input from (see
 * {@link BlockFeatures#write}).
 *
 * @param scene the whole scene
 * @param stats the scene's figures
 * @param indices point indices into the scene
 * @param centerX the block's centre x
 * @param centerY the block's centre y
 */
public record Tile(PointCloud scene, SceneStats stats, int[] indices, float centerX, float centerY) {
    /** Checks the fields. */
    public Tile {
        Objects.requireNonNull(scene, "scene");
        Objects.requireNonNull(stats, "stats");
        Objects.requireNonNull(indices, "indices");
    }

    /** Returns the number of points. */
    public int size() {
        return indices.length;
    }
}

package org.pointea.pointcloud.scene;

import java.util.List;

/**
 * A per-point classifier of scene tiles, the network side of {@link TiledSegmentation}: given
 * tiles of {@link #pointsPerTile()} points, it writes {@link #numClasses()} scores (logits) per
 * point. The models module implements it with a segmentation network; tests implement it with
 * plain rules.
 */
public interface TileModel {

    /** Returns the number of classes C. */
    int numClasses();

    /** Returns the number of points of every tile. */
    int pointsPerTile();

    /** Returns how many tiles the model takes per call (its batch); at least 1. */
    default int tilesPerCall() {
        return 1;
    }

    /**
     * Scores the points of some tiles.
     *
     * @param tiles at most {@link #tilesPerCall()} tiles of {@link #pointsPerTile()} points
     * @param logits one destination per tile, {@code pointsPerTile() * numClasses()} values each,
     *     point-major
     */
    void predict(List<Tile> tiles, float[][] logits);
}

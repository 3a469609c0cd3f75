package org.pointea.pointcloud.transform;

import java.lang.ref.WeakReference;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import org.apache.commons.rng.UniformRandomProvider;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.scene.Block;
import org.pointea.pointcloud.scene.BlockFeatures;
import org.pointea.pointcloud.scene.ColumnBlockSampler;
import org.pointea.pointcloud.scene.SceneStats;

/**
 * Crops a training block out of a whole scene: a {@code size x size} column around a random point
 * with {@code points} points ({@link ColumnBlockSampler}, PointNet's blocks), returned in network
 * coordinates ({@link BlockFeatures#localize}: relative to the column's centre and the scene's
 * floor). Put first in a scene network's augmentation, it draws a new block of each scene at every
 * access, from the access's own random stream; every channel (labels, colours, ...) follows the
 * points.
 *
 * <p>The column index and the scene figures of the last few scenes are kept (by identity, weakly),
 * so cropping the same in-memory scene again costs one block, not a pass over the scene.
 *
 * @param size the column's side
 * @param points points per block
 */
public record ColumnCrop(float size, int points) implements PointTransform {
    private static final int CACHED = 64;
    private static final Deque<Entry> CACHE = new ArrayDeque<>();

    private record Entry(WeakReference<PointCloud> scene, ColumnBlockSampler sampler, SceneStats stats) {
    }

    /** Validates. */
    public ColumnCrop {
        if (!(size > 0) || !Float.isFinite(size)) {
            throw new IllegalArgumentException("size must be positive and finite, got " + size);
        }
        if (points < 1) {
            throw new IllegalArgumentException("points must be >= 1, got " + points);
        }
    }

    /** PointNet's S3DIS blocks: 1 m columns of 4,096 points. */
    public static ColumnCrop pointNet() {
        return new ColumnCrop(1f, 4096);
    }

    @Override
    public PointCloud apply(PointCloud cloud, UniformRandomProvider rng) {
        Entry e = entry(cloud);
        Block b = e.sampler().sample(rng);
        return BlockFeatures.localize(cloud, e.stats(), b.indices(), b.centerX(), b.centerY());
    }

    private Entry entry(PointCloud scene) {
        synchronized (CACHE) {
            for (Iterator<Entry> it = CACHE.iterator(); it.hasNext(); ) {
                Entry e = it.next();
                PointCloud s = e.scene().get();
                if (s == null) {
                    it.remove();
                } else if (s == scene && e.sampler().size() == size && e.sampler().points() == points) {
                    return e;
                }
            }
        }
        Entry e = new Entry(new WeakReference<>(scene), ColumnBlockSampler.of(scene.positions(), scene.size(), size,
                points), SceneStats.of(scene));
        synchronized (CACHE) {
            CACHE.addFirst(e);
            while (CACHE.size() > CACHED) {
                CACHE.removeLast();
            }
        }
        return e;
    }

    @Override
    public String toString() {
        return "ColumnCrop(" + size + ", " + points + ")";
    }
}

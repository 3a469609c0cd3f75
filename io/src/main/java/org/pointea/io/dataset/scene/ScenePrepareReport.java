package org.pointea.io.dataset.scene;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.pointea.io.dataset.Split;

/**
 * What {@link SceneDataset#prepare} did.
 *
 * @param layout the layout read
 * @param root the dataset folder
 * @param split the split
 * @param scenes number of scenes
 * @param loaded scenes whose cache file was valid
 * @param built scenes read from their source (and cached, unless caching is off)
 * @param points points in all scenes
 * @param classPoints points per class in all scenes
 * @param unlabelled points not scored (label -1)
 * @param cacheDir the cache folder, or null without a cache
 * @param elapsed time taken
 */
public record ScenePrepareReport(SceneLayout layout, Path root, Split split, int scenes, int loaded, int built,
        long points, long[] classPoints, long unlabelled, Path cacheDir, Duration elapsed) {

    /**
     * Returns the weight of each class for a class-balanced loss: PointNet++'s S3DIS weighting,
     * {@code (max_c f_c / f_c)^(1/3)} over the class frequencies {@code f}, 0 for a class without
     * points.
     *
     * @return one weight per class
     */
    public double[] classWeights() {
        return SceneClasses.balancedWeights(classPoints);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d %s scenes, %,d points (%,d unlabelled) of %s at %s: %s in %d ms", scenes,
                split.id(), points, unlabelled, layout.title(), root,
                cacheDir == null ? "read, cache disabled" : loaded + " cached, " + built + " built into " + cacheDir,
                elapsed.toMillis());
    }
}

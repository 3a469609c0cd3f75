package org.pointea.models.network;

import java.util.Objects;

/**
 * A batch of point clouds as every network takes it: plain Java arrays, each cloud with the same
 * number of points (the network's), positions packed cloud-major.
 *
 * <pre>{@code
 * CloudBatch b = CloudBatch.of(32, 1024, xyz);                 // a classifier's input
 * CloudBatch s = CloudBatch.of(16, 2048, xyz, categories);     // a part segmenter's: + object category per cloud
 * }</pre>
 *
 * @param size       clouds B
 * @param points     points per cloud N
 * @param xyz        packed positions {@code x0, y0, z0, x1, …}, cloud-major: {@code B·N·3} floats (not copied)
 * @param categories a per-cloud conditioning label (a part segmenter's object category), {@code B}
 *                   values, or null when the network takes none (not copied)
 * @param features   per-point input features besides the positions, {@code B·N·featureWidth}
 *                   floats point-major, or null (not copied)
 * @param featureWidth features per point, 0 without features
 */
public record CloudBatch(int size, int points, float[] xyz, int[] categories, float[] features, int featureWidth) {

    /** Validates sizes. */
    public CloudBatch {
        if (size <= 0 || points <= 0) {
            throw new IllegalArgumentException("batch size and points must be positive, got " + size + ", " + points);
        }
        Objects.requireNonNull(xyz, "xyz");
        if (xyz.length != (long) size * points * 3) {
            throw new IllegalArgumentException("xyz has " + xyz.length + " floats, expected " + (long) size * points * 3
                    + " (" + size + " clouds of " + points + " points)");
        }
        if (categories != null && categories.length != size) {
            throw new IllegalArgumentException(categories.length + " categories for " + size + " clouds");
        }
        if (featureWidth < 0 || (features == null) != (featureWidth == 0)) {
            throw new IllegalArgumentException("features and their width go together, got width " + featureWidth);
        }
        if (features != null && features.length != (long) size * points * featureWidth) {
            throw new IllegalArgumentException("features has " + features.length + " floats, expected "
                    + (long) size * points * featureWidth + " (" + featureWidth + " per point)");
        }
    }

    /**
     * A batch of positions and an optional category per cloud, without per-point features.
     *
     * @param size       clouds B
     * @param points     points per cloud N
     * @param xyz        packed positions, {@code B·N·3} floats (not copied)
     * @param categories a category per cloud, or null
     */
    public CloudBatch(int size, int points, float[] xyz, int[] categories) {
        this(size, points, xyz, categories, null, 0);
    }

    /** A batch without per-cloud labels. */
    public static CloudBatch of(int size, int points, float[] xyz) {
        return new CloudBatch(size, points, xyz, null);
    }

    /** A batch with an object category per cloud. */
    public static CloudBatch of(int size, int points, float[] xyz, int[] categories) {
        return new CloudBatch(size, points, xyz, Objects.requireNonNull(categories, "categories"));
    }

    /**
     * A batch with per-point input features besides the positions (a scene network's colours,
     * intensity, normals), point-major {@code B·N·width} floats (not copied).
     *
     * @param size     clouds B
     * @param points   points per cloud N
     * @param xyz      packed positions
     * @param features packed features
     * @param width    features per point, at least 1
     * @return the batch
     */
    public static CloudBatch withFeatures(int size, int points, float[] xyz, float[] features, int width) {
        return new CloudBatch(size, points, xyz, null, Objects.requireNonNull(features, "features"), width);
    }

    /** Total points {@code B·N}. */
    public long totalPoints() {
        return (long) size * points;
    }
}

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
 */
public record CloudBatch(int size, int points, float[] xyz, int[] categories) {

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
    }

    /** A batch without per-cloud labels. */
    public static CloudBatch of(int size, int points, float[] xyz) {
        return new CloudBatch(size, points, xyz, null);
    }

    /** A batch with an object category per cloud. */
    public static CloudBatch of(int size, int points, float[] xyz, int[] categories) {
        return new CloudBatch(size, points, xyz, Objects.requireNonNull(categories, "categories"));
    }

    /** Total points {@code B·N}. */
    public long totalPoints() {
        return (long) size * points;
    }
}

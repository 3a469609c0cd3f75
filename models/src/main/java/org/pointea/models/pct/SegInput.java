package org.pointea.models.pct;

/**
 * A batch of clouds for part segmentation: plain Java arrays.
 *
 * @param batch      clouds B
 * @param points     points per cloud N
 * @param xyz        packed positions, cloud-major, {@code B·N·3} floats
 * @param categories object category of each cloud, {@code B} values
 */
public record SegInput(int batch, int points, float[] xyz, int[] categories) {

    /** Validates sizes. */
    public SegInput {
        if (batch <= 0 || points <= 0) {
            throw new IllegalArgumentException("sizes must be positive");
        }
        if (xyz.length != (long) batch * points * 3) {
            throw new IllegalArgumentException("xyz has " + xyz.length + " floats, expected " + (long) batch * points * 3);
        }
        if (categories.length != batch) {
            throw new IllegalArgumentException(categories.length + " categories for " + batch + " clouds");
        }
    }
}

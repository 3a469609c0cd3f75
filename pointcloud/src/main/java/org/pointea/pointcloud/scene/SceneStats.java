package org.pointea.pointcloud.scene;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Objects;
import org.pointea.pointcloud.Channel;
import org.pointea.pointcloud.PointCloud;

/**
 * The few whole-scene figures a block's network input depends on, computed once per scene so that
 * every block and tile of it (in training and at inference) is normalised the same way.
 *
 * <ul>
 *   <li>{@code floorZ}: the height the block coordinates start from, the 0.1 % quantile of the
 *       points' z (the floor of a room or storey; a quantile rather than the minimum so that a few
 *       stray points below the floor, such as lidar reflections, do not move it);</li>
 *   <li>{@code intensityScale}: what intensities are divided by, the 99.9 % quantile of the
 *       intensity channel (so 8-bit, 16-bit and unit intensities all map to about [0, 1]), 1 when
 *       the scene has none.</li>
 * </ul>
 *
 * <p>Quantiles are taken over at most {@value #SAMPLE} points picked at a regular stride, so the
 * cost is bounded and the result deterministic.
 *
 * @param floorZ the block coordinates' zero height
 * @param intensityScale the divisor of intensities, positive
 */
public record SceneStats(float floorZ, float intensityScale) {
    /** The most points the quantiles are computed from. */
    public static final int SAMPLE = 200_000;

    /** Validates the figures. */
    public SceneStats {
        if (!Float.isFinite(floorZ)) {
            throw new IllegalArgumentException("floorZ must be finite, got " + floorZ);
        }
        if (!(intensityScale > 0) || !Float.isFinite(intensityScale)) {
            throw new IllegalArgumentException("intensityScale must be positive and finite, got " + intensityScale);
        }
    }

    /**
     * Computes the figures of a scene.
     *
     * @param scene the whole scene
     * @return its figures; {@code floorZ} 0 when the scene has no finite point
     */
    public static SceneStats of(PointCloud scene) {
        Objects.requireNonNull(scene, "scene");
        int n = scene.size();
        int stride = Math.max(1, (n + SAMPLE - 1) / SAMPLE);
        FloatBuffer xyz = scene.positionsBuffer();
        float[] z = new float[(n + stride - 1) / stride];
        int m = 0;
        for (int i = 0; i < n; i += stride) {
            float x = xyz.get(3 * i);
            float y = xyz.get(3 * i + 1);
            float v = xyz.get(3 * i + 2);
            if (Float.isFinite(x) && Float.isFinite(y) && Float.isFinite(v)) {
                z[m++] = v;
            }
        }
        float floor = m == 0 ? 0f : quantile(z, m, 0.001);
        float scale = 1f;
        if (scene.hasChannel(Channel.INTENSITY)) {
            FloatBuffer in = scene.floatChannel(Channel.INTENSITY).buffer();
            float[] v = new float[(n + stride - 1) / stride];
            int k = 0;
            for (int i = 0; i < n; i += stride) {
                float a = in.get(i);
                if (Float.isFinite(a)) {
                    v[k++] = Math.abs(a);
                }
            }
            float q = k == 0 ? 1f : quantile(v, k, 0.999);
            scale = q > 0 && Float.isFinite(q) ? q : 1f;
        }
        return new SceneStats(floor, scale);
    }

    private static float quantile(float[] values, int m, double q) {
        Arrays.sort(values, 0, m);
        return values[(int) Math.min(m - 1, Math.floor(q * (m - 1) + 0.5))];
    }
}

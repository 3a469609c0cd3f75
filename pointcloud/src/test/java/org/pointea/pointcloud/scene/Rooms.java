package org.pointea.pointcloud.scene;

import org.apache.commons.rng.UniformRandomProvider;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.RandomStreams;

/** Small seeded test scenes: a box room's floor, walls and ceiling, with boxes on the floor. */
final class Rooms {
    static final int FLOOR = 0;
    static final int WALL = 1;
    static final int CEILING = 2;
    static final int BOX = 3;

    private Rooms() {
    }

    /** A room of {@code w x d x 3} with about {@code n} points, labelled by {@link #label}. */
    static PointCloud room(float w, float d, int n, long seed) {
        UniformRandomProvider rng = RandomStreams.of(seed);
        float[] xyz = new float[3 * n];
        int[] labels = new int[n];
        float[] colors = new float[3 * n];
        for (int i = 0; i < n; i++) {
            float x;
            float y;
            float z;
            int part = rng.nextInt(4);
            switch (part) {
                case 0 -> { x = rng.nextFloat() * w; y = rng.nextFloat() * d; z = 0; }
                case 1 -> { x = rng.nextFloat() * w; y = rng.nextFloat() * d; z = 3; }
                case 2 -> {
                    boolean alongX = rng.nextBoolean();
                    x = alongX ? rng.nextFloat() * w : (rng.nextBoolean() ? 0 : w);
                    y = alongX ? (rng.nextBoolean() ? 0 : d) : rng.nextFloat() * d;
                    z = rng.nextFloat() * 3;
                }
                default -> { x = 1 + rng.nextFloat() * 0.5f; y = 1 + rng.nextFloat() * 0.5f; z = rng.nextFloat() * 0.7f; }
            }
            xyz[3 * i] = x + 100; // away from the origin, as a real scan
            xyz[3 * i + 1] = y - 50;
            xyz[3 * i + 2] = z + 10;
            labels[i] = label(x, y, z, w, d);
            colors[3 * i] = labels[i] / 3f;
            colors[3 * i + 1] = 0.5f;
            colors[3 * i + 2] = 1 - labels[i] / 3f;
        }
        return PointCloud.builder(xyz).labels(labels).colors(colors, 3).build();
    }

    /** The true class of a room point in room coordinates. */
    static int label(float x, float y, float z, float w, float d) {
        if (z == 0) {
            return FLOOR;
        }
        if (z == 3) {
            return CEILING;
        }
        if (x == 0 || x == w || y == 0 || y == d) {
            return WALL;
        }
        return BOX;
    }
}

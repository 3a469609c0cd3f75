package org.pointea.pointcloud.scene;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.pointea.pointcloud.Channel;
import org.pointea.pointcloud.PointCloud;

/**
 * The network input of a block or tile of a scene, defined once for training and inference: per
 * point {@code x - centerX, y - centerY, z - floorZ}, then, as chosen, the colour (RGB in
 * [0, 1]), the intensity divided by the scene's {@linkplain SceneStats#intensityScale() scale},
 * and the normal.
 *
 * <p>Coordinates are relative to the block's centre in x and y (as PointNet's S3DIS blocks) and to
 * the scene's floor in z, so that heights mean the same in every block (a floor is at 0, a table
 * top near 0.75 m) without knowing the room's extent, which a streaming scan does not give.
 * {@link #toString()} names the choice, for the model directory's fingerprint.
 *
 * <pre>{@code
 * BlockFeatures f = BlockFeatures.of(true, false, false);          // xyz + rgb: 6 values per point
 * float[] in = new float[block.size() * f.width()];
 * f.write(scene, stats, block.indices(), block.size(), block.centerX(), block.centerY(), in, 0);
 * }</pre>
 *
 * @param colors whether the colour channel is an input
 * @param intensity whether the intensity channel is an input
 * @param normals whether the normal channel is an input
 */
public record BlockFeatures(boolean colors, boolean intensity, boolean normals) {
    /** Coordinates only. */
    public static final BlockFeatures XYZ = new BlockFeatures(false, false, false);

    /**
     * Returns the features with the given channels.
     *
     * @param colors use colours
     * @param intensity use intensities
     * @param normals use normals
     * @return the features
     */
    public static BlockFeatures of(boolean colors, boolean intensity, boolean normals) {
        return new BlockFeatures(colors, intensity, normals);
    }

    /**
     * Parses the form {@link #toString()} writes, or a comma list of channel names
     * ({@code xyz,colors,intensity,normals}; {@code rgb} and {@code color} for colours).
     *
     * @param text the text
     * @return the features
     * @throws IllegalArgumentException for an unknown name
     */
    public static BlockFeatures parse(String text) {
        String t = text.strip();
        if (t.startsWith("BlockFeatures(") && t.endsWith(")")) {
            t = t.substring("BlockFeatures(".length(), t.length() - 1);
        }
        boolean c = false;
        boolean i = false;
        boolean n = false;
        for (String part : t.split("[,+ ]+")) {
            switch (part.toLowerCase(Locale.ROOT)) {
                case "", "xyz" -> { }
                case "colors", "color", "colours", "colour", "rgb" -> c = true;
                case "intensity" -> i = true;
                case "normals", "normal" -> n = true;
                default -> throw new IllegalArgumentException("unknown input channel '" + part
                        + "': use xyz, colors, intensity or normals");
            }
        }
        return new BlockFeatures(c, i, n);
    }

    /** Returns the number of input values per point. */
    public int width() {
        return 3 + (colors ? 3 : 0) + (intensity ? 1 : 0) + (normals ? 3 : 0);
    }

    /**
     * Checks that a scene has every chosen channel.
     *
     * @param scene the scene
     * @throws IllegalArgumentException naming the missing channel
     */
    public void check(PointCloud scene) {
        if (colors && !scene.hasColors()) {
            throw new IllegalArgumentException("the model takes colours, but the cloud has none");
        }
        if (intensity && !scene.hasChannel(Channel.INTENSITY)) {
            throw new IllegalArgumentException("the model takes intensity, but the cloud has none");
        }
        if (normals && !scene.hasNormals()) {
            throw new IllegalArgumentException("the model takes normals, but the cloud has none (estimate them: "
                    + "pointea normals)");
        }
    }

    /**
     * Returns the points of a block in network coordinates, the one definition training crops and
     * inference tiles share: positions {@code x - centerX, y - centerY, z - floorZ}, intensity divided
     * by the scene's scale; every other channel as the scene has it (labels included).
     *
     * @param scene the whole scene
     * @param stats the scene's figures
     * @param indices point indices into the scene (repeats allowed)
     * @param centerX the block's centre x
     * @param centerY the block's centre y
     * @return the block, a new cloud of {@code indices.length} points
     */
    public static PointCloud localize(PointCloud scene, SceneStats stats, int[] indices, float centerX,
            float centerY) {
        Objects.requireNonNull(stats, "stats");
        PointCloud block = scene.select(indices);
        float[] xyz = block.positions();
        float floor = stats.floorZ();
        for (int k = 0; k < indices.length; k++) {
            xyz[3 * k] -= centerX;
            xyz[3 * k + 1] -= centerY;
            xyz[3 * k + 2] -= floor;
        }
        block = block.withPositions(xyz);
        if (block.hasChannel(Channel.INTENSITY) && stats.intensityScale() != 1f) {
            float[] v = block.floatChannel(Channel.INTENSITY).toArray();
            float inv = 1f / stats.intensityScale();
            for (int k = 0; k < v.length; k++) {
                v[k] *= inv;
            }
            block = block.withChannel(new org.pointea.pointcloud.FloatChannel(Channel.INTENSITY, 1, v));
        }
        return block;
    }

    /**
     * Packs a block already in network coordinates ({@link #localize}) into the network's input:
     * {@link #width()} values per point, point-major.
     *
     * @param block the block
     * @param out destination, {@code block.size() * width()} values from {@code offset}
     * @param offset first slot written
     */
    public void pack(PointCloud block, float[] out, int offset) {
        check(block);
        int count = block.size();
        int w = width();
        if ((long) offset + (long) count * w > out.length) {
            throw new IllegalArgumentException("out holds " + out.length + " values, " + ((long) offset + (long) count
                    * w) + " needed");
        }
        FloatBuffer xyz = block.positionsBuffer();
        FloatBuffer rgb = colors ? block.floatChannel(Channel.COLORS).buffer() : null;
        int rgbWidth = colors ? block.floatChannel(Channel.COLORS).width() : 0;
        FloatBuffer in = intensity ? block.floatChannel(Channel.INTENSITY).buffer() : null;
        FloatBuffer nrm = normals ? block.floatChannel(Channel.NORMALS).buffer() : null;
        int o = offset;
        for (int p = 0; p < count; p++) {
            out[o++] = xyz.get(3 * p);
            out[o++] = xyz.get(3 * p + 1);
            out[o++] = xyz.get(3 * p + 2);
            if (colors) {
                out[o++] = rgb.get(rgbWidth * p);
                out[o++] = rgb.get(rgbWidth * p + 1);
                out[o++] = rgb.get(rgbWidth * p + 2);
            }
            if (intensity) {
                out[o++] = in.get(p);
            }
            if (normals) {
                out[o++] = nrm.get(3 * p);
                out[o++] = nrm.get(3 * p + 1);
                out[o++] = nrm.get(3 * p + 2);
            }
        }
    }

    /**
     * Writes the input of {@code count} points of a scene, {@link #width()} values each, point-major:
     * {@link #localize} then {@link #pack}.
     *
     * @param scene the whole scene
     * @param stats the scene's figures
     * @param indices point indices into the scene
     * @param count how many of {@code indices} to use
     * @param centerX the block's centre x
     * @param centerY the block's centre y
     * @param out destination, {@code count * width()} values from {@code offset}
     * @param offset first slot written
     */
    public void write(PointCloud scene, SceneStats stats, int[] indices, int count, float centerX, float centerY,
            float[] out, int offset) {
        check(scene);
        int[] idx = count == indices.length ? indices : java.util.Arrays.copyOf(indices, count);
        pack(localize(scene, stats, idx, centerX, centerY), out, offset);
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>(List.of("xyz"));
        if (colors) {
            parts.add("colors");
        }
        if (intensity) {
            parts.add("intensity");
        }
        if (normals) {
            parts.add("normals");
        }
        return "BlockFeatures(" + String.join(",", parts) + ")";
    }
}

package org.pointea.tools.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.pointea.io.ReadOptions;
import org.pointea.io.npy.NpyArray;
import org.pointea.pointcloud.Channel;
import org.pointea.pointcloud.PointCloud;

/**
 * Reads per-point labels for the scene commands: an NPY integer array {@code [N]} (or
 * {@code [N, 1]}), or any point-cloud file pointea reads, from its {@code label} field or a named
 * one.
 */
final class SceneLabels {
    private SceneLabels() {
    }

    /**
     * Reads the label values of a file.
     *
     * @param path an NPY array or a cloud file
     * @param field the label field of a cloud file, or null for {@code label}
     * @return one value per point
     * @throws IOException when the file cannot be read
     */
    static int[] read(Path path, String field) throws IOException {
        if (path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
            NpyArray a = NpyInputs.read(path);
            int[] shape = NpyInputs.squeezedShape(a);
            if (shape.length != 1) {
                PointCloud c = CloudFiles.readCloud(path, ReadOptions.DEFAULT, null);
                return fromCloud(path, c, field);
            }
            return NpyInputs.ints(path, a);
        }
        return fromCloud(path, CloudFiles.readCloud(path, ReadOptions.DEFAULT, null), field);
    }

    private static int[] fromCloud(Path path, PointCloud c, String field) {
        String name = field == null || field.equals("label") ? Channel.LABELS : field;
        Channel ch = c.channel(name).orElseThrow(() -> new UserException(path + ": has no '"
                + (field == null ? "label" : field) + "' field (fields: " + String.join(", ", c.channelNames())
                + "); name it with --label-field"));
        if (ch.width() != 1) {
            throw new UserException(path + ": the field '" + name + "' has " + ch.width() + " values per point");
        }
        int[] out = new int[c.size()];
        for (int i = 0; i < out.length; i++) {
            double v = ch.valueAsDouble(i, 0);
            if (v != Math.rint(v) || Math.abs(v) > 1e9) {
                throw new UserException(path + ": point " + i + " has label " + v + ", not a whole number");
            }
            out[i] = (int) v;
        }
        return out;
    }
}

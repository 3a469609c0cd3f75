package org.pointea.eval.render;

import java.util.Objects;
import org.pointea.pointcloud.Channel;
import org.pointea.pointcloud.PointCloud;

/**
 * Paints a labelled cloud's colours with the label {@link Palette}, so that any viewer (CloudCompare,
 * MeshLab, Open3D, PCL's viewer) shows the labels of a PLY or PCD file written from it, while the
 * {@code label} field keeps the class ids.
 *
 * <pre>{@code
 * PointCloudIO.write(Path.of("scan_labelled.ply"), LabelColors.paint(labelled));
 * }</pre>
 */
public final class LabelColors {
    private LabelColors() {
    }

    /**
     * Returns the cloud with its colour channel replaced by its labels' palette colours (light grey for
     * negative labels); every other channel is kept.
     *
     * @param cloud a cloud with a {@code labels} channel
     * @return the painted cloud
     * @throws IllegalArgumentException when the cloud has no labels
     */
    public static PointCloud paint(PointCloud cloud) {
        Objects.requireNonNull(cloud, "cloud");
        if (!cloud.hasLabels()) {
            throw new IllegalArgumentException("the cloud has no labels to colour by");
        }
        int[] labels = cloud.labels();
        float[] rgb = new float[3 * labels.length];
        for (int i = 0; i < labels.length; i++) {
            int c = Palette.label(labels[i]);
            rgb[3 * i] = (c >> 16 & 255) / 255f;
            rgb[3 * i + 1] = (c >> 8 & 255) / 255f;
            rgb[3 * i + 2] = (c & 255) / 255f;
        }
        PointCloud without = cloud.hasColors() ? cloud.withoutChannel(Channel.COLORS) : cloud;
        return without.toBuilder().colors(rgb, 3).build();
    }
}

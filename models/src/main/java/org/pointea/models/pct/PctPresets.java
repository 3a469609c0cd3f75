package org.pointea.models.pct;

import java.util.List;
import org.pointea.models.attention.MixerConfig;
import org.pointea.models.network.NetworkConfig;

/**
 * The named network sizes of the command line's {@code --model}, per task: {@code pct} (as
 * published) and {@code light} (for CPUs: fewer points and half the channels or less). The
 * definitions live with the configurations ({@link PctClassifierConfig#preset},
 * {@link PctSegmenterConfig#preset}).
 *
 * <table>
 *   <caption>presets</caption>
 *   <tr><th></th><th>pct</th><th>light</th></tr>
 *   <tr><td>classifier</td><td>{@link PctClassifierConfig#published}: 1,024 points, 64-128-256
 *       channels, fuse 1,024</td><td>{@link PctClassifierConfig#light}: 512 points, 32-64-128, fuse 512</td></tr>
 *   <tr><td>segmenter</td><td>{@link PctSegmenterConfig#published}: 2,048 points, 128 channels, fuse 1,024</td>
 *       <td>{@link PctSegmenterConfig#light}: 1,024 points, 64 channels, fuse 256</td></tr>
 * </table>
 */
public final class PctPresets {
    private PctPresets() {
    }

    /** The names of the presets. */
    public static String names() {
        return "pct, light";
    }

    /**
     * The preset network of a task, for a model whose labels are {@code labels} (class names for
     * classification; object categories for part segmentation, whose presets are ShapeNet-part's
     * 50 parts and 16 categories).
     *
     * @param task    the task id ({@code classification}, {@code part_segmentation})
     * @param variant {@code pct} or {@code light}
     * @param labels  the model's labels
     * @param mixer   the attention mixer
     * @throws IllegalArgumentException for an unknown variant, or a task without PCT presets
     */
    public static NetworkConfig forTask(String task, String variant, List<String> labels, MixerConfig mixer) {
        return switch (task) {
            case "classification" -> PctClassifierConfig.preset(variant, labels.size(), mixer);
            case "part_segmentation" -> PctSegmenterConfig.preset(variant, mixer);
            default -> throw new IllegalArgumentException("no PCT preset for the task '" + task + "'");
        };
    }
}

package org.pointea.models.trainer;

import java.util.Locale;
import org.pointea.models.attention.MixerConfig;
import org.pointea.models.pct.PctClassifierConfig;
import org.pointea.models.pct.PctSegmenterConfig;
import org.pointea.pointcloud.ShapeNetPart;

/**
 * The named network sizes of the command line's {@code --model}: {@code pct} (as published) and
 * {@code light} (for CPUs: fewer points and half the channels or less).
 *
 * <table>
 *   <caption>presets</caption>
 *   <tr><th></th><th>pct</th><th>light</th></tr>
 *   <tr><td>classifier</td><td>{@link PctClassifierConfig#published}: 1,024 points, 64-128-256
 *       channels, fuse 1,024</td><td>{@link PctClassifierConfig#light}: 512 points, 32-64-128, fuse 512</td></tr>
 *   <tr><td>segmenter</td><td>{@link PctSegmenterConfig#published}: 2,048 points, 128 channels, fuse 1,024</td>
 *       <td>1,024 points, 64 channels, fuse 256</td></tr>
 * </table>
 */
public final class Presets {
    /** Points of the light segmenter. */
    public static final int LIGHT_SEG_POINTS = 1024;
    /** Channels of the light segmenter. */
    public static final int LIGHT_SEG_CHANNELS = 64;
    /** Fuse channels of the light segmenter. */
    public static final int LIGHT_SEG_FUSE = 256;

    private Presets() {
    }

    /** The names of the presets. */
    public static String names() {
        return "pct, light";
    }

    /** A classifier preset with {@code classes} outputs and the given mixer. */
    public static PctClassifierConfig classifier(String variant, int classes, MixerConfig mixer) {
        PctClassifierConfig c = switch (variant.toLowerCase(Locale.ROOT)) {
            case "pct" -> PctClassifierConfig.published(classes);
            case "light" -> PctClassifierConfig.light(classes);
            default -> throw new IllegalArgumentException("unknown model '" + variant + "'; expected " + names());
        };
        return c.withMixer(mixer);
    }

    /** A ShapeNet-part segmenter preset (50 parts, 16 categories) with the given mixer. */
    public static PctSegmenterConfig segmenter(String variant, MixerConfig mixer) {
        PctSegmenterConfig c = switch (variant.toLowerCase(Locale.ROOT)) {
            case "pct" -> PctSegmenterConfig.published();
            case "light" -> new PctSegmenterConfig(ShapeNetPart.PARTS, ShapeNetPart.CATEGORIES, LIGHT_SEG_POINTS,
                    LIGHT_SEG_CHANNELS, LIGHT_SEG_FUSE, 0.5, MixerConfig.external());
            default -> throw new IllegalArgumentException("unknown model '" + variant + "'; expected " + names());
        };
        return c.withMixer(mixer);
    }
}

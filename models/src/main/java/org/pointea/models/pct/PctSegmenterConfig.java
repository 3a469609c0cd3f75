package org.pointea.models.pct;

import org.pointea.models.attention.MixerConfig;
import org.pointea.models.attention.MixerKind;

/**
 * Architecture of a {@link PctSegmenter}: PCT's part-segmentation network (no grouping; four
 * attention layers on all points; max + mean global features and a category embedding broadcast to
 * every point; a {@code 3·fuse + 64}-channel per-point head).
 *
 * @param parts      part classes (50 for ShapeNet-part)
 * @param categories object categories of the one-hot input (16 for ShapeNet-part)
 * @param points     points per cloud (2048 in the reference training)
 * @param channels   embedding and attention channels (128)
 * @param fuse       fuse channels (1024)
 * @param dropout    dropout after the first head layer
 * @param mixer      the attention mixer
 */
public record PctSegmenterConfig(int parts, int categories, int points, int channels, int fuse, double dropout,
                                 MixerConfig mixer) {

    /** Embedding channels of the category one-hot. */
    public static final int LABEL_CHANNELS = 64;
    /** First head layer. */
    public static final int HEAD1 = 512;
    /** Second head layer. */
    public static final int HEAD2 = 256;

    /** Validates. */
    public PctSegmenterConfig {
        if (parts <= 0 || categories <= 0 || points <= 0 || channels <= 0 || fuse <= 0) {
            throw new IllegalArgumentException("sizes must be positive");
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        if (mixer == null) {
            throw new IllegalArgumentException("mixer must not be null");
        }
        if (channels % mixer.heads() != 0 || (mixer.kind() == MixerKind.OFFSET && channels % 4 != 0)) {
            throw new IllegalArgumentException("channels " + channels + " do not suit " + mixer);
        }
    }

    /** PCT part segmentation as published: 50 parts, 16 categories, 2048 points, 128/1024 channels, EA. */
    public static PctSegmenterConfig published() {
        return new PctSegmenterConfig(50, 16, 2048, 128, 1024, 0.5, MixerConfig.external());
    }

    /** Channels entering the first head layer: {@code 3 · fuse + 64} (3136 as published). */
    public int headInput() {
        return 3 * fuse + LABEL_CHANNELS;
    }

    /** A copy with another mixer. */
    public PctSegmenterConfig withMixer(MixerConfig m) {
        return new PctSegmenterConfig(parts, categories, points, channels, fuse, dropout, m);
    }

    /** A copy with another number of points. */
    public PctSegmenterConfig withPoints(int n) {
        return new PctSegmenterConfig(parts, categories, n, channels, fuse, dropout, mixer);
    }

    /** A copy with another dropout rate. */
    public PctSegmenterConfig withDropout(double d) {
        return new PctSegmenterConfig(parts, categories, points, channels, fuse, d, mixer);
    }
}

package org.pointea.models.pct;

import org.pointea.models.attention.MixerConfig;
import org.pointea.models.attention.MixerKind;
import org.pointea.models.backend.Backend;
import org.pointea.models.backend.DType;
import org.pointea.models.network.ComposedNetwork;
import org.pointea.models.network.Network;
import org.pointea.models.network.NetworkConfig;
import org.pointea.models.network.WeightShapes;
import org.pointea.models.task.partseg.PartSegmentationHead;

/**
 * PCT's part-segmentation network ({@code pct_segmenter}): the {@link PctPointBackbone} (no
 * grouping; four attention layers on all points) and the {@link PartSegmentationHead} (max + mean
 * global features and a category embedding broadcast to every point; a {@code 3·fuse + 64}-channel
 * per-point head). Output: per-point part logits {@code [B·N, parts]}.
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
                                 MixerConfig mixer) implements NetworkConfig {

    /** The architecture's name in {@code model.json}. */
    public static final String ARCHITECTURE = "pct_segmenter";
    /** Embedding channels of the category one-hot. */
    public static final int LABEL_CHANNELS = PartSegmentationHead.LABEL_CHANNELS;
    /** First head layer. */
    public static final int HEAD1 = PartSegmentationHead.HIDDEN1;
    /** Second head layer. */
    public static final int HEAD2 = PartSegmentationHead.HIDDEN2;

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

    /**
     * The light variant for CPUs: ShapeNet-part's 50 parts and 16 categories, 1,024 points, 64
     * channels, fuse 256, EA (the {@code light} preset of {@code pointea train}).
     */
    public static PctSegmenterConfig light() {
        return new PctSegmenterConfig(50, 16, 1024, 64, 256, 0.5, MixerConfig.external());
    }

    /**
     * A named preset ({@code pct}: {@link #published()}; {@code light}: {@link #light()}) with the
     * given mixer.
     *
     * @throws IllegalArgumentException for another name
     */
    public static PctSegmenterConfig preset(String variant, MixerConfig mixer) {
        PctSegmenterConfig c = switch (variant.toLowerCase(java.util.Locale.ROOT)) {
            case "pct" -> published();
            case "light" -> light();
            default -> throw new IllegalArgumentException("unknown model '" + variant + "'; expected pct, light");
        };
        return c.withMixer(mixer);
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
    @Override
    public PctSegmenterConfig withPoints(int n) {
        return new PctSegmenterConfig(parts, categories, n, channels, fuse, dropout, mixer);
    }

    /** A copy with another dropout rate. */
    public PctSegmenterConfig withDropout(double d) {
        return new PctSegmenterConfig(parts, categories, points, channels, fuse, d, mixer);
    }

    @Override
    public String architecture() {
        return ARCHITECTURE;
    }

    @Override
    public String task() {
        return "part_segmentation";
    }

    @Override
    public int outputs() {
        return parts;
    }

    @Override
    public String summary() {
        return "mixer " + mixer;
    }

    @Override
    public Network create(Backend backend, DType dtype, long seed) {
        return ComposedNetwork.build(this, backend, dtype, seed,
                p -> new PctPointBackbone(p, channels, fuse, mixer),
                (p, backbone) -> new PartSegmentationHead(p, backbone.channels(), categories, parts, dropout));
    }

    @Override
    public long largestActivation() {
        return (long) points * Math.max(headInput(), HEAD1);
    }

    /** Checks the widths against the PyTorch-named tensors of the PCT part segmenter's layers. */
    @Override
    public void checkWeights(WeightShapes w) {
        w.expect("channels", "conv1.weight", channels, 3)
                .expect("channels", "conv2.weight", channels, channels)
                .expect("fuse", "conv_fuse.0.weight", fuse, 4L * channels)
                .expect("categories", "label_conv.0.weight", LABEL_CHANNELS, categories)
                .expect("fuse", "convs1.weight", HEAD1, headInput())
                .expect("parts", "convs3.weight", parts, HEAD2);
        if (mixer.kind() == MixerKind.EXTERNAL) {
            w.expectFirst("mixer", "sa1.", ".mk.weight", mixer.slots(), channels / mixer.heads());
        }
    }
}

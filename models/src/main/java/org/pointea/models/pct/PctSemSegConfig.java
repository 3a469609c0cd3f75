package org.pointea.models.pct;

import java.util.Locale;
import org.pointea.models.attention.MixerConfig;
import org.pointea.models.attention.MixerKind;
import org.pointea.models.backend.Backend;
import org.pointea.models.backend.DType;
import org.pointea.models.network.ComposedNetwork;
import org.pointea.models.network.Network;
import org.pointea.models.network.NetworkConfig;
import org.pointea.models.network.WeightShapes;
import org.pointea.models.task.semseg.SemanticSegmentationHead;
import org.pointea.models.task.semseg.SemanticSegmentationTask;
import org.pointea.pointcloud.scene.BlockFeatures;

/**
 * PCT's segmentation network for scenes ({@code pct_semseg}): the {@link PctPointBackbone} over
 * each point's position in its block and the chosen channels ({@link BlockFeatures}: colours,
 * intensity, normals), and the {@link SemanticSegmentationHead} (block max + mean broadcast to every
 * point, {@code 3·fuse → head1 → head2 → classes}, no category input). Trained on
 * {@code block × block} columns of {@code points} points; whole scans are labelled tile by tile with
 * the same columns. Output: per-point class logits {@code [B·N, classes]}.
 *
 * @param classes  scene classes
 * @param points   points per block
 * @param block    the side of a block, metres (the tiles at inference have it too)
 * @param inputs   the input channels besides the position
 * @param channels embedding and attention channels
 * @param fuse     fuse channels
 * @param head1    first head layer
 * @param head2    second head layer
 * @param dropout  dropout after the first head layer
 * @param mixer    the attention mixer
 */
public record PctSemSegConfig(int classes, int points, double block, BlockFeatures inputs, int channels, int fuse,
                              int head1, int head2, double dropout, MixerConfig mixer) implements NetworkConfig {

    /** The architecture's name in {@code model.json}. */
    public static final String ARCHITECTURE = "pct_semseg";

    /** Validates. */
    public PctSemSegConfig {
        if (classes <= 0 || points <= 0 || channels <= 0 || fuse <= 0 || head1 <= 0 || head2 <= 0) {
            throw new IllegalArgumentException("sizes must be positive");
        }
        if (!(block > 0) || !Double.isFinite(block)) {
            throw new IllegalArgumentException("block must be positive, got " + block);
        }
        if (inputs == null || mixer == null) {
            throw new IllegalArgumentException("inputs and mixer must not be null");
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        if (channels % mixer.heads() != 0 || (mixer.kind() == MixerKind.OFFSET && channels % 4 != 0)) {
            throw new IllegalArgumentException("channels " + channels + " do not suit " + mixer);
        }
    }

    /**
     * PCT's segmentation widths (128 / 1024, head 512–256) on PointNet's S3DIS blocks (1 m, 4,096
     * points), External Attention.
     *
     * @param classes the classes
     * @param inputs  the channels besides the position
     * @return the configuration
     */
    public static PctSemSegConfig published(int classes, BlockFeatures inputs) {
        return new PctSemSegConfig(classes, 4096, 1.0, inputs, 128, 1024, 512, 256, 0.5, MixerConfig.external());
    }

    /**
     * The light variant for CPUs: 64 / 256 channels, head 256–128, the same 1 m blocks of 4,096
     * points, External Attention.
     *
     * @param classes the classes
     * @param inputs  the channels besides the position
     * @return the configuration
     */
    public static PctSemSegConfig light(int classes, BlockFeatures inputs) {
        return new PctSemSegConfig(classes, 4096, 1.0, inputs, 64, 256, 256, 128, 0.5, MixerConfig.external());
    }

    /**
     * A named preset ({@code pct}, {@code light}) with the given mixer.
     *
     * @throws IllegalArgumentException for another name
     */
    public static PctSemSegConfig preset(String variant, int classes, BlockFeatures inputs, MixerConfig mixer) {
        PctSemSegConfig c = switch (variant.toLowerCase(Locale.ROOT)) {
            case "pct" -> published(classes, inputs);
            case "light" -> light(classes, inputs);
            default -> throw new IllegalArgumentException("unknown model '" + variant + "'; expected pct, light");
        };
        return c.withMixer(mixer);
    }

    /** Values per point entering the network: the position and the chosen channels. */
    public int inputWidth() {
        return inputs.width();
    }

    /** A copy with another mixer. */
    public PctSemSegConfig withMixer(MixerConfig m) {
        return new PctSemSegConfig(classes, points, block, inputs, channels, fuse, head1, head2, dropout, m);
    }

    /** A copy with other input channels. */
    public PctSemSegConfig withInputs(BlockFeatures in) {
        return new PctSemSegConfig(classes, points, block, in, channels, fuse, head1, head2, dropout, mixer);
    }

    /** A copy with another block side. */
    public PctSemSegConfig withBlock(double side) {
        return new PctSemSegConfig(classes, points, side, inputs, channels, fuse, head1, head2, dropout, mixer);
    }

    @Override
    public PctSemSegConfig withPoints(int n) {
        return new PctSemSegConfig(classes, n, block, inputs, channels, fuse, head1, head2, dropout, mixer);
    }

    @Override
    public String architecture() {
        return ARCHITECTURE;
    }

    @Override
    public String task() {
        return SemanticSegmentationTask.ID;
    }

    @Override
    public int outputs() {
        return classes;
    }

    @Override
    public String summary() {
        return "mixer " + mixer + ", inputs " + inputs + ", blocks of " + block + " m x " + points + " points";
    }

    @Override
    public Network create(Backend backend, DType dtype, long seed) {
        return ComposedNetwork.build(this, backend, dtype, seed,
                p -> new PctPointBackbone(p, inputs.width(), channels, fuse, mixer),
                (p, backbone) -> new SemanticSegmentationHead(p, backbone.channels(), head1, head2, classes, dropout));
    }

    @Override
    public long largestActivation() {
        // the backbone's four attention outputs concatenated (4 · channels), the fuse layer, the
        // head's first layer over 3 · fuse (point, block max, block mean)
        return (long) points * Math.max(4L * channels, Math.max(3L * fuse, Math.max(fuse, head1)));
    }

    /** Checks the widths against the PyTorch-named tensors of the backbone and the semantic head. */
    @Override
    public void checkWeights(WeightShapes w) {
        w.expect("inputs", "conv1.weight", channels, inputs.width())
                .expect("channels", "conv2.weight", channels, channels)
                .expect("fuse", "conv_fuse.0.weight", fuse, 4L * channels)
                .expect("head1", "convs1.weight", head1, 3L * fuse)
                .expect("head2", "convs2.weight", head2, head1)
                .expect("classes", "convs3.weight", classes, head2);
        if (mixer.kind() == MixerKind.EXTERNAL) {
            w.expectFirst("mixer", "sa1.", ".mk.weight", mixer.slots(), channels / mixer.heads());
        }
    }
}

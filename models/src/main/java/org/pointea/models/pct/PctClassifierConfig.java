package org.pointea.models.pct;

import org.pointea.models.attention.MixerConfig;
import org.pointea.models.attention.MixerKind;
import org.pointea.models.backend.Backend;
import org.pointea.models.backend.DType;
import org.pointea.models.network.ComposedNetwork;
import org.pointea.models.network.Network;
import org.pointea.models.network.NetworkConfig;
import org.pointea.models.network.WeightShapes;
import org.pointea.models.task.classification.ClassificationHead;

/**
 * PCT's classification network ({@code pct_classifier}): the {@link PctCloudBackbone} (two
 * sample-and-group stages, four attention layers, concatenation, fuse, max pooling) and the
 * {@link ClassificationHead}, with selectable mixer and widths.
 *
 * <pre>{@code
 * PctClassifierConfig.published(40);                          // PCT as published, External Attention
 * PctClassifierConfig.published(40).withMixer(MixerConfig.offset());  // 2,876,136 parameters
 * PctClassifierConfig.light(40);                             // 512 points, half the channels
 * try (Network net = PctClassifierConfig.light(40).create(Backends.cpu(), DType.FLOAT, 42)) { ... }
 * }</pre>
 *
 * @param classes    output classes
 * @param points     points per cloud N
 * @param centres0   centres of the first sample-and-group stage (FPS over the N points)
 * @param centres1   centres of the second stage (FPS over the first stage's centres)
 * @param neighbours k of both kNN groupings (the centre is its own neighbour)
 * @param embed      channels of the point embedding (two conv-BN-ReLU)
 * @param local0     output channels of the first stage
 * @param local1     output channels of the second stage = attention channels
 * @param fuse       channels of the fuse layer (its input is 5 × local1)
 * @param head1      first head layer
 * @param head2      second head layer
 * @param dropout    dropout rate of the head
 * @param mixer      the attention mixer of the four attention layers
 */
public record PctClassifierConfig(int classes, int points, int centres0, int centres1, int neighbours, int embed,
                                  int local0, int local1, int fuse, int head1, int head2, double dropout,
                                  MixerConfig mixer) implements NetworkConfig {

    /** The architecture's name in {@code model.json}. */
    public static final String ARCHITECTURE = "pct_classifier";

    /** Validates. */
    public PctClassifierConfig {
        positive("classes", classes);
        positive("points", points);
        positive("centres0", centres0);
        positive("centres1", centres1);
        positive("neighbours", neighbours);
        positive("embed", embed);
        positive("local0", local0);
        positive("local1", local1);
        positive("fuse", fuse);
        positive("head1", head1);
        positive("head2", head2);
        if (centres0 > points || centres1 > centres0) {
            throw new IllegalArgumentException("need centres1 <= centres0 <= points, got "
                    + centres1 + ", " + centres0 + ", " + points);
        }
        if (neighbours > points || neighbours > centres0) {
            throw new IllegalArgumentException("neighbours " + neighbours + " exceed points (" + points
                    + ") or first-stage centres (" + centres0 + ")");
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        if (mixer == null) {
            throw new IllegalArgumentException("mixer must not be null");
        }
        if (local1 % mixer.heads() != 0 || (mixer.kind() == MixerKind.OFFSET && local1 % 4 != 0)) {
            throw new IllegalArgumentException("attention channels " + local1 + " do not suit " + mixer);
        }
    }

    private static void positive(String name, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + v);
        }
    }

    /** PCT as published (1024 points, 512/256 centres, k = 32, 64-128-256 channels, fuse 1024, head 512-256), EA. */
    public static PctClassifierConfig published(int classes) {
        return new PctClassifierConfig(classes, 1024, 512, 256, 32, 64, 128, 256, 1024, 512, 256, 0.5,
                MixerConfig.external());
    }

    /** The light variant for CPUs and embedded use: 512 points, 256/128 centres, k = 16, half the channels. */
    public static PctClassifierConfig light(int classes) {
        return new PctClassifierConfig(classes, 512, 256, 128, 16, 32, 64, 128, 512, 256, 128, 0.5,
                MixerConfig.external());
    }

    /**
     * A named preset ({@code pct}: {@link #published}; {@code light}: {@link #light}) with
     * {@code classes} outputs and the given mixer.
     *
     * @throws IllegalArgumentException for another name
     */
    public static PctClassifierConfig preset(String variant, int classes, MixerConfig mixer) {
        PctClassifierConfig c = switch (variant.toLowerCase(java.util.Locale.ROOT)) {
            case "pct" -> published(classes);
            case "light" -> light(classes);
            default -> throw new IllegalArgumentException("unknown model '" + variant + "'; expected pct, light");
        };
        return c.withMixer(mixer);
    }

    /** A copy with another mixer. */
    public PctClassifierConfig withMixer(MixerConfig m) {
        return new PctClassifierConfig(classes, points, centres0, centres1, neighbours, embed, local0, local1, fuse,
                head1, head2, dropout, m);
    }

    /** A copy with another dropout rate. */
    public PctClassifierConfig withDropout(double d) {
        return new PctClassifierConfig(classes, points, centres0, centres1, neighbours, embed, local0, local1, fuse,
                head1, head2, d, mixer);
    }

    /**
     * A copy taking {@code n} points, both stages' centres scaled in proportion (at least 1) and k
     * capped at the first stage's centres.
     */
    @Override
    public PctClassifierConfig withPoints(int n) {
        if (n == points) {
            return this;
        }
        double f = n / (double) points;
        int c0 = Math.max(1, (int) Math.round(centres0 * f));
        return withGrouping(n, c0, Math.max(1, (int) Math.round(centres1 * f)), Math.min(neighbours, c0));
    }

    /** A copy with other grouping sizes (points, centres of both stages, k), widths unchanged. */
    public PctClassifierConfig withGrouping(int n, int s0, int s1, int k) {
        return new PctClassifierConfig(classes, n, s0, s1, k, embed, local0, local1, fuse, head1, head2, dropout,
                mixer);
    }

    /** A copy with other channel widths {embed, local0, local1, fuse, head1, head2}. */
    public PctClassifierConfig withWidths(int e, int l0, int l1, int f, int h1, int h2) {
        return new PctClassifierConfig(classes, points, centres0, centres1, neighbours, e, l0, l1, f, h1, h2, dropout,
                mixer);
    }

    @Override
    public String architecture() {
        return ARCHITECTURE;
    }

    @Override
    public String task() {
        return "classification";
    }

    @Override
    public int outputs() {
        return classes;
    }

    @Override
    public String summary() {
        return "mixer " + mixer;
    }

    @Override
    public Network create(Backend backend, DType dtype, long seed) {
        return ComposedNetwork.build(this, backend, dtype, seed, parts -> new PctCloudBackbone(parts, this),
                (parts, backbone) -> new ClassificationHead(parts, backbone.channels(), head1, head2, dropout,
                        classes));
    }

    /**
     * A batch whose grouping was computed elsewhere (a parity fixture's, a benchmark's), for a
     * network of this configuration.
     *
     * @throws IllegalArgumentException when its grouping sizes are not this configuration's
     */
    public PctGroupedBatch prepare(PctInput in) {
        check(in);
        return new PctGroupedBatch(in);
    }

    void check(PctInput in) {
        if (in.points() != points || in.centres0() != centres0 || in.centres1() != centres1 || in.k() != neighbours) {
            throw new IllegalArgumentException("input grouping " + in.points() + "/" + in.centres0() + "/"
                    + in.centres1() + "/k=" + in.k() + " does not match the network's " + points + "/"
                    + centres0 + "/" + centres1 + "/k=" + neighbours);
        }
    }

    @Override
    public long largestActivation() {
        return Math.max((long) centres0 * neighbours * 2 * Math.max(embed, local0),
                (long) points * Math.max(fuse, 5L * local1));
    }

    /** Checks the widths against the PyTorch-named tensors of the PCT classifier's layers. */
    @Override
    public void checkWeights(WeightShapes w) {
        w.expect("embed", "conv1.weight", embed, 3)
                .expect("embed", "conv2.weight", embed, embed)
                .expect("local0", "gather_local_0.conv1.weight", local0, 2L * embed)
                .expect("local1", "gather_local_1.conv1.weight", local1, 2L * local0)
                .expect("local1", "pt_last.conv1.weight", local1, local1)
                .expect("fuse", "conv_fuse.0.weight", fuse, 5L * local1)
                .expect("head1", "linear1.weight", head1, fuse)
                .expect("head2", "linear2.weight", head2, head1)
                .expect("classes", "linear3.weight", classes, head2);
        if (mixer.kind() == MixerKind.EXTERNAL) {
            w.expectFirst("mixer", "pt_last.sa1.", ".mk.weight", mixer.slots(), local1 / mixer.heads());
        }
    }
}

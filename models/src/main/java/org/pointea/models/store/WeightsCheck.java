package org.pointea.models.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.pointea.models.attention.MixerConfig;
import org.pointea.models.attention.MixerKind;
import org.pointea.models.pct.PctClassifierConfig;
import org.pointea.models.pct.PctSegmenterConfig;

/**
 * Checks a model's configuration against the shapes its weights file holds, before a network is
 * built: every width in {@code model.json} must be the size of the tensor that carries it in
 * {@code weights.npz} (read from the entries' headers, see {@link Npz#shapes}), so the parameters a
 * network allocates are the ones the file stores. The sizes that no weight carries (points,
 * centres, neighbours) have fixed ceilings instead.
 *
 * <p>Without this check, {@code model.json} was trusted: {@code fuse = 1e6} allocated 19.8 GB
 * before the weights were found not to fit. The tensors named here are the PyTorch names of the
 * PCT layers each width sizes ({@code conv_fuse.0.weight} is {@code [fuse, 5 x local1]}).
 *
 * <pre>{@code
 * WeightsCheck.check(spec, Npz.shapes(weightsFile), manifest, weightsFile);
 * }</pre>
 */
final class WeightsCheck {
    /** Most points a model may take per cloud (1,048,576; PCT takes 1,024 or 2,048). */
    static final int MAX_POINTS = 1 << 20;
    /** Most neighbours per group (PCT takes 32). */
    static final int MAX_NEIGHBOURS = 1024;
    /** Most values of one cloud's largest activation (2^28 floats, 1 GiB). */
    static final long MAX_ACTIVATION = 1L << 28;

    private WeightsCheck() {
    }

    /**
     * Checks the configuration of {@code spec} against the weights' shapes.
     *
     * @param spec     the model description from {@code model.json}
     * @param shapes   entry name to shape, from {@link Npz#shapes}
     * @param manifest {@code model.json}, named in errors about runtime sizes
     * @param weights  the weights file, named in errors about shapes
     * @throws ModelFormatException naming the configuration field and the tensor that disagree
     */
    static void check(ModelSpec spec, Map<String, long[]> shapes, Path manifest, Path weights)
            throws ModelFormatException {
        List<String> problems = new ArrayList<>();
        if (spec.classifier() != null) {
            PctClassifierConfig c = spec.classifier();
            expect(shapes, problems, "embed", "conv1.weight", c.embed(), 3);
            expect(shapes, problems, "embed", "conv2.weight", c.embed(), c.embed());
            expect(shapes, problems, "local0", "gather_local_0.conv1.weight", c.local0(), 2L * c.embed());
            expect(shapes, problems, "local1", "gather_local_1.conv1.weight", c.local1(), 2L * c.local0());
            expect(shapes, problems, "local1", "pt_last.conv1.weight", c.local1(), c.local1());
            expect(shapes, problems, "fuse", "conv_fuse.0.weight", c.fuse(), 5L * c.local1());
            expect(shapes, problems, "head1", "linear1.weight", c.head1(), c.fuse());
            expect(shapes, problems, "head2", "linear2.weight", c.head2(), c.head1());
            expect(shapes, problems, "classes", "linear3.weight", c.classes(), c.head2());
            memories(shapes, problems, "pt_last.sa1.", c.mixer(), c.local1());
        } else {
            PctSegmenterConfig c = spec.segmenter();
            expect(shapes, problems, "channels", "conv1.weight", c.channels(), 3);
            expect(shapes, problems, "channels", "conv2.weight", c.channels(), c.channels());
            expect(shapes, problems, "fuse", "conv_fuse.0.weight", c.fuse(), 4L * c.channels());
            expect(shapes, problems, "categories", "label_conv.0.weight", PctSegmenterConfig.LABEL_CHANNELS,
                    c.categories());
            expect(shapes, problems, "fuse", "convs1.weight", PctSegmenterConfig.HEAD1, c.headInput());
            expect(shapes, problems, "parts", "convs3.weight", c.parts(), PctSegmenterConfig.HEAD2);
            memories(shapes, problems, "sa1.", c.mixer(), c.channels());
        }
        if (!problems.isEmpty()) {
            throw new ModelFormatException(weights, "the configuration in " + ModelDirectory.MANIFEST
                    + " does not match the weights: " + String.join("; ", problems));
        }
        if (spec.classifier() != null) {
            PctClassifierConfig c = spec.classifier();
            runtime(manifest, c.points(), c.neighbours(),
                    (long) c.centres0() * c.neighbours() * 2 * Math.max(c.embed(), c.local0()),
                    (long) c.points() * Math.max(c.fuse(), 5L * c.local1()));
        } else {
            PctSegmenterConfig c = spec.segmenter();
            runtime(manifest, c.points(), 1, (long) c.points() * c.headInput(),
                    (long) c.points() * PctSegmenterConfig.HEAD1);
        }
    }

    private static void runtime(Path manifest, int points, int neighbours, long grouped, long pointwise)
            throws ModelFormatException {
        if (points > MAX_POINTS) {
            throw new ModelFormatException(manifest, "model.config.points = " + points + " exceeds " + MAX_POINTS);
        }
        if (neighbours > MAX_NEIGHBOURS) {
            throw new ModelFormatException(manifest, "model.config.neighbours = " + neighbours + " exceeds "
                    + MAX_NEIGHBOURS);
        }
        long largest = Math.max(grouped, pointwise);
        if (largest > MAX_ACTIVATION) {
            throw new ModelFormatException(manifest, "model.config asks for activations of " + largest
                    + " values per cloud, more than " + MAX_ACTIVATION);
        }
    }

    private static void expect(Map<String, long[]> shapes, List<String> problems, String field, String tensor,
                               long rows, long cols) {
        long[] want = {rows, cols};
        long[] have = shapes.get(tensor);
        if (have == null) {
            problems.add("model.config." + field + " sizes " + tensor + ", which the weights lack");
        } else if (!Arrays.equals(have, want)) {
            problems.add("model.config." + field + " makes " + tensor + " " + Arrays.toString(want)
                    + ", the weights hold " + Arrays.toString(have));
        }
    }

    /** External Attention's memory units: {@code mk.weight} is {@code [slots, channels / heads]}. */
    private static void memories(Map<String, long[]> shapes, List<String> problems, String layer, MixerConfig m,
                                 int channels) {
        if (m.kind() != MixerKind.EXTERNAL) {
            return;
        }
        String key = null;
        for (String name : shapes.keySet()) {
            if (name.startsWith(layer) && name.endsWith(".mk.weight")) {
                key = name;
                break;
            }
        }
        if (key == null) {
            problems.add("model.config.mixer.slots sizes " + layer + "*.mk.weight, which the weights lack");
            return;
        }
        long[] have = shapes.get(key);
        long[] want = {m.slots(), channels / m.heads()};
        if (!Arrays.equals(have, want)) {
            problems.add("model.config.mixer makes " + key + " " + Arrays.toString(want) + ", the weights hold "
                    + Arrays.toString(have));
        }
    }
}

package org.pointea.models.store;

import java.nio.file.Path;
import java.util.Map;
import org.pointea.models.network.NetworkConfig;
import org.pointea.models.network.WeightShapes;

/**
 * Checks a model's configuration against the shapes its weights file holds, before a network is
 * built: every width in {@code model.json} must be the size of the tensor that carries it in
 * {@code weights.npz} (read from the entries' headers, see {@link Npz#shapes}), so the parameters a
 * network allocates are the ones the file stores. The sizes that no weight carries (points,
 * centres, neighbours) have fixed ceilings instead.
 *
 * <p>Without this check, {@code model.json} was trusted: {@code fuse = 1e6} allocated 19.8 GB
 * before the weights were found not to fit. Each architecture names its own tensors
 * ({@link NetworkConfig#checkWeights}); the PCT configurations use the PyTorch names of the layers
 * each width sizes ({@code conv_fuse.0.weight} is {@code [fuse, 5 x local1]}).
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
        NetworkConfig c = spec.config();
        WeightShapes w = new WeightShapes(shapes);
        c.checkWeights(w);
        if (!w.mismatches().isEmpty()) {
            throw new ModelFormatException(weights, "the configuration in " + ModelDirectory.MANIFEST
                    + " does not match the weights: " + String.join("; ", w.mismatches()));
        }
        runtime(manifest, c.points(), c.neighbours(), c.largestActivation());
    }

    private static void runtime(Path manifest, int points, int neighbours, long largest)
            throws ModelFormatException {
        if (points > MAX_POINTS) {
            throw new ModelFormatException(manifest, "model.config.points = " + points + " exceeds " + MAX_POINTS);
        }
        if (neighbours > MAX_NEIGHBOURS) {
            throw new ModelFormatException(manifest, "model.config.neighbours = " + neighbours + " exceeds "
                    + MAX_NEIGHBOURS);
        }
        if (largest > MAX_ACTIVATION) {
            throw new ModelFormatException(manifest, "model.config asks for activations of " + largest
                    + " values per cloud, more than " + MAX_ACTIVATION);
        }
    }
}

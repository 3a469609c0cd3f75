package org.pointea.models.network;

import org.pointea.models.backend.Backend;
import org.pointea.models.backend.DType;

/**
 * A network's complete architecture (every width, the mixer, the number of points, the outputs):
 * what a model directory stores under {@code model.config} and rebuilds the network from.
 * Implementations are records of numbers, booleans, enums and nested records (stored field by
 * field, snake_case), registered under their {@link #architecture()} name by an
 * {@link ArchitectureProvider}.
 */
public interface NetworkConfig {

    /** The architecture's name in {@code model.json} ({@code pct_classifier}, {@code pct_segmenter}). */
    String architecture();

    /** The id of the task its head solves ({@code classification}, {@code part_segmentation}). */
    String task();

    /** Points per cloud the network takes. */
    int points();

    /** Output channels per row (classes, parts). */
    int outputs();

    /** Object categories a conditioned head takes per cloud (a part segmenter's), 0 for none. */
    default int categories() {
        return 0;
    }

    /**
     * A copy taking {@code points} points per cloud (an architecture with fixed grouping sizes
     * scales them in proportion).
     */
    NetworkConfig withPoints(int points);

    /** A short printable description for reports ({@code mixer external(S=64, heads=1), 1024 points}). */
    String summary();

    /** Neighbours per group the network gathers (1 when it groups none). */
    default int neighbours() {
        return 1;
    }

    /**
     * Values in one cloud's largest activation: a model directory whose configuration asks for
     * more than a fixed ceiling is refused before anything is allocated.
     */
    long largestActivation();

    /**
     * Records in {@code weights} every width of this configuration that disagrees with the tensor
     * that carries it, so that the parameters a network would allocate are the ones a weights file
     * stores (checked before the network is built).
     *
     * @param weights the shapes a weights file holds
     */
    void checkWeights(WeightShapes weights);

    /**
     * A new network with parameters drawn from {@code seed} (PyTorch's default initialisation).
     *
     * @param backend where its arrays live
     * @param dtype   {@code FLOAT}, or {@code DOUBLE} for gradient checks
     * @param seed    initialisation seed (dropout generators are seeded from it too)
     */
    Network create(Backend backend, DType dtype, long seed);
}

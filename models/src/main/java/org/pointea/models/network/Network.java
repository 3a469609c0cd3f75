package org.pointea.models.network;

import org.pointea.models.backend.Backend;
import org.pointea.models.backend.BufferRegistry;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.nn.ParamStore;

/**
 * A trainable network: a {@link Backbone} and a task {@link Head} on one {@link Backend}
 * (DJL's {@code Block}, reduced to what the trainer, evaluator and predictor need). Built from a
 * {@link NetworkConfig}; owns its parameters ({@link #parameters()}) and its activation memory
 * ({@link #buffers()}), both released by {@link #close()}.
 *
 * <pre>{@code
 * try (Network net = PctClassifierConfig.light(40).create(Backends.cpu(), DType.FLOAT, 42)) {
 *     PreparedBatch b = net.prepare(CloudBatch.of(32, 512, xyz));   // host work, any thread
 *     DeviceArray logits = net.forward(b, true);                     // [32, 40]
 *     double loss = crossEntropy.forward(logits, labels);
 *     net.backward(crossEntropy.gradient());                         // every parameter gradient
 *     optimizer.step(net.parameters());
 * }
 * }</pre>
 *
 * <p>The array {@link #forward} returns belongs to the network and stays valid until its next
 * call; {@link #backward} needs the training-mode forward pass just before it. Not thread-safe.
 */
public interface Network extends AutoCloseable {

    /** The configuration it was built from. */
    NetworkConfig config();

    /** The backend its arrays live on. */
    Backend backend();

    /** The floating-point type of its parameters and activations. */
    DType dtype();

    /** Parameters (with gradients) and running statistics, by PyTorch name. */
    ParamStore parameters();

    /** The activation and temporary memory. */
    BufferRegistry buffers();

    /** Number of trainable scalars. */
    default long parameterCount() {
        return parameters().count();
    }

    /**
     * Does the host-side work for a batch (grouping, index plans) on the calling thread. Pure Java,
     * thread-safe, no device memory: a loader thread calls it ahead of the training thread.
     *
     * @throws IllegalArgumentException when the batch does not fit the network (points, categories)
     */
    default PreparedBatch prepare(CloudBatch batch) {
        return prepare(batch, 1);
    }

    /**
     * As {@link #prepare(CloudBatch)} on {@code threads} threads (0 = all processors).
     *
     * @throws IllegalArgumentException when the batch does not fit the network (points, categories)
     */
    PreparedBatch prepare(CloudBatch batch, int threads);

    /**
     * Forward pass: the outputs, one row per cloud or per point as the head defines
     * ({@code [rows, config().outputs()]}). In training mode batch norms use and update batch
     * statistics and dropout is active.
     */
    DeviceArray forward(PreparedBatch batch, boolean training);

    /**
     * Backward pass from {@code dL/dOutputs} (consumed: may be overwritten); writes every
     * parameter's gradient (overwriting, never accumulating).
     *
     * @throws IllegalStateException when the last forward pass was not in training mode
     */
    void backward(DeviceArray dOutputs);

    /**
     * Restarts the dropout generators from {@code seed}. A trainer passes a value derived from its
     * seed and step, which makes the masks independent of any earlier history (exact resume).
     */
    void reseedDropout(long seed);

    /** Releases parameters and buffers; idempotent. */
    @Override
    void close();
}

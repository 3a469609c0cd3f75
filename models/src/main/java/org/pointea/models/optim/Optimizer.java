package org.pointea.models.optim;

import java.util.Map;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.nn.ParamStore;

/**
 * Updates every parameter of a store from its gradient, in place on the parameters' backend. Its
 * state (momentum buffers, moments, step counter) can be read and restored, so a checkpoint
 * resumes the same update sequence bit for bit. Not thread-safe.
 */
public interface Optimizer extends AutoCloseable {

    /** Applies one update using the gradients currently in the store. */
    void step(ParamStore params);

    /** The current learning rate. */
    double learningRate();

    /** Sets the learning rate (schedules call it before every step). */
    void setLearningRate(double lr);

    /** The type name stored with a checkpoint: {@code sgd}, {@code adam}, {@code adamw}. */
    String type();

    /**
     * The hyper-parameters stored with a checkpoint (besides the type, learning rate and step
     * counter), by snake_case name, e.g. {@code momentum}, {@code weight_decay}.
     */
    Map<String, Double> hyperParameters();

    /** Updates applied so far (Adam's bias-correction counter; 0 for optimizers without one). */
    long steps();

    /**
     * The state tensors by stored name ({@code velocity/<param>}; {@code m/<param>},
     * {@code v/<param>}), live arrays in parameter order; absent for a parameter before its first step.
     */
    Map<String, DeviceArray> state();

    /**
     * Replaces the state with saved tensors (taking ownership of them) and the step counter. The
     * caller has checked the names against {@link #stateNames} and the shapes against the parameters.
     *
     * @throws IllegalArgumentException when a name is not one of this optimizer's
     */
    void restore(long steps, Map<String, DeviceArray> state);

    /** The state names this optimizer keeps for parameter {@code param}. */
    java.util.List<String> stateNames(String param);

    /** Releases the state; idempotent. */
    @Override
    void close();
}

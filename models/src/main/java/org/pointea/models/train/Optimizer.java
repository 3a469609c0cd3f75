package org.pointea.models.train;

import org.pointea.models.nn.ParamStore;

/** Updates every parameter of a store from its gradient. Not thread-safe. */
public interface Optimizer extends AutoCloseable {

    /** Applies one update using the gradients currently in the store. */
    void step(ParamStore params);

    /** The current learning rate. */
    double learningRate();

    /** Sets the learning rate (for schedules). */
    void setLearningRate(double lr);

    @Override
    void close();
}

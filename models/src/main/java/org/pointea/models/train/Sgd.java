package org.pointea.models.train;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pointea.models.nn.Param;
import org.pointea.models.nn.ParamStore;

/**
 * Stochastic gradient descent with momentum and L2 weight decay, PyTorch's {@code torch.optim.SGD}
 * semantics (dampening 0, no Nesterov): {@code g += wd·p; v = μ·v + g (v = g on the first step);
 * p −= lr·v}. PCT's recipe is {@code Sgd(0.01, 0.9, 5e-4)} with a cosine schedule. Every update is
 * an in-place BLAS axpy or scale on the parameter's own arrays.
 */
public final class Sgd implements Optimizer {
    private double lr;
    private final double momentum;
    private final double weightDecay;
    private final Map<String, INDArray> velocity = new HashMap<>();

    /** SGD with the given learning rate, momentum and weight decay (all ≥ 0). */
    public Sgd(double lr, double momentum, double weightDecay) {
        if (lr < 0 || momentum < 0 || weightDecay < 0) {
            throw new IllegalArgumentException("lr, momentum and weight decay must be >= 0");
        }
        this.lr = lr;
        this.momentum = momentum;
        this.weightDecay = weightDecay;
    }

    /** PCT's classification recipe: lr 0.01, momentum 0.9, weight decay 5e-4. */
    public static Sgd pct() {
        return new Sgd(0.01, 0.9, 5e-4);
    }

    @Override
    public void step(ParamStore params) {
        for (Param p : params.params()) {
            INDArray g = p.grad();
            if (weightDecay != 0) {
                Nd4j.getBlasWrapper().level1().axpy(g.length(), weightDecay, p.value(), g);
            }
            INDArray step = g;
            if (momentum != 0) {
                INDArray v = velocity.get(p.name());
                if (v == null) {
                    v = g.dup();
                    velocity.put(p.name(), v);
                } else {
                    v.muli(momentum).addi(g);
                }
                step = v;
            }
            Nd4j.getBlasWrapper().level1().axpy(g.length(), -lr, step, p.value());
        }
    }

    /** The momentum μ. */
    public double momentum() {
        return momentum;
    }

    /** The L2 weight decay added to the gradient. */
    public double weightDecay() {
        return weightDecay;
    }

    /** The momentum buffers by parameter name (for persistence). */
    public Map<String, INDArray> state() {
        return velocity;
    }

    @Override
    public double learningRate() {
        return lr;
    }

    @Override
    public void setLearningRate(double lr) {
        this.lr = lr;
    }

    @Override
    public void close() {
        velocity.values().forEach(INDArray::close);
        velocity.clear();
    }
}

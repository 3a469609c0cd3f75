package org.pointea.models.optim;

import java.util.List;
import java.util.Map;
import org.pointea.models.backend.Backend;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.backend.ScalarOp;
import org.pointea.models.nn.Param;
import org.pointea.models.nn.ParamStore;

/**
 * AdamW (Loshchilov and Hutter, "Decoupled Weight Decay Regularization",
 * <a href="https://arxiv.org/abs/1711.05101">arXiv 1711.05101</a>), PyTorch's
 * {@code torch.optim.AdamW} semantics: every step first shrinks each parameter by
 * {@code 1 − lr·wd}, then applies a plain {@link Adam} update (no decay in the gradient).
 *
 * <pre>{@code
 * try (AdamW opt = new AdamW(1e-3, 0.01)) {
 *     opt.step(net.parameters());
 * }
 * }</pre>
 */
public final class AdamW implements Optimizer {
    private final Adam adam;
    private final double weightDecay;

    /** AdamW with the given learning rate and decoupled weight decay, betas (0.9, 0.999), eps 1e-8. */
    public AdamW(double lr, double weightDecay) {
        this(lr, 0.9, 0.999, 1e-8, weightDecay);
    }

    /** AdamW with every hyper-parameter given. */
    public AdamW(double lr, double beta1, double beta2, double eps, double weightDecay) {
        if (weightDecay < 0) {
            throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
        }
        this.adam = new Adam(lr, beta1, beta2, eps, 0);
        this.weightDecay = weightDecay;
    }

    @Override
    public void step(ParamStore params) {
        Backend be = params.backend();
        double shrink = 1 - adam.learningRate() * weightDecay;
        if (shrink != 1) {
            for (Param p : params.params()) {
                be.scalar(ScalarOp.MULTIPLY, p.value(), shrink, p.value());
            }
        }
        adam.step(params);
    }

    /** The inner Adam update (its moments, step counter and betas). */
    public Adam adam() {
        return adam;
    }

    /** The decoupled weight decay. */
    public double weightDecay() {
        return weightDecay;
    }

    @Override
    public String type() {
        return "adamw";
    }

    @Override
    public Map<String, Double> hyperParameters() {
        Map<String, Double> h = adam.hyperParameters();
        h.put("weight_decay", weightDecay);
        return h;
    }

    @Override
    public long steps() {
        return adam.steps();
    }

    @Override
    public Map<String, DeviceArray> state() {
        return adam.state();
    }

    @Override
    public List<String> stateNames(String param) {
        return adam.stateNames(param);
    }

    @Override
    public void restore(long steps, Map<String, DeviceArray> state) {
        adam.restore(steps, state);
    }

    @Override
    public double learningRate() {
        return adam.learningRate();
    }

    @Override
    public void setLearningRate(double lr) {
        adam.setLearningRate(lr);
    }

    @Override
    public void close() {
        adam.close();
    }
}

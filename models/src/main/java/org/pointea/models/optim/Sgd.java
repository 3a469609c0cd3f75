package org.pointea.models.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pointea.models.backend.Backend;
import org.pointea.models.backend.BinaryOp;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.backend.ScalarOp;
import org.pointea.models.nn.Param;
import org.pointea.models.nn.ParamStore;

/**
 * Stochastic gradient descent with momentum and L2 weight decay, PyTorch's {@code torch.optim.SGD}
 * semantics (dampening 0, no Nesterov): {@code g += wd·p; v = μ·v + g (v = g on the first step);
 * p −= lr·v}. PCT's recipe is {@code Sgd(0.01, 0.9, 5e-4)} with a cosine schedule. Every update is
 * an in-place axpy or scale on the parameter's own arrays.
 */
public final class Sgd implements Optimizer {
    private static final String VELOCITY = "velocity/";
    private double lr;
    private final double momentum;
    private final double weightDecay;
    private final Map<String, DeviceArray> velocity = new LinkedHashMap<>();

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
        Backend be = params.backend();
        for (Param p : params.params()) {
            DeviceArray g = p.grad();
            if (weightDecay != 0) {
                be.axpy(weightDecay, p.value(), g);
            }
            DeviceArray step = g;
            if (momentum != 0) {
                DeviceArray v = velocity.get(p.name());
                if (v == null) {
                    v = be.allocate(g.dtype(), g.shape());
                    be.copy(g, v);
                    velocity.put(p.name(), v);
                } else {
                    be.scalar(ScalarOp.MULTIPLY, v, momentum, v);
                    be.binary(BinaryOp.ADD, v, g, v);
                }
                step = v;
            }
            be.axpy(-lr, step, p.value());
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

    @Override
    public String type() {
        return "sgd";
    }

    @Override
    public Map<String, Double> hyperParameters() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("momentum", momentum);
        m.put("weight_decay", weightDecay);
        return m;
    }

    @Override
    public long steps() {
        return 0;
    }

    @Override
    public Map<String, DeviceArray> state() {
        Map<String, DeviceArray> m = new LinkedHashMap<>();
        velocity.forEach((name, v) -> m.put(VELOCITY + name, v));
        return m;
    }

    @Override
    public List<String> stateNames(String param) {
        return List.of(VELOCITY + param);
    }

    @Override
    public void restore(long steps, Map<String, DeviceArray> state) {
        for (String key : state.keySet()) {
            if (!key.startsWith(VELOCITY)) {
                throw new IllegalArgumentException("not an SGD state tensor: " + key);
            }
        }
        velocity.values().forEach(DeviceArray::close);
        velocity.clear();
        state.forEach((key, v) -> velocity.put(key.substring(VELOCITY.length()), v));
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
        velocity.values().forEach(DeviceArray::close);
        velocity.clear();
    }
}

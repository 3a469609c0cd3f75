package org.pointea.models.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pointea.models.backend.Backend;
import org.pointea.models.backend.BinaryOp;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.backend.ScalarOp;
import org.pointea.models.backend.UnaryOp;
import org.pointea.models.nn.Param;
import org.pointea.models.nn.ParamStore;

/**
 * Adam (Kingma and Ba, <a href="https://arxiv.org/abs/1412.6980">arXiv 1412.6980</a>) with L2
 * weight decay added to the gradient, PyTorch's {@code torch.optim.Adam} semantics.
 */
public final class Adam implements Optimizer {
    private static final String M = "m/";
    private static final String V = "v/";
    private double lr;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private long t;
    /** Per parameter: {m, v, tmp} (the third a scratch array). */
    private final Map<String, DeviceArray[]> moments = new LinkedHashMap<>();

    /** Adam with the given learning rate and weight decay, betas (0.9, 0.999), eps 1e-8. */
    public Adam(double lr, double weightDecay) {
        this(lr, 0.9, 0.999, 1e-8, weightDecay);
    }

    /** Adam with every hyper-parameter given. */
    public Adam(double lr, double beta1, double beta2, double eps, double weightDecay) {
        if (lr < 0 || beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1 || eps <= 0 || weightDecay < 0) {
            throw new IllegalArgumentException("invalid Adam hyper-parameters");
        }
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
    }

    @Override
    public void step(ParamStore params) {
        Backend be = params.backend();
        t++;
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        for (Param p : params.params()) {
            DeviceArray g = p.grad();
            if (weightDecay != 0) {
                be.axpy(weightDecay, p.value(), g);
            }
            DeviceArray[] s = moments.computeIfAbsent(p.name(), k -> new DeviceArray[] {
                be.zeros(g.dtype(), g.shape()), be.zeros(g.dtype(), g.shape()), be.zeros(g.dtype(), g.shape())});
            DeviceArray m = s[0];
            DeviceArray v = s[1];
            DeviceArray tmp = s[2];
            be.scalar(ScalarOp.MULTIPLY, m, beta1, m);
            be.axpy(1 - beta1, g, m);
            be.scalar(ScalarOp.MULTIPLY, v, beta2, v);
            be.copy(g, tmp);
            be.binary(BinaryOp.MULTIPLY, tmp, g, tmp);
            be.axpy(1 - beta2, tmp, v);
            // p −= lr/c1 · m / (sqrt(v/c2) + eps)
            be.copy(v, tmp);
            be.scalar(ScalarOp.DIVIDE, tmp, c2, tmp);
            be.unary(UnaryOp.SQRT, tmp, tmp);
            be.scalar(ScalarOp.ADD, tmp, eps, tmp);
            be.binary(BinaryOp.DIVIDE, m, tmp, tmp);
            be.axpy(-lr / c1, tmp, p.value());
        }
    }

    @Override
    public long steps() {
        return t;
    }

    /** The first-moment decay β1. */
    public double beta1() {
        return beta1;
    }

    /** The second-moment decay β2. */
    public double beta2() {
        return beta2;
    }

    /** The denominator's ε. */
    public double epsilon() {
        return eps;
    }

    /** The L2 weight decay added to the gradient. */
    public double weightDecay() {
        return weightDecay;
    }

    @Override
    public String type() {
        return "adam";
    }

    @Override
    public Map<String, Double> hyperParameters() {
        Map<String, Double> h = new LinkedHashMap<>();
        h.put("beta1", beta1);
        h.put("beta2", beta2);
        h.put("epsilon", eps);
        h.put("weight_decay", weightDecay);
        return h;
    }

    @Override
    public Map<String, DeviceArray> state() {
        Map<String, DeviceArray> out = new LinkedHashMap<>();
        moments.forEach((name, mv) -> out.put(M + name, mv[0]));
        moments.forEach((name, mv) -> out.put(V + name, mv[1]));
        return out;
    }

    @Override
    public List<String> stateNames(String param) {
        return List.of(M + param, V + param);
    }

    @Override
    public void restore(long steps, Map<String, DeviceArray> state) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        Map<String, DeviceArray[]> restored = new LinkedHashMap<>();
        for (Map.Entry<String, DeviceArray> e : state.entrySet()) {
            String key = e.getKey();
            boolean first = key.startsWith(M);
            if (!first && !key.startsWith(V)) {
                throw new IllegalArgumentException("not an Adam state tensor: " + key);
            }
            String param = key.substring(2);
            restored.computeIfAbsent(param, k -> new DeviceArray[3])[first ? 0 : 1] = e.getValue();
        }
        for (Map.Entry<String, DeviceArray[]> e : restored.entrySet()) {
            DeviceArray[] mv = e.getValue();
            if (mv[0] == null || mv[1] == null) {
                throw new IllegalArgumentException("Adam state of " + e.getKey() + " needs both m and v");
            }
            mv[2] = mv[0].backend().zeros(mv[0].dtype(), mv[0].shape());
        }
        close();
        moments.putAll(restored);
        this.t = steps;
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
        for (DeviceArray[] s : moments.values()) {
            for (DeviceArray a : s) {
                a.close();
            }
        }
        moments.clear();
    }
}

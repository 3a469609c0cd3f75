package org.pointea.models.optim;

import java.util.Locale;

/**
 * The optimizer and its learning-rate schedule: cosine annealing from {@code lr} to {@code minLr}
 * over the run, stepped every iteration ({@code lr(s) = min + (lr − min)(1 + cos(π s / S)) / 2} for
 * step s of S; PyTorch's {@code CosineAnnealingLR} with {@code T_max} = S).
 *
 * <pre>{@code
 * OptimizerSpec.pct();                                  // SGD 0.01 -> 1e-4, momentum 0.9, wd 5e-4
 * OptimizerSpec.defaults(OptimizerSpec.Type.ADAMW);    // AdamW 1e-3 -> 1e-5, wd 0.05
 * }</pre>
 *
 * @param type        SGD with momentum, Adam (L2 decay in the gradient) or AdamW (decoupled decay)
 * @param lr          initial learning rate
 * @param minLr       final learning rate of the cosine schedule
 * @param momentum    SGD momentum (ignored by Adam(W), whose betas are 0.9 and 0.999)
 * @param weightDecay weight decay
 */
public record OptimizerSpec(Type type, double lr, double minLr, double momentum, double weightDecay) {

    /** The optimizers. */
    public enum Type {
        /** {@link Sgd}: momentum, L2 weight decay (PCT's recipe). */
        SGD,
        /** {@link Adam}: L2 weight decay added to the gradient. */
        ADAM,
        /** {@link AdamW}: decoupled weight decay. */
        ADAMW;

        /** Parses {@code sgd|adam|adamw}. */
        public static Type parse(String s) {
            for (Type t : values()) {
                if (t.id().equalsIgnoreCase(s.strip())) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown optimizer '" + s + "'; expected sgd, adam or adamw");
        }

        /** Lower-case name. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Validates. */
    public OptimizerSpec {
        if (type == null) {
            throw new IllegalArgumentException("optimizer type must not be null");
        }
        if (!(lr > 0) || !(minLr >= 0) || minLr > lr) {
            throw new IllegalArgumentException("need 0 <= min lr <= lr and lr > 0, got lr " + lr + ", min " + minLr);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
        }
    }

    /** PCT's recipe: SGD, lr 0.01 annealed to 1e-4, momentum 0.9, weight decay 5e-4. */
    public static OptimizerSpec pct() {
        return new OptimizerSpec(Type.SGD, 0.01, 1e-4, 0.9, 5e-4);
    }

    /** The defaults of each type: SGD as {@link #pct()}; Adam 1e-3 → 1e-5, wd 1e-4; AdamW 1e-3 → 1e-5, wd 0.05. */
    public static OptimizerSpec defaults(Type type) {
        return switch (type) {
            case SGD -> pct();
            case ADAM -> new OptimizerSpec(Type.ADAM, 1e-3, 1e-5, 0.9, 1e-4);
            case ADAMW -> new OptimizerSpec(Type.ADAMW, 1e-3, 1e-5, 0.9, 0.05);
        };
    }

    /** A copy with another initial and final learning rate. */
    public OptimizerSpec withLr(double newLr, double newMin) {
        return new OptimizerSpec(type, newLr, newMin, momentum, weightDecay);
    }

    /** A copy with another weight decay. */
    public OptimizerSpec withWeightDecay(double wd) {
        return new OptimizerSpec(type, lr, minLr, momentum, wd);
    }

    /** A copy with another momentum. */
    public OptimizerSpec withMomentum(double m) {
        return new OptimizerSpec(type, lr, minLr, m, weightDecay);
    }

    /** A new optimizer at the initial learning rate. */
    public Optimizer create() {
        return switch (type) {
            case SGD -> new Sgd(lr, momentum, weightDecay);
            case ADAM -> new Adam(lr, weightDecay);
            case ADAMW -> new AdamW(lr, weightDecay);
        };
    }

    /** The learning rate at step {@code step} of {@code totalSteps}. */
    public double learningRate(long step, long totalSteps) {
        if (totalSteps <= 0) {
            return lr;
        }
        int total = (int) Math.min(Integer.MAX_VALUE, totalSteps);
        return new CosineSchedule(lr, minLr, total).at((int) Math.min(step, total));
    }
}

package org.pointea.models.task.classification;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.pointea.models.task.Prediction;

/**
 * A classifier's answer for one cloud: the logits, their softmax probabilities and the class names,
 * with the best class and the top k.
 *
 * <pre>{@code
 * Classification c = predictor.classify(cloud);
 * c.name();           // "chair"
 * c.probability();    // 0.93
 * c.top(5);           // [chair (8) 0.9300, stool (33) 0.0310, ...]
 * }</pre>
 * Immutable; accessors of arrays return copies.
 */
public final class Classification implements Prediction {
    private final float[] logits;
    private final float[] probabilities;
    private final List<String> names;
    private final int best;

    /**
     * Creates the answer from the network's logits.
     *
     * @param logits the logits, one per class (kept)
     * @param names  the class names (index = class)
     */
    public Classification(float[] logits, List<String> names) {
        Objects.requireNonNull(logits, "logits");
        this.names = List.copyOf(names);
        if (logits.length != this.names.size() || logits.length == 0) {
            throw new IllegalArgumentException(logits.length + " logits for " + this.names.size() + " class names");
        }
        this.logits = logits;
        this.probabilities = softmax(logits);
        int b = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[b]) {
                b = i;
            }
        }
        this.best = b;
    }

    /** Softmax in double precision, written as float (the largest logit is subtracted first). */
    static float[] softmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        double[] e = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            e[i] = Math.exp(logits[i] - max);
            sum += e[i];
        }
        float[] p = new float[logits.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (e[i] / sum);
        }
        return p;
    }

    @Override
    public String task() {
        return ClassificationTask.ID;
    }

    /** The most probable class (the lowest index among equal logits). */
    public int index() {
        return best;
    }

    /** The most probable class's name. */
    public String name() {
        return names.get(best);
    }

    /** The most probable class's probability. */
    public double probability() {
        return probabilities[best];
    }

    /** Number of classes. */
    public int classes() {
        return logits.length;
    }

    /** The class names (index = class). */
    public List<String> classNames() {
        return names;
    }

    /** The logits (a copy). */
    public float[] logits() {
        return logits.clone();
    }

    /** The softmax probabilities (a copy). */
    public float[] probabilities() {
        return probabilities.clone();
    }

    /**
     * The {@code k} most probable classes, most probable first (ties by the lower index); fewer when
     * the model has fewer classes.
     *
     * @param k how many, at least 1
     * @return the scores
     */
    public List<ClassScore> top(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        Integer[] order = new Integer[logits.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> logits[a] != logits[b] ? Float.compare(logits[b], logits[a]) : a - b);
        List<ClassScore> out = new ArrayList<>(Math.min(k, order.length));
        for (int i = 0; i < Math.min(k, order.length); i++) {
            out.add(new ClassScore(order[i], names.get(order[i]), probabilities[order[i]]));
        }
        return out;
    }

    /** True when both hold the same logits and class names. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Classification c && Arrays.equals(logits, c.logits) && names.equals(c.names);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(logits) + names.hashCode();
    }

    /** {@code Classification[chair (8) 0.9300, stool (33) 0.0310, ...]} (top 3). */
    @Override
    public String summary() {
        return String.format(java.util.Locale.ROOT, "%s (%.1f%%)", name(), 100 * probability());
    }

    @Override
    public String toString() {
        return "Classification" + top(3);
    }
}

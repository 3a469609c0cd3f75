package org.pointea.models.task.partseg;

import java.util.Arrays;
import java.util.Objects;
import org.pointea.models.task.Prediction;

/**
 * A part segmenter's answer for one cloud: a part label for every input point. The network saw
 * {@link #sampledIndices()} (the model's number of points, drawn from the input); each of them got
 * the most probable part among its category's parts (the ShapeNet-part "restricted argmax"), and
 * every other point the label of its nearest sampled point. Points with a NaN or infinite
 * coordinate get {@value #NO_LABEL}.
 *
 * <pre>{@code
 * PartSegmentation s = predictor.segment(cloud, "Airplane");
 * int[] parts = s.labels();              // global ShapeNet-part ids 0..49, one per input point
 * PointCloud labelled = cloud.toBuilder().labels(parts).build();
 * }</pre>
 * Immutable; accessors of arrays return copies.
 */
public final class PartSegmentation implements Prediction {
    /** The label of a point that could not be labelled (a non-finite coordinate). */
    public static final int NO_LABEL = -1;

    private final int category;
    private final String categoryName;
    private final int firstPart;
    private final int partCount;
    private final int[] labels;
    private final int[] sampled;

    /**
     * Creates the answer.
     *
     * @param category     the object category the parts were restricted to
     * @param categoryName its name
     * @param firstPart    the category's first global part id
     * @param partCount    its number of parts
     * @param labels       a global part id per input point, or {@link #NO_LABEL} (kept)
     * @param sampled      indices of the input points the network saw (kept)
     */
    public PartSegmentation(int category, String categoryName, int firstPart, int partCount, int[] labels,
                            int[] sampled) {
        this.category = category;
        this.categoryName = Objects.requireNonNull(categoryName, "categoryName");
        this.firstPart = firstPart;
        this.partCount = partCount;
        this.labels = Objects.requireNonNull(labels, "labels");
        this.sampled = Objects.requireNonNull(sampled, "sampled");
        if (partCount < 1 || firstPart < 0) {
            throw new IllegalArgumentException("bad part range " + firstPart + " + " + partCount);
        }
    }

    @Override
    public String task() {
        return PartSegmentationTask.ID;
    }

    /** The object category (index into the model's category names). */
    public int category() {
        return category;
    }

    /** The object category's name. */
    public String categoryName() {
        return categoryName;
    }

    /** The category's first global part id. */
    public int firstPart() {
        return firstPart;
    }

    /** The category's number of parts. */
    public int partCount() {
        return partCount;
    }

    /** Number of input points. */
    public int size() {
        return labels.length;
    }

    /** A global part id per input point, or {@link #NO_LABEL} (a copy). */
    public int[] labels() {
        return labels.clone();
    }

    /** The global part id of input point {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    /** The indices of the input points the network saw, in the network's order (a copy). */
    public int[] sampledIndices() {
        return sampled.clone();
    }

    /** Points per part of the category: entry j counts the points labelled {@code firstPart() + j}. */
    public int[] partCounts() {
        int[] counts = new int[partCount];
        for (int l : labels) {
            if (l != NO_LABEL) {
                counts[l - firstPart]++;
            }
        }
        return counts;
    }

    /** True when both hold the same category, labels and sampled points. */
    @Override
    public boolean equals(Object o) {
        return o instanceof PartSegmentation s && category == s.category && firstPart == s.firstPart
                && partCount == s.partCount && Arrays.equals(labels, s.labels) && Arrays.equals(sampled, s.sampled);
    }

    @Override
    public int hashCode() {
        return (31 * category + Arrays.hashCode(labels)) * 31 + Arrays.hashCode(sampled);
    }

    /** {@code PartSegmentation[Airplane, 10000 points, parts 0-3: [5120, 2011, 2269, 600]]}. */
    @Override
    public String summary() {
        StringBuilder sb = new StringBuilder();
        int[] counts = partCounts();
        for (int j = 0; j < counts.length; j++) {
            sb.append(j == 0 ? "" : ", ").append(firstPart + j).append(": ").append(counts[j]);
        }
        return categoryName + ", " + labels.length + " points (parts " + sb + ")";
    }

    @Override
    public int[] pointLabels() {
        return labels.clone();
    }

    @Override
    public String toString() {
        return "PartSegmentation[" + categoryName + ", " + labels.length + " points, parts " + firstPart + "-"
                + (firstPart + partCount - 1) + ": " + Arrays.toString(partCounts()) + "]";
    }
}

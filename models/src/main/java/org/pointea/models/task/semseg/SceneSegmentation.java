package org.pointea.models.task.semseg;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.pointea.models.task.Prediction;

/**
 * A scene segmenter's answer for a scan: a class for every input point ({@value #NO_LABEL} where a
 * point has a NaN or infinite coordinate), with the class names and what the tiling did.
 *
 * <pre>{@code
 * SceneSegmentation s = predictor.segmentScene(scan);
 * int[] classes = s.labels();                                  // one per point of scan
 * PointCloud labelled = scan.toBuilder().labels(classes).build();
 * }</pre>
 * Immutable; accessors of arrays return copies.
 */
public final class SceneSegmentation implements Prediction {
    /** The label of a point that could not be labelled. */
    public static final int NO_LABEL = -1;

    private final int[] labels;
    private final List<String> classNames;
    private final String how;

    /**
     * Creates the answer.
     *
     * @param labels     a class index per input point, or {@link #NO_LABEL} (kept)
     * @param classNames the class names
     * @param how        what produced it (tiles, passes, votes), for the summary
     */
    public SceneSegmentation(int[] labels, List<String> classNames, String how) {
        this.labels = Objects.requireNonNull(labels, "labels");
        this.classNames = List.copyOf(classNames);
        this.how = Objects.requireNonNull(how, "how");
    }

    @Override
    public String task() {
        return SemanticSegmentationTask.ID;
    }

    /** Returns a class index per input point (a copy). */
    public int[] labels() {
        return labels.clone();
    }

    @Override
    public int[] pointLabels() {
        return labels.clone();
    }

    /** Returns the class names; labels index into them. */
    public List<String> classNames() {
        return classNames;
    }

    /** Returns how many points got each class (index = class). */
    public long[] counts() {
        long[] c = new long[classNames.size()];
        for (int l : labels) {
            if (l >= 0) {
                c[l]++;
            }
        }
        return c;
    }

    @Override
    public String summary() {
        long[] c = counts();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%,d points (%s):", labels.length, how));
        for (int k = 0; k < c.length; k++) {
            if (c[k] > 0) {
                sb.append(String.format(Locale.ROOT, " %s %.1f%%", classNames.get(k), 100.0 * c[k] / labels.length));
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "SceneSegmentation(" + summary() + ")";
    }
}

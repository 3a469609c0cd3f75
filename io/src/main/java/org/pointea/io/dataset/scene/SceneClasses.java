package org.pointea.io.dataset.scene;

import java.util.List;

/** Class lists and channel names of scene datasets. */
public final class SceneClasses {
    /**
     * The 13 classes of S3DIS in label order, as PointNet's {@code sem_seg/meta/class_names.txt}
     * and every S3DIS loader number them: ceiling 0 ... clutter 12.
     */
    public static final List<String> S3DIS = List.of("ceiling", "floor", "wall", "beam", "column", "window", "door",
            "table", "chair", "sofa", "bookcase", "board", "clutter");

    /** The class S3DIS annotation files of other names (e.g. {@code stairs}) are counted as, as PointNet does. */
    public static final String S3DIS_OTHER = "clutter";

    /** The per-point channel holding object instance numbers (S3DIS's {@code chair_3} is instance 3 of chair). */
    public static final String INSTANCE = "instance";

    /** The label of points that are not scored and not trained on. */
    public static final int UNLABELLED = -1;

    private SceneClasses() {
    }

    /**
     * Returns the weight of each class for a class-balanced loss: PointNet++'s S3DIS weighting,
     * {@code (max_c f_c / f_c)^(1/3)} over the class frequencies {@code f}, 0 for a class without
     * points.
     *
     * @param classPoints the points of each class
     * @return one weight per class
     */
    public static double[] balancedWeights(long[] classPoints) {
        long max = 0;
        for (long c : classPoints) {
            max = Math.max(max, c);
        }
        double[] w = new double[classPoints.length];
        for (int c = 0; c < w.length; c++) {
            w[c] = classPoints[c] == 0 ? 0 : Math.cbrt((double) max / classPoints[c]);
        }
        return w;
    }
}

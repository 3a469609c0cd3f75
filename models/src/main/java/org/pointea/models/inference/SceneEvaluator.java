package org.pointea.models.inference;

import java.io.IOException;
import java.util.Objects;
import org.pointea.eval.SemanticSegmentationEvaluator;
import org.pointea.io.dataset.scene.SceneDataset;
import org.pointea.models.task.semseg.SceneSegmentation;
import org.pointea.models.task.semseg.SemanticEvaluation;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.scene.TilingOptions;

/**
 * Scores a scene model on every point of the scenes of a split (not on sampled blocks): each scene
 * is loaded, labelled whole by {@link Predictor#segmentScene} (tiles and votes), and its points
 * added to one {@link SemanticSegmentationEvaluator}; one scene is in memory at a time.
 *
 * <pre>{@code
 * SceneDataset test = SceneDataset.builder().setRoot(dir).optSplit(Split.TEST).build();
 * test.prepare();
 * try (Predictor p = Predictor.load(run)) {
 *     SemanticEvaluation e = SceneEvaluator.evaluate(p, test, null, SceneEvaluator.Progress.NONE);
 *     System.out.print(e.summary());   // OA, mAcc, mIoU, IoU per class
 * }
 * }</pre>
 */
public final class SceneEvaluator {
    private SceneEvaluator() {
    }

    /** Receives progress: scenes done out of all. */
    @FunctionalInterface
    public interface Progress {
        /** Ignores progress. */
        Progress NONE = (done, total, id) -> { };

        /**
         * Reports a scene done.
         *
         * @param done  scenes done
         * @param total scenes
         * @param id    the scene just done
         */
        void update(int done, int total, String id);
    }

    /**
     * Scores a model on every point of a prepared split.
     *
     * @param predictor a scene model's predictor
     * @param scenes    the prepared split, with the model's classes
     * @param options   the tiling, or null for the model's blocks every half block
     * @param progress  receives a line per scene
     * @return the scores
     * @throws IOException when a scene cannot be loaded
     * @throws IllegalArgumentException when the split's classes are not the model's
     */
    public static SemanticEvaluation evaluate(Predictor predictor, SceneDataset scenes, TilingOptions options,
                                              Progress progress) throws IOException {
        Objects.requireNonNull(progress, "progress");
        if (!scenes.classNames().equals(predictor.labels())) {
            throw new IllegalArgumentException("the scenes' classes " + scenes.classNames() + " are not the model's "
                    + predictor.labels());
        }
        SemanticSegmentationEvaluator eval = new SemanticSegmentationEvaluator(predictor.labels());
        for (int i = 0; i < scenes.size(); i++) {
            PointCloud scene = scenes.load(i);
            SceneSegmentation s = options == null ? predictor.segmentScene(scene)
                    : predictor.segmentScene(scene, options);
            int[] pred = s.labels();
            for (int p = 0; p < pred.length; p++) {
                if (pred[p] < 0) {
                    pred[p] = 0; // a point with NaN coordinates: scored as wrong unless it is unlabelled
                }
            }
            eval.add(scene.labels(), pred);
            progress.update(i + 1, scenes.size(), scenes.id(i));
        }
        return new SemanticEvaluation(eval.result(), Double.NaN, 1, "all points of " + scenes.size() + " "
                + scenes.split().id() + " scenes");
    }
}

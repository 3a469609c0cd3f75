package org.pointea.models.trainer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pointea.eval.ArgMax;
import org.pointea.eval.ClassificationResult;
import org.pointea.eval.ConfusionMatrix;
import org.pointea.eval.LogitVotes;
import org.pointea.eval.PartSegmentationEvaluator;
import org.pointea.eval.PartSegmentationResult;
import org.pointea.eval.report.SegmentedShape;
import org.pointea.io.dataset.PointCloudDataset;
import org.pointea.io.dataset.Task;
import org.pointea.models.data.Augmentations;
import org.pointea.models.data.Prefetcher;
import org.pointea.models.pct.PctBatch;
import org.pointea.models.pct.PctClassifier;
import org.pointea.models.pct.PctSegmenter;
import org.pointea.models.store.ModelDirectory;
import org.pointea.models.train.CrossEntropy;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.ShapeNetPart;
import org.pointea.pointcloud.transform.PointTransform;

/**
 * Scores a network on a dataset split with the standard conventions (OA and mean class accuracy;
 * ShapeNet-part instance and class mIoU with the restricted argmax), optionally voting: K passes,
 * the first on the shapes as stored and the others with the test-time augmentation (each shape's
 * draw seeded by (seed, vote, shape)), logits averaged per shape or per point ({@link LogitVotes}).
 * Batches are read on background threads in a fixed order, so the result does not depend on
 * timing.
 *
 * <pre>{@code
 * Evaluation e = Evaluator.evaluate(ModelDirectory.open(run.resolve("best")), testSet,
 *     Evaluator.Settings.defaults(Task.CLASSIFICATION).withVotes(10), Evaluator.Progress.NONE);
 * System.out.println(e.metrics());   // {acc=0.97, macc=0.96, loss=0.61}
 * }</pre>
 */
public final class Evaluator {
    /** The default test-time augmentation of classification votes (RS-CNN / PointMLP style scaling). */
    public static final String CLS_VOTE_AUGMENTATION = "scale(0.85,1.15),shuffle";
    /** The default test-time augmentation of segmentation votes (keeps every point in place). */
    public static final String SEG_VOTE_AUGMENTATION = "scale(0.85,1.15)";

    private Evaluator() {
    }

    /** Receives progress: {@code done} of {@code total} batch passes. */
    @FunctionalInterface
    public interface Progress {
        /** No progress output. */
        Progress NONE = (done, total) -> { };

        /** A batch pass is done. */
        void update(int done, int total);
    }

    /**
     * How to evaluate.
     *
     * @param batchSize        shapes per forward pass
     * @param votes            passes per shape (1 = no voting)
     * @param voteAugmentation test-time augmentation spec ({@link Augmentations}) of passes 2..K
     * @param seed             seed of the test-time augmentation
     * @param loaderThreads    background threads reading batches (0 = none)
     * @param smoothing        label smoothing of the reported loss (as in training)
     * @param shapes           segmented shapes to keep for a report (one per category, in dataset order)
     */
    public record Settings(int batchSize, int votes, String voteAugmentation, long seed, int loaderThreads,
                           double smoothing, int shapes) {
        /** Validates. */
        public Settings {
            if (batchSize < 1 || votes < 1 || loaderThreads < 0 || shapes < 0) {
                throw new IllegalArgumentException("bad evaluation settings: batch " + batchSize + ", votes " + votes);
            }
            voteAugmentation = Augmentations.canonical(Objects.requireNonNull(voteAugmentation, "voteAugmentation"));
        }

        /** Batch 32, one pass, the task's default vote augmentation, seed 0, 1 loader thread, 4 shapes. */
        public static Settings defaults(Task task) {
            return new Settings(32, 1, task == Task.CLASSIFICATION ? CLS_VOTE_AUGMENTATION : SEG_VOTE_AUGMENTATION,
                    0, 1, task == Task.CLASSIFICATION ? 0.2 : 0.0, 4);
        }

        /** A copy with K votes. */
        public Settings withVotes(int k) {
            return new Settings(batchSize, k, voteAugmentation, seed, loaderThreads, smoothing, shapes);
        }

        /** A copy with another batch size. */
        public Settings withBatchSize(int b) {
            return new Settings(b, votes, voteAugmentation, seed, loaderThreads, smoothing, shapes);
        }

        /** A copy with another vote augmentation. */
        public Settings withVoteAugmentation(String spec) {
            return new Settings(batchSize, votes, spec, seed, loaderThreads, smoothing, shapes);
        }

        /** A copy with another seed. */
        public Settings withSeed(long s) {
            return new Settings(batchSize, votes, voteAugmentation, s, loaderThreads, smoothing, shapes);
        }

        /** A copy with another loader thread count. */
        public Settings withLoaderThreads(int n) {
            return new Settings(batchSize, votes, voteAugmentation, seed, n, smoothing, shapes);
        }

        /** A copy with another loss smoothing. */
        public Settings withSmoothing(double eps) {
            return new Settings(batchSize, votes, voteAugmentation, seed, loaderThreads, eps, shapes);
        }

        /** A copy keeping another number of segmented shapes. */
        public Settings withShapes(int n) {
            return new Settings(batchSize, votes, voteAugmentation, seed, loaderThreads, smoothing, n);
        }
    }

    /** The scores of one evaluation. */
    public sealed interface Evaluation permits ClassificationEvaluation, SegmentationEvaluation {
        /** Mean loss of the first (plain) pass. */
        double loss();

        /** Passes per shape. */
        int votes();

        /**
         * The headline numbers by metric name, without prefix: classification {@code loss},
         * {@code acc} (OA), {@code macc}; segmentation {@code loss}, {@code acc} (points),
         * {@code instance_miou}, {@code class_miou}.
         */
        Map<String, Double> metrics();
    }

    /**
     * Classification scores.
     *
     * @param result      OA, mAcc, per-class table and confusion matrix
     * @param loss        mean loss of the plain pass
     * @param votes       passes per shape
     * @param labels      ground truth per shape (dataset order)
     * @param predictions prediction per shape (dataset order)
     */
    public record ClassificationEvaluation(ClassificationResult result, double loss, int votes, int[] labels,
                                           int[] predictions) implements Evaluation {
        @Override
        public Map<String, Double> metrics() {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("loss", loss);
            m.put("acc", result.oa());
            m.put("macc", result.macc());
            return m;
        }
    }

    /**
     * Part-segmentation scores.
     *
     * @param result the ShapeNet-part scores (instance and class mIoU, per category)
     * @param loss   mean loss of the plain pass, over points
     * @param votes  passes per shape
     * @param shapes a few segmented shapes for a report
     */
    public record SegmentationEvaluation(PartSegmentationResult result, double loss, int votes,
                                         List<SegmentedShape> shapes) implements Evaluation {
        @Override
        public Map<String, Double> metrics() {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("loss", loss);
            m.put("acc", result.pointAccuracy());
            m.put("instance_miou", result.instanceMiou());
            m.put("class_miou", result.classMiou());
            return m;
        }
    }

    /**
     * Evaluates a saved model (the network is created, used and released here).
     *
     * @param model    the model directory
     * @param data     the split to score (prepared, same points as the model)
     * @param settings how
     * @param progress receives progress
     * @return the scores
     * @throws IOException when the weights cannot be read
     */
    public static Evaluation evaluate(ModelDirectory model, PointCloudDataset data, Settings settings,
                                      Progress progress) throws IOException {
        if (model.spec().task() == Task.CLASSIFICATION) {
            try (PctClassifier net = model.createClassifier()) {
                return classification(net, data, model.spec().labels(), settings, progress);
            }
        }
        try (PctSegmenter net = model.createSegmenter()) {
            return segmentation(net, data, settings, progress);
        }
    }

    private record Pass<B>(int batch, int vote, B data) {
    }

    /**
     * Scores a classifier.
     *
     * @param net        the network (used in inference mode)
     * @param data       the split
     * @param classNames class names (index = label)
     * @param s          settings
     * @param progress   progress
     * @return the scores
     */
    public static ClassificationEvaluation classification(PctClassifier net, PointCloudDataset data,
                                                          List<String> classNames, Settings s, Progress progress) {
        int n = data.size();
        int classes = net.config().classes();
        int bs = s.batchSize();
        int batches = (n + bs - 1) / bs;
        int total = batches * s.votes();
        PointTransform tta = Augmentations.parse(s.voteAugmentation());
        int[] labels = new int[n];
        double lossSum = 0;
        ConfusionMatrix cm = new ConfusionMatrix(classes);
        int[] predictions = new int[n];
        try (CrossEntropy ce = CrossEntropy.of(s.smoothing());
             Prefetcher<Pass<ClsPrepared>> passes = new Prefetcher<>(0, total, t -> {
                 int b = t / s.votes();
                 int k = t % s.votes();
                 int[] idx = Batches.slice(null, b * bs, Math.min(n, (b + 1) * bs));
                 Batches.Cls c = Batches.classification(data, idx, Batches.vote(tta, s.seed(), k), net.config());
                 return new Pass<>(b, k, new ClsPrepared(net.prepare(c.input()), c.labels()));
             }, s.loaderThreads(), Math.max(2, 2 * s.loaderThreads()), "pointea-eval")) {
            LogitVotes votes = null;
            int done = 0;
            while (passes.hasNext()) {
                Pass<ClsPrepared> p = passes.next();
                ClsPrepared cp = p.data();
                try (PctBatch pb = cp.batch()) {
                    int first = p.batch() * bs;
                    int rows = pb.batch();
                    if (p.vote() == 0) {
                        votes = new LogitVotes(rows, classes);
                    }
                    INDArray logits = net.forward(pb, false);
                    if (p.vote() == 0) {
                        lossSum += ce.compute(logits, cp.labels()) * rows;
                        System.arraycopy(cp.labels(), 0, labels, first, rows);
                    }
                    votes.add(logits.castTo(DataType.FLOAT).reshape(-1).toFloatVector());
                    if (p.vote() == s.votes() - 1) {
                        int[] pred = votes.argmax();
                        System.arraycopy(pred, 0, predictions, first, rows);
                        cm.add(cp.labels(), pred);
                    }
                }
                progress.update(++done, total);
            }
        }
        return new ClassificationEvaluation(cm.result(classNames), n == 0 ? Double.NaN : lossSum / n, s.votes(),
                labels, predictions);
    }

    /** A prepared classification batch and its labels (typed holder for the prefetcher). */
    private record ClsPrepared(PctBatch batch, int[] labels) {
    }

    /**
     * Scores a part segmenter: restricted argmax over each shape's category's parts (ground-truth
     * category), instance and class mIoU.
     *
     * @param net      the network (used in inference mode)
     * @param data     the split
     * @param s        settings
     * @param progress progress
     * @return the scores
     */
    public static SegmentationEvaluation segmentation(PctSegmenter net, PointCloudDataset data, Settings s,
                                                      Progress progress) {
        if (!Augmentations.keepsPointOrder(s.voteAugmentation())) {
            throw new IllegalArgumentException("segmentation votes need an augmentation that keeps every point in "
                    + "place (no dropout or shuffle), got " + s.voteAugmentation());
        }
        int n = data.size();
        int points = net.config().points();
        int parts = net.config().parts();
        int bs = s.batchSize();
        int batches = (n + bs - 1) / bs;
        int total = batches * s.votes();
        PointTransform tta = Augmentations.parse(s.voteAugmentation());
        PartSegmentationEvaluator eval = new PartSegmentationEvaluator();
        List<SegmentedShape> shapes = new ArrayList<>();
        Set<Integer> shownCategories = new HashSet<>();
        double lossSum = 0;
        long lossRows = 0;
        try (CrossEntropy ce = CrossEntropy.of(s.smoothing());
             Prefetcher<Pass<Batches.Seg>> passes = new Prefetcher<>(0, total, t -> {
                 int b = t / s.votes();
                 int k = t % s.votes();
                 int[] idx = Batches.slice(null, b * bs, Math.min(n, (b + 1) * bs));
                 return new Pass<>(b, k, Batches.segmentation(data, idx, Batches.vote(tta, s.seed(), k), points));
             }, s.loaderThreads(), Math.max(2, 2 * s.loaderThreads()), "pointea-eval")) {
            LogitVotes votes = null;
            Batches.Seg plain = null;
            int done = 0;
            while (passes.hasNext()) {
                Pass<Batches.Seg> p = passes.next();
                Batches.Seg seg = p.data();
                int rows = seg.parts().length;
                if (p.vote() == 0) {
                    votes = new LogitVotes(rows, parts);
                    plain = seg;
                }
                INDArray logits = net.forward(seg.input(), false);
                if (p.vote() == 0) {
                    lossSum += ce.compute(logits, seg.parts()) * rows;
                    lossRows += rows;
                }
                votes.add(logits.castTo(DataType.FLOAT).reshape(-1).toFloatVector());
                if (p.vote() == s.votes() - 1) {
                    float[] mean = votes.mean();
                    int[] cats = plain.input().categories();
                    for (int j = 0; j < cats.length; j++) {
                        eval.addShapeLogits(cats[j], plain.parts(), j * points, mean, j * points * parts, points);
                        if (shapes.size() < s.shapes() && shownCategories.add(cats[j])) {
                            shapes.add(shape(plain, j, points, parts, mean, eval));
                        }
                    }
                }
                progress.update(++done, total);
            }
        }
        return new SegmentationEvaluation(eval.result(), lossRows == 0 ? Double.NaN : lossSum / lossRows, s.votes(),
                shapes);
    }

    private static SegmentedShape shape(Batches.Seg seg, int j, int points, int parts, float[] logits,
                                        PartSegmentationEvaluator eval) {
        int cat = seg.input().categories()[j];
        float[] xyz = java.util.Arrays.copyOfRange(seg.input().xyz(), j * points * 3, (j + 1) * points * 3);
        int[] truth = java.util.Arrays.copyOfRange(seg.parts(), j * points, (j + 1) * points);
        int[] pred = new int[points];
        ArgMax.restricted(logits, j * points * parts, points, parts, ShapeNetPart.firstPart(cat),
                ShapeNetPart.partCount(cat), pred, 0);
        double[] ious = eval.shapeIous();
        String title = String.format(java.util.Locale.ROOT, "%s #%d  IoU %.3f", ShapeNetPart.categoryName(cat),
                seg.indices()[j], ious[ious.length - 1]);
        return new SegmentedShape(title, PointCloud.of(xyz), truth, pred);
    }
}

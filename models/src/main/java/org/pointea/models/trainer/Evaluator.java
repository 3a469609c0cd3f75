package org.pointea.models.trainer;

import java.io.IOException;
import java.util.Objects;
import org.pointea.eval.LogitVotes;
import org.pointea.io.dataset.PointCloudDataset;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.data.Augmentations;
import org.pointea.models.data.Prefetcher;
import org.pointea.models.loss.CrossEntropy;
import org.pointea.models.network.Network;
import org.pointea.models.network.PreparedBatch;
import org.pointea.models.store.ModelDirectory;
import org.pointea.models.store.ModelSpec;
import org.pointea.models.task.Evaluation;
import org.pointea.models.task.LabelledBatch;
import org.pointea.models.task.ModelTask;
import org.pointea.models.task.Scorer;
import org.pointea.pointcloud.transform.PointTransform;

/**
 * Scores a network on a dataset split with its task's conventions (OA and mean class accuracy;
 * ShapeNet-part instance and class mIoU with the restricted argmax; ... : the task's
 * {@link Scorer}), optionally voting: K passes, the first on the shapes as stored and the others
 * with the test-time augmentation (each shape's draw seeded by (seed, vote, shape)), outputs
 * summed per shape or per point ({@link LogitVotes}). Batches are read and prepared on background
 * threads in a fixed order, so the result does not depend on timing.
 *
 * <pre>{@code
 * Evaluation e = Evaluator.evaluate(ModelDirectory.open(run.resolve("best")), testSet,
 *     Evaluator.Settings.defaults(spec.task()).withVotes(10), Evaluator.Progress.NONE);
 * System.out.println(e.metrics());   // {loss=0.61, acc=0.97, macc=0.96}
 * }</pre>
 */
public final class Evaluator {

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
     * @param shapes           shapes to keep for a report's figures (one per category, in dataset order)
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

        /** Batch 32, one pass, the task's vote augmentation and smoothing, seed 0, 1 loader thread, 4 shapes. */
        public static Settings defaults(ModelTask task) {
            return new Settings(32, 1, task.defaultVoteAugmentation(), 0, 1, task.defaultSmoothing(), 4);
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

        /** A copy keeping another number of shapes for figures. */
        public Settings withShapes(int n) {
            return new Settings(batchSize, votes, voteAugmentation, seed, loaderThreads, smoothing, n);
        }
    }

    /**
     * Evaluates a saved model (the network is created on the default backend, used and released
     * here).
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
        try (Network net = model.createNetwork()) {
            return evaluate(net, model.spec(), data, settings, progress);
        }
    }

    private record Pass(int batch, int vote, LabelledBatch data, PreparedBatch prepared) {
    }

    /**
     * Scores a network (used in inference mode).
     *
     * @param net      the network
     * @param spec     its model (task, labels)
     * @param data     the split
     * @param s        settings
     * @param progress progress
     * @return the scores
     * @throws IllegalArgumentException when the task has per-point outputs and the vote augmentation moves points
     */
    public static Evaluation evaluate(Network net, ModelSpec spec, PointCloudDataset data, Settings s,
                                      Progress progress) {
        ModelTask task = spec.task();
        if (task.perPointOutputs() && !Augmentations.keepsPointOrder(s.voteAugmentation())) {
            throw new IllegalArgumentException(task.title() + " votes need an augmentation that keeps every point "
                    + "in place (no dropout or shuffle), got " + s.voteAugmentation());
        }
        int n = data.size();
        int points = spec.points();
        int outputs = spec.outputs();
        int bs = s.batchSize();
        int batches = (n + bs - 1) / bs;
        int total = batches * s.votes();
        PointTransform tta = Augmentations.parse(s.voteAugmentation());
        Scorer scorer = task.scorer(spec.config(), spec.labels(), s.shapes());
        double lossSum = 0;
        long lossRows = 0;
        try (CrossEntropy ce = CrossEntropy.of(s.smoothing());
             Prefetcher<Pass> passes = new Prefetcher<>(0, total, t -> {
                 int b = t / s.votes();
                 int k = t % s.votes();
                 int[] idx = Batches.slice(null, b * bs, Math.min(n, (b + 1) * bs));
                 LabelledBatch lb = task.read(data, idx, Batches.vote(tta, s.seed(), k), points);
                 return new Pass(b, k, lb, net.prepare(lb.clouds()));
             }, s.loaderThreads(), Math.max(2, 2 * s.loaderThreads()), "pointea-eval")) {
            LogitVotes votes = null;
            LabelledBatch plain = null;
            int done = 0;
            while (passes.hasNext()) {
                Pass p = passes.next();
                int rows = p.data().targets().length;
                if (p.vote() == 0) {
                    votes = new LogitVotes(rows, outputs);
                    plain = p.data();
                }
                DeviceArray out = net.forward(p.prepared(), false);
                if (p.vote() == 0) {
                    lossSum += ce.forward(out, p.data().targets()) * rows;
                    lossRows += rows;
                }
                votes.add(out.backend().toFloatArray(out));
                if (p.vote() == s.votes() - 1) {
                    scorer.add(plain, votes);
                }
                progress.update(++done, total);
            }
        }
        return scorer.result(lossRows == 0 ? Double.NaN : lossSum / lossRows, s.votes());
    }
}

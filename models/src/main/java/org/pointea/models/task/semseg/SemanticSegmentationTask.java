package org.pointea.models.task.semseg;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.pointea.eval.LogitVotes;
import org.pointea.eval.SemanticSegmentationEvaluator;
import org.pointea.io.dataset.CachedDataset;
import org.pointea.io.dataset.DatasetProgress;
import org.pointea.io.dataset.PointCloudDataset;
import org.pointea.io.dataset.Sample;
import org.pointea.io.dataset.Split;
import org.pointea.io.dataset.Subsampling;
import org.pointea.io.dataset.Task;
import org.pointea.io.dataset.scene.SceneBlocks;
import org.pointea.io.dataset.scene.SceneDataset;
import org.pointea.models.data.Augmentations;
import org.pointea.models.data.Preprocessing;
import org.pointea.models.data.SampleAugmenter;
import org.pointea.models.network.CloudBatch;
import org.pointea.models.network.NetworkConfig;
import org.pointea.models.pct.PctSemSegConfig;
import org.pointea.models.store.ModelSpec;
import org.pointea.models.task.CloudInput;
import org.pointea.models.task.Evaluation;
import org.pointea.models.task.LabelledBatch;
import org.pointea.models.task.ModelTask;
import org.pointea.models.task.Prediction;
import org.pointea.models.task.Scorer;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.neighbors.KdTree;
import org.pointea.pointcloud.scene.BlockFeatures;
import org.pointea.pointcloud.transform.ColumnCrop;
import org.pointea.pointcloud.transform.Compose;
import org.pointea.pointcloud.transform.Jitter;
import org.pointea.pointcloud.transform.RandomRotate;
import org.pointea.pointcloud.transform.RandomScale;

/**
 * Semantic segmentation of scenes (S3DIS, labelled scans; {@link Task#SEMANTIC_SEGMENTATION}): a
 * class for every point, no category input. Trained on blocks of the scenes ({@link SceneBlocks}:
 * the recipe's augmentation starts with a {@link ColumnCrop}, so every access draws a fresh 1 m
 * column of 4,096 points from the per-access random stream, then turns it about the vertical and
 * scales it slightly); points labelled -1 are not trained on or scored. Validated on fixed blocks
 * of the validation scenes by OA, mAcc and mIoU (the best model by mIoU); evaluated and predicted
 * on whole scans by tiling and voting ({@link org.pointea.models.inference.SceneEvaluator}, {@code Predictor.segmentScene}).
 */
public final class SemanticSegmentationTask implements ModelTask {
    /** The id in {@code model.json}. */
    public static final String ID = "semantic_segmentation";

    /**
     * The recipe's augmentation for PointNet's blocks: a fresh 1 m column of 4,096 points, a turn
     * about the vertical, a scale in [0.9, 1.1], a 5 mm jitter.
     */
    public static final String AUGMENTATION = augmentation(1f, 4096);

    /**
     * The recipe's augmentation for blocks of another shape.
     *
     * @param block  the block's side
     * @param points points per block
     * @return the augmentation, as canonical text
     */
    public static String augmentation(float block, int points) {
        return Compose.of(new ColumnCrop(block, points), RandomRotate.about(180f, 2), new RandomScale(0.9f, 1.1f),
                new Jitter(0.005f, 0.02f)).toString();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<String> aliases() {
        return List.of("semseg", "scene");
    }

    @Override
    public String title() {
        return "semantic-segmentation";
    }

    @Override
    public Task datasetTask() {
        return Task.SEMANTIC_SEGMENTATION;
    }

    @Override
    public int defaultBatchSize() {
        return 8;
    }

    @Override
    public double defaultSmoothing() {
        return 0.0;
    }

    @Override
    public String defaultAugmentation() {
        return AUGMENTATION;
    }

    @Override
    public String defaultVoteAugmentation() {
        return Augmentations.NONE;
    }

    @Override
    public boolean perPointOutputs() {
        return true;
    }

    @Override
    public String selectionMetric() {
        return "miou";
    }

    @Override
    public void checkLabels(NetworkConfig net, List<String> labels) {
        if (labels.size() != net.outputs()) {
            throw new IllegalArgumentException(labels.size() + " class names for " + net.outputs() + " classes");
        }
    }

    @Override
    public List<String> modelLabels(List<String> datasetLabels) {
        return List.copyOf(datasetLabels);
    }

    /** Scene datasets are not cached shape datasets: they are opened with {@link #openBlocks}. */
    @Override
    public CachedDataset.BaseBuilder<?> datasetBuilder() {
        throw new UnsupportedOperationException("scene datasets are read by SceneDataset / SceneBlocks "
                + "(SemanticSegmentationTask.openBlocks), not by a cached shape dataset");
    }

    @Override
    public Preprocessing defaultPreprocessing() {
        return new Preprocessing(Subsampling.RANDOM, Preprocessing.Normalization.NONE);
    }

    /**
     * Opens a split of a scene dataset as training blocks for a model: as many blocks per epoch as
     * the split has points divided by the block's points (each point seen about once an epoch, as
     * yanx27's loader with sample rate 1).
     *
     * @param dir      the dataset folder (S3DIS or labelled scans)
     * @param split    the split
     * @param spec     the model
     * @param progress receives the preparation's progress
     * @return the blocks
     * @throws IOException when the data is missing or malformed
     */
    public static SceneBlocks openBlocks(Path dir, Split split, ModelSpec spec, DatasetProgress progress)
            throws IOException {
        PctSemSegConfig c = config(spec.config());
        SceneDataset ds = SceneDataset.builder().setRoot(dir).optSplit(split).build();
        var report = ds.prepare(progress);
        int blocks = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (report.points() + c.points() - 1) / c.points()));
        return SceneBlocks.of(ds, blocks, new ColumnCrop((float) c.block(), c.points()), 0).withInputs(c.inputs());
    }

    static PctSemSegConfig config(NetworkConfig net) {
        if (net instanceof PctSemSegConfig c) {
            return c;
        }
        throw new IllegalArgumentException("a semantic-segmentation network is a pct_semseg, not "
                + net.architecture());
    }

    @Override
    public void checkData(NetworkConfig net, List<String> labels, PointCloudDataset data, String what) {
        if (data.task() != Task.SEMANTIC_SEGMENTATION) {
            throw new IllegalArgumentException("the " + what + " data is not for semantic segmentation");
        }
        if (data.pointsPerShape() != net.points()) {
            throw new IllegalArgumentException("the " + what + " data has blocks of " + data.pointsPerShape()
                    + " points, the model takes " + net.points());
        }
        if (!data.classNames().equals(labels)) {
            throw new IllegalArgumentException("the " + what + " data's classes " + data.classNames()
                    + " are not the model's " + labels);
        }
        if (data instanceof SceneBlocks sb && !sb.inputs().equals(config(net).inputs())) {
            throw new IllegalArgumentException("the " + what + " blocks give " + sb.inputs() + ", the model takes "
                    + config(net).inputs());
        }
    }

    /**
     * Reads blocks: each sample through the augmenter (whose {@link ColumnCrop} crops the scene);
     * a sample still whole after it (validation passes, or an augmentation without a crop) takes
     * its fixed block ({@link SceneBlocks#block}).
     */
    @Override
    public LabelledBatch read(PointCloudDataset data, int[] indices, SampleAugmenter augmenter, int points) {
        int b = indices.length;
        float[] xyz = new float[b * points * 3];
        int[] targets = new int[b * points];
        BlockFeatures inputs = null;
        float[] features = null;
        int width = 0;
        for (int j = 0; j < b; j++) {
            Sample s = data.get(indices[j]);
            PointCloud block = augmenter.apply(indices[j], s.cloud());
            if (block.size() != points && data instanceof SceneBlocks sb) {
                block = sb.block(indices[j]).cloud();
            }
            if (block.size() != points) {
                throw new IllegalArgumentException("sample " + s.id() + " has " + block.size()
                        + " points after augmentation, the network takes " + points
                        + " (a scene network's augmentation starts with ColumnCrop(block, " + points + "))");
            }
            if (!block.hasLabels()) {
                throw new IllegalArgumentException("sample " + s.id() + " has no labels");
            }
            block.copyPositions(xyz, j * points * 3);
            System.arraycopy(block.labels(), 0, targets, j * points, points);
            if (j == 0) {
                inputs = featuresOf(data, block);
                width = inputs.width() - 3;
                features = width == 0 ? null : new float[b * points * width];
            }
            if (width > 0) {
                float[] packed = new float[points * inputs.width()];
                inputs.pack(block, packed, 0);
                for (int p = 0; p < points; p++) {
                    System.arraycopy(packed, p * inputs.width() + 3, features, (j * points + p) * width, width);
                }
            }
        }
        CloudBatch clouds = width == 0 ? CloudBatch.of(b, points, xyz)
                : CloudBatch.withFeatures(b, points, xyz, features, width);
        return new LabelledBatch(clouds, targets, indices);
    }

    /** The model's input channels when the data says them ({@link SceneBlocks#inputs()}), else the block's colours. */
    private static BlockFeatures featuresOf(PointCloudDataset data, PointCloud block) {
        return data instanceof SceneBlocks sb ? sb.inputs() : BlockFeatures.of(block.hasColors(), false, false);
    }

    /** PointNet++'s S3DIS weights, {@code (max f / f)^(1/3)}, from the points of the blocks' scenes. */
    @Override
    public double[] classWeights(PointCloudDataset data) {
        if (!(data instanceof SceneBlocks sb)) {
            return null;
        }
        return sb.classWeights();
    }

    @Override
    public Scorer scorer(NetworkConfig net, List<String> labels, int keepShapes) {
        return new BlockScorer(labels, net.outputs());
    }

    @Override
    public boolean needsCategory() {
        return false;
    }

    @Override
    public int categoryIndex(NetworkConfig net, List<String> labels, String name) {
        throw new IllegalArgumentException("a semantic-segmentation model takes no category");
    }

    /**
     * Treats one given cloud as one block (the network's points drawn from it; every other point takes
     * its nearest drawn point's class). Whole scans go through {@code Predictor.segmentScene}, which
     * tiles them.
     */
    @Override
    public Prediction decode(NetworkConfig net, List<String> labels, float[] outputs, int cloud, CloudInput input,
                             int category, int threads) {
        int n = net.points();
        int classes = net.outputs();
        int[] sampledLabels = new int[n];
        for (int p = 0; p < n; p++) {
            int o = (cloud * n + p) * classes;
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (outputs[o + c] > outputs[o + best]) {
                    best = c;
                }
            }
            sampledLabels[p] = best;
        }
        PointCloud given = input.cloud();
        KdTree tree = KdTree.build(input.positions(), n);
        int[] nearest = new int[given.size()];
        float[] d2 = new float[given.size()];
        tree.knn(given.positions(), given.size(), 1, nearest, d2, threads);
        int[] all = new int[given.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = nearest[i] < 0 ? SceneSegmentation.NO_LABEL : sampledLabels[nearest[i]];
        }
        return new SceneSegmentation(all, labels, "one block of " + n + " points");
    }

    /** Scores block points (labelled ones) by the argmax of their summed logits. */
    private static final class BlockScorer implements Scorer {
        private final SemanticSegmentationEvaluator eval;
        private final int classes;

        BlockScorer(List<String> labels, int classes) {
            this.eval = new SemanticSegmentationEvaluator(labels);
            this.classes = classes;
        }

        @Override
        public void add(LabelledBatch batch, LogitVotes outputs) {
            float[] sum = outputs.mean();
            int[] targets = batch.targets();
            int[] pred = new int[targets.length];
            for (int r = 0; r < targets.length; r++) {
                int o = r * classes;
                int best = 0;
                for (int c = 1; c < classes; c++) {
                    if (sum[o + c] > sum[o + best]) {
                        best = c;
                    }
                }
                pred[r] = best;
            }
            eval.add(targets, pred);
        }

        @Override
        public Evaluation result(double loss, int votes) {
            return new SemanticEvaluation(eval.result(), loss, votes, "validation blocks");
        }
    }
}

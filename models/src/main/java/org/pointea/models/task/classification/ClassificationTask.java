package org.pointea.models.task.classification;

import java.util.List;
import org.pointea.eval.ConfusionMatrix;
import org.pointea.eval.LogitVotes;
import org.pointea.io.dataset.CachedDataset;
import org.pointea.io.dataset.ModelNetDataset;
import org.pointea.io.dataset.PointCloudDataset;
import org.pointea.io.dataset.Sample;
import org.pointea.io.dataset.Task;
import org.pointea.models.data.Augmentations;
import org.pointea.models.data.Preprocessing;
import org.pointea.models.data.SampleAugmenter;
import org.pointea.models.network.CloudBatch;
import org.pointea.models.network.NetworkConfig;
import org.pointea.models.task.CloudInput;
import org.pointea.models.task.Evaluation;
import org.pointea.models.task.LabelledBatch;
import org.pointea.models.task.ModelTask;
import org.pointea.models.task.Prediction;
import org.pointea.models.task.Scorer;
import org.pointea.pointcloud.PointCloud;

/**
 * Shape classification: one class per cloud (ModelNet and every dataset of
 * {@link Task#CLASSIFICATION}), scored by OA and mean class accuracy, predicted as a
 * {@link Classification}. PCT's recipe: label smoothing 0.2, batch 32, its dropout / scale /
 * translate / shuffle augmentation, best model by validation OA.
 */
public final class ClassificationTask implements ModelTask {
    /** The id in {@code model.json}. */
    public static final String ID = "classification";
    /** The default test-time augmentation of votes (RS-CNN / PointMLP style scaling). */
    public static final String VOTE_AUGMENTATION = "scale(0.85,1.15),shuffle";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<String> aliases() {
        return List.of("cls");
    }

    @Override
    public String title() {
        return "classification";
    }

    @Override
    public Task datasetTask() {
        return Task.CLASSIFICATION;
    }

    @Override
    public int defaultBatchSize() {
        return 32;
    }

    @Override
    public double defaultSmoothing() {
        return 0.2;
    }

    @Override
    public String defaultAugmentation() {
        return Augmentations.PCT;
    }

    @Override
    public String defaultVoteAugmentation() {
        return VOTE_AUGMENTATION;
    }

    @Override
    public boolean perPointOutputs() {
        return false;
    }

    @Override
    public String selectionMetric() {
        return "acc";
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

    @Override
    public CachedDataset.BaseBuilder<?> datasetBuilder() {
        return ModelNetDataset.builder();
    }

    @Override
    public Preprocessing defaultPreprocessing() {
        return Preprocessing.fpsUnitSphere();
    }

    @Override
    public void checkData(NetworkConfig net, List<String> labels, PointCloudDataset data, String what) {
        if (data.task() != Task.CLASSIFICATION) {
            throw new IllegalArgumentException("the " + what + " data is not for classification");
        }
        if (data.pointsPerShape() != net.points()) {
            throw new IllegalArgumentException("the " + what + " data has " + data.pointsPerShape()
                    + " points per shape, the model takes " + net.points());
        }
        if (!data.classNames().equals(labels)) {
            throw new IllegalArgumentException("the " + what + " data's classes " + data.classNames()
                    + " differ from the model's " + labels);
        }
    }

    @Override
    public LabelledBatch read(PointCloudDataset data, int[] indices, SampleAugmenter augmenter, int points) {
        int b = indices.length;
        float[] xyz = new float[b * points * 3];
        int[] labels = new int[b];
        for (int j = 0; j < b; j++) {
            Sample s = data.get(indices[j]);
            PointCloud cloud = augmenter.apply(indices[j], s.cloud());
            if (cloud.size() != points) {
                throw new IllegalArgumentException("shape " + s.id() + " has " + cloud.size()
                        + " points after augmentation, the network takes " + points);
            }
            cloud.copyPositions(xyz, j * points * 3);
            labels[j] = s.label();
        }
        return new LabelledBatch(CloudBatch.of(b, points, xyz), labels, indices);
    }

    @Override
    public Scorer scorer(NetworkConfig net, List<String> labels, int keepShapes) {
        return new ClassificationScorer(labels);
    }

    @Override
    public boolean needsCategory() {
        return false;
    }

    @Override
    public int categoryIndex(NetworkConfig net, List<String> labels, String name) {
        throw new IllegalArgumentException("a classifier takes no object category");
    }

    @Override
    public Prediction decode(NetworkConfig net, List<String> labels, float[] outputs, int cloud, CloudInput input,
                             int category, int threads) {
        int k = net.outputs();
        return new Classification(java.util.Arrays.copyOfRange(outputs, cloud * k, (cloud + 1) * k), labels);
    }

    /** Accumulates a confusion matrix, and each shape's label and prediction in dataset order. */
    private static final class ClassificationScorer implements Scorer {
        private final List<String> names;
        private final ConfusionMatrix cm;
        private int[] labels = new int[0];
        private int[] predictions = new int[0];

        ClassificationScorer(List<String> names) {
            this.names = names;
            this.cm = new ConfusionMatrix(names.size());
        }

        @Override
        public void add(LabelledBatch batch, LogitVotes outputs) {
            int[] pred = outputs.argmax();
            cm.add(batch.targets(), pred);
            for (int j = 0; j < batch.indices().length; j++) {
                int i = batch.indices()[j];
                if (i >= labels.length) {
                    int n = Math.max(i + 1, labels.length * 2);
                    labels = java.util.Arrays.copyOf(labels, n);
                    predictions = java.util.Arrays.copyOf(predictions, n);
                }
                labels[i] = batch.targets()[j];
                predictions[i] = pred[j];
            }
        }

        @Override
        public Evaluation result(double loss, int votes) {
            int n = (int) cm.total();
            return new ClassificationEvaluation(cm.result(names), loss, votes, java.util.Arrays.copyOf(labels, n),
                    java.util.Arrays.copyOf(predictions, n));
        }
    }
}
